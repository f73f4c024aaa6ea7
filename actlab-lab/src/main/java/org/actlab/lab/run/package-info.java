/**
 * The shared training runner that the CLI's {@code train} and the web server both call: a plain
 * {@link org.actlab.lab.run.RunConfig}, a {@link org.actlab.lab.run.TrainingRun}, and a JSON-ready result.
 * Experiments with verdicts live in {@code org.actlab.lab.experiment}.
 */
package org.actlab.lab.run;

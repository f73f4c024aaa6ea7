/**
 * The lecture's claims about activation functions as runnable experiments: each measures figures over
 * seeded runs (layer health through {@code org.actlab.diagnose}) and computes a verdict against a stated criterion.
 * An experiment is a list of serialisable {@link org.actlab.lab.experiment.Trial}s, a pure function
 * that runs one, and a reduction of the results; a {@link org.actlab.lab.experiment.TrialExecutor}
 * runs the trials (one after the other today; a pool or a cluster behind the same interface).
 * Rendering (HTML, charts, JSON files) lives in {@code org.actlab.lab.report}.
 */
package org.actlab.lab.experiment;

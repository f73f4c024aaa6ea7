/**
 * Sweeps: many training runs over a grid or a random search of {@code RunConfig} options, times
 * seeds. A {@link org.actlab.lab.sweep.SweepSpec} expands into trials (each a whole run description);
 * any {@code TrialExecutor} runs them; {@link org.actlab.lab.sweep.SweepStore} commits each result
 * to its own file atomically, so an interrupted sweep resumes with every trial exactly once; the
 * results become one table (CSV and Parquet) and an HTML report.
 */
package org.actlab.lab.sweep;

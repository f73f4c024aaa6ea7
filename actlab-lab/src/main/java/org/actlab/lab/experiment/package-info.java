/**
 * The lecture's claims about activation functions as runnable experiments: each measures figures over
 * seeded runs (layer health through {@code org.actlab.diagnose}) and computes a verdict against a stated criterion.
 * Rendering (HTML, charts, JSON files) lives in {@code org.actlab.lab.report}.
 */
package org.actlab.lab.experiment;

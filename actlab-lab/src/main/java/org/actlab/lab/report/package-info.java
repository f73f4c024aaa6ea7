/**
 * Renders experiment results: the self-contained HTML report with inline SVG charts (JFreeChart
 * drawn through JFreeSVG), results.json, and the run-all runner behind {@code actlab report}.
 * The experiments themselves live in {@code org.actlab.lab.experiment}.
 */
package org.actlab.lab.report;

/**
 * Replications of published results on activation functions: each runs a reduced version of the
 * paper's setup, shows the paper's figures beside ours, and computes a verdict ({@code reproduced},
 * {@code partly}, {@code not_reproduced}) from a criterion fixed in code before the run, with the
 * differences in setup stated.
 */
package org.actlab.lab.replicate;

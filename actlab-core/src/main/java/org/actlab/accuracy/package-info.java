/**
 * The accuracy audit: ULP errors of every activation's value and derivative through the bulk kernels against an independent
 * double-precision {@link org.actlab.accuracy.Reference}, on a seeded sample ({@link org.actlab.accuracy.AccuracyAudit}) or on
 * every float ({@link org.actlab.accuracy.ExhaustiveAudit}). Activations live in {@code org.actlab.activation}, kernels in {@code org.actlab.kernel}.
 */
package org.actlab.accuracy;

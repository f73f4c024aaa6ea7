/**
 * The activation catalogue: every common element-wise activation with its exact derivative, as
 * immutable values parsed from spec strings by {@link org.actlab.activation.Activations}.
 * Scalar, per-element evaluation lives here; bulk array kernels live in {@code org.actlab.kernel}.
 */
package org.actlab.activation;

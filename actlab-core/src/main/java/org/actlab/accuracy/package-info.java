/**
 * The accuracy audit: measures the ULP error of every activation's value and derivative through the
 * bulk kernels (scalar and Vector API) against an independent double-precision {@link org.actlab.accuracy.Reference}.
 * The activations themselves live in {@code org.actlab.activation}, the kernels in {@code org.actlab.kernel}.
 */
package org.actlab.accuracy;

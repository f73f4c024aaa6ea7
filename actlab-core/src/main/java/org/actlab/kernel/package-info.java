/**
 * Bulk kernels over float arrays: activation forward and backward, matrix multiply and the
 * optimisers' parameter updates. A scalar twin and a Vector API implementation are chosen once by
 * {@link org.actlab.kernel.Kernels}; only the {@code Vector*} classes here may touch
 * {@code jdk.incubator.vector}, and only {@code JvmProvider} loads them (and the intrinsic FMA
 * route), by name, so that the scalar path also compiles for the browser (TeaVM).
 * {@link org.actlab.kernel.FloatFma} chooses how the scalar path computes a fused multiply-add.
 */
package org.actlab.kernel;

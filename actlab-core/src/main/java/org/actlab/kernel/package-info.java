/**
 * Bulk kernels over float arrays: activation forward and backward, and matrix multiply. A scalar
 * twin and a Vector API implementation are chosen once by {@link org.actlab.kernel.Kernels};
 * only the {@code Vector*} classes here may touch {@code jdk.incubator.vector}.
 */
package org.actlab.kernel;

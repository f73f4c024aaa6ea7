/**
 * The training engine: dense networks with any activation per layer, losses, initialisers,
 * optimisers, seeded training, listeners and persistence. Data sets live in {@code org.actlab.data};
 * the matrix-multiply and activation kernels live in {@code org.actlab.kernel} (actlab-core).
 */
package org.actlab.nn;

/**
 * Seeded pseudorandom numbers that are the same on every platform actlab runs on: the JVM and the
 * browser build (TeaVM), which has no {@code java.util.SplittableRandom} and other algorithms behind
 * {@code nextGaussian} and bounded {@code nextInt}. No I/O and no reflection live here.
 */
package org.actlab.random;

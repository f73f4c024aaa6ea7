package org.actlab.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.actlab.activation.Activation;
import org.actlab.activation.RRelu;

/**
 * Piecewise-linear activations in float lanes: compares, blends and at most one multiply per
 * element, so every result is the same float the scalar {@link Activation#apply} and
 * {@link Activation#derivative} give (both are exact or one correctly rounded product).
 *
 * <p>The blends are ordered so that NaN passes through: every compare with NaN is false, so a
 * NaN lane keeps the input (forward) or is replaced by the input NaN (derivative). The loop tails
 * go through the scalar {@link Activation}, which gives bit-identical results here.
 *
 * <p>Backward passes form f'(z) as a vector and multiply, dZ = dA · f'(z), so that signed zeros,
 * infinities and NaN in dA propagate exactly as in the scalar twin.
 *
 * <p>Each loop is self-contained: no vector or mask crosses a call to a method of ours. The NaN
 * test {@code x.compare(NE, x)} is written out in every loop, not in a helper: a helper returning a
 * {@code VectorMask} was refused inlining by C2 in some fresh JVMs ("unloaded signature classes":
 * the application class loader had not yet resolved {@code VectorMask} when the loop compiled),
 * and the boxed mask and vector then ran the Vector API's Java fallback, 28-44 ns per element
 * instead of 0.2 (docs/BENCHMARKS.md, "Vector API fallback in fresh JVMs").
 */
final class VectorPiecewise {

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    /**
     * The species of the step-mask loops: the preferred one when a {@link StepMask} row of
     * {@value StepMask#WIDTH} elements holds whole vectors of it, else 512 bits (16 lanes).
     */
    private static final VectorSpecies<Float> M = StepMask.WIDTH % F.length() == 0 ? F : FloatVector.SPECIES_512;
    private static final VectorSpecies<Integer> MI = VectorSpecies.of(int.class, M.vectorShape());
    private static final int ONE_BITS = Float.floatToRawIntBits(1f);
    /** The smallest NaN's bits without the sign: |z|'s bits at or above it are a NaN. */
    private static final int NAN_FLOOR = 0x7f800001;

    private VectorPiecewise() {
    }

    /**
     * f(z) = z if z > threshold (or NaN), else value; relu is threshold(0, 0).
     */
    static void thresholdForward(Activation f, float threshold, float value,
                                 float[] z, int zOff, float[] a, int aOff, int n) {
        FloatVector thresholds = FloatVector.broadcast(F, threshold);
        FloatVector values = FloatVector.broadcast(F, value);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, z, zOff + i);
            x.blend(values, x.compare(VectorOperators.LE, thresholds)).intoArray(a, aOff + i);
        }
        scalarForwardTail(f, z, zOff, a, aOff, i, n);
    }

    /**
     * f'(z) = 1 if z > threshold, else {@code below}; NaN for NaN: relu, threshold and
     * thresholded_relu (below 0), leaky_relu and prelu (threshold 0, below their slope).
     */
    static void stepBackward(Activation f, float threshold, float below, float[] z, int zOff, float[] dA, int dAOff,
                             float[] dZ, int dZOff, int n) {
        FloatVector belows = FloatVector.broadcast(F, below);
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector thresholds = FloatVector.broadcast(F, threshold);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, z, zOff + i);
            FloatVector slope = belows.blend(one, x.compare(VectorOperators.GT, thresholds))
                    .blend(x, x.compare(VectorOperators.NE, x));
            FloatVector.fromArray(F, dA, dAOff + i).mul(slope).intoArray(dZ, dZOff + i);
        }
        scalarBackwardTail(f, z, zOff, dA, dAOff, dZ, dZOff, i, n);
    }

    /**
     * relu (slope 0) or leaky_relu (slope != 0): a = f(z) with the bits of {@link #thresholdForward}
     * and {@link #leakyForward}, and the z &gt; 0 bits in {@link StepMask}'s layout from
     * {@code mask[maskOff]}, then the NaN word. Whole blocks: each row's vector of z gives its lanes'
     * bits by integer operations (((~b) &amp; (−b)) &gt;&gt;&gt; 31 for z's bits b, as {@link StepMask#bit})
     * shifted to the row's place, ORed into one int vector per block column. The last, partial block:
     * bits by the scalar twin's loop ({@link StepMask#recordBits}), then a by the same loops as {@link ActivationKernels#forward}
     * (after the bits, so that z may be a), so that every element gets today's float, NaN payloads
     * included.
     */
    static void forwardWithMask(Activation f, float slope, float[] z, int zOff, float[] a, int aOff,
                                int[] mask, int maskOff, int n) {
        FloatVector slopes = FloatVector.broadcast(M, slope);
        FloatVector zero = FloatVector.zero(M);
        IntVector magnitudeMax = IntVector.zero(MI);
        int i = 0;
        int w = maskOff;
        for (int bound = n - n % StepMask.BLOCK; i < bound; i += StepMask.BLOCK, w += StepMask.WIDTH) {
            for (int l = 0; l < StepMask.WIDTH; l += M.length()) {
                IntVector word = IntVector.zero(MI);
                for (int j = 0; j < Integer.SIZE; j++) {
                    int e = i + j * StepMask.WIDTH + l;
                    FloatVector x = FloatVector.fromArray(M, z, zOff + e);
                    IntVector b = x.reinterpretAsInts();
                    magnitudeMax = magnitudeMax.max(b.and(0x7fffffff));
                    word = word.or(b.not().and(b.neg()).lanewise(VectorOperators.LSHR, 31).lanewise(VectorOperators.LSHL, j));
                    if (slope == 0) {
                        x.blend(zero, x.compare(VectorOperators.LE, zero)).intoArray(a, aOff + e);
                    } else {
                        x.mul(slopes).blend(x, x.compare(VectorOperators.GT, zero)).intoArray(a, aOff + e);
                    }
                }
                word.intoArray(mask, w + l);
            }
        }
        boolean nan = magnitudeMax.reduceLanes(VectorOperators.MAX) >= NAN_FLOOR;
        if (i < n) {
            nan |= StepMask.recordBits(z, zOff, mask, maskOff, i, n);
            if (slope == 0) {
                thresholdForward(f, 0f, 0f, z, zOff + i, a, aOff + i, n - i);
            } else {
                leakyForward(f, slope, z, zOff + i, a, aOff + i, n - i);
            }
        }
        StepMask.recordNaN(mask, maskOff, n, nan);
    }

    /**
     * dZ = dA · (1 where the {@link StepMask} bit is set, else {@code below}), from the mask's
     * ints alone: per block column, one int vector; per row, each lane's bit shifted into the sign
     * bit and spread over the lane (shift left by 31 − j, arithmetic shift right by 31) selects the
     * bits of 1f or of {@code below}. The product is {@link #stepBackward}'s, with the same factors.
     * The last, partial block runs the scalar twin's loop ({@link StepMask#multiply}). dZ may be dA.
     */
    static void backwardFromMask(float below, int[] mask, int maskOff, float[] dA, int dAOff,
                                 float[] dZ, int dZOff, int n) {
        int belowBits = Float.floatToRawIntBits(below);
        int i = 0;
        int w = maskOff;
        for (int bound = n - n % StepMask.BLOCK; i < bound; i += StepMask.BLOCK, w += StepMask.WIDTH) {
            for (int l = 0; l < StepMask.WIDTH; l += M.length()) {
                IntVector word = IntVector.fromArray(MI, mask, w + l);
                for (int j = 0; j < Integer.SIZE; j++) {
                    int e = i + j * StepMask.WIDTH + l;
                    IntVector set = word.lanewise(VectorOperators.LSHL, Integer.SIZE - 1 - j)
                            .lanewise(VectorOperators.ASHR, Integer.SIZE - 1);
                    IntVector slopeBits = set.and(ONE_BITS).or(set.not().and(belowBits));
                    FloatVector.fromArray(M, dA, dAOff + e).mul(slopeBits.reinterpretAsFloats()).intoArray(dZ, dZOff + e);
                }
            }
        }
        StepMask.multiply(below, mask, maskOff, dA, dAOff, dZ, dZOff, i, n);
    }

    /** f(z) = z if z > 0 (or NaN), else slope · z (correctly rounded); slope != 0. */
    static void leakyForward(Activation f, float slope, float[] z, int zOff, float[] a, int aOff, int n) {
        FloatVector slopes = FloatVector.broadcast(F, slope);
        FloatVector zero = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, z, zOff + i);
            x.mul(slopes).blend(x, x.compare(VectorOperators.GT, zero)).intoArray(a, aOff + i);
        }
        scalarForwardTail(f, z, zOff, a, aOff, i, n);
    }

    /**
     * Σ dA_i · z_i over z_i &lt;= 0 (and NaN z_i), the prelu slope gradient, summed in double lanes:
     * each float product is exact in double, so the sum is accurate to about 2^-50 of Σ|dA z|.
     */
    static double leakySlopeGradient(float[] z, int zOff, float[] dA, int dAOff, int n) {
        VectorSpecies<Float> half = VectorTranscendentals.FH;
        DoubleVector zero = DoubleVector.zero(VectorTranscendentals.D);
        DoubleVector sum = zero;
        int i = 0;
        for (int bound = half.loopBound(n); i < bound; i += half.length()) {
            DoubleVector x = VectorTranscendentals.widen(FloatVector.fromArray(half, z, zOff + i));
            DoubleVector up = VectorTranscendentals.widen(FloatVector.fromArray(half, dA, dAOff + i));
            // x > 0 contributes nothing; a NaN x keeps its NaN, as the scalar sum would.
            sum = x.blend(zero, x.compare(VectorOperators.GT, zero)).fma(up, sum);
        }
        double total = sum.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            float x = z[zOff + i];
            if (!(x > 0)) {
                total += (double) dA[dAOff + i] * x;
            }
        }
        return total;
    }

    /**
     * Clamp: f(z) = low if z &lt; low (z &lt;= low when {@code lowInclusive}), high if z > high, else z.
     * hard_tanh uses a strict lower compare (hard_tanh(−0) = −0); relu6 an inclusive one (relu6(−0) = +0).
     */
    static void clampForward(Activation f, float low, boolean lowInclusive, float high,
                             float[] z, int zOff, float[] a, int aOff, int n) {
        VectorOperators.Comparison below = lowInclusive ? VectorOperators.LE : VectorOperators.LT;
        FloatVector lows = FloatVector.broadcast(F, low);
        FloatVector highs = FloatVector.broadcast(F, high);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, z, zOff + i);
            x.blend(lows, x.compare(below, lows)).blend(highs, x.compare(VectorOperators.GT, highs))
                    .intoArray(a, aOff + i);
        }
        scalarForwardTail(f, z, zOff, a, aOff, i, n);
    }

    /** f'(z) = {@code inside} on the open interval (low, high), else 0 (0 at both corners); NaN for NaN. */
    static void intervalBackward(Activation f, float low, float high, float inside, float[] z, int zOff,
                                 float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        FloatVector zero = FloatVector.zero(F);
        FloatVector insides = FloatVector.broadcast(F, inside);
        FloatVector lows = FloatVector.broadcast(F, low);
        FloatVector highs = FloatVector.broadcast(F, high);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, z, zOff + i);
            VectorMask<Float> within = x.compare(VectorOperators.GT, lows).and(x.compare(VectorOperators.LT, highs));
            FloatVector derivative = zero.blend(insides, within).blend(x, x.compare(VectorOperators.NE, x));
            FloatVector.fromArray(F, dA, dAOff + i).mul(derivative).intoArray(dZ, dZOff + i);
        }
        scalarBackwardTail(f, z, zOff, dA, dAOff, dZ, dZOff, i, n);
    }

    /**
     * rrelu backward from the forward outputs, as the scalar twin: f'(z) = 1 for z > 0; for finite
     * z &lt; 0 the inference slope when a = inference·z exactly, else a/z (the slope the training
     * forward drew); the inference slope at z = 0 and z = −∞; NaN for NaN.
     */
    static void rreluBackward(RRelu f, float[] z, int zOff, float[] a, int aOff, float[] dA, int dAOff,
                              float[] dZ, int dZOff, int n) {
        FloatVector inference = FloatVector.broadcast(F, f.inferenceSlope());
        FloatVector zero = FloatVector.zero(F);
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector minusInfinity = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, z, zOff + i);
            FloatVector out = FloatVector.fromArray(F, a, aOff + i);
            VectorMask<Float> recoverable = x.compare(VectorOperators.LT, zero)
                    .and(x.compare(VectorOperators.GT, minusInfinity))
                    .and(out.compare(VectorOperators.NE, inference.mul(x)));
            FloatVector derivative = inference.blend(out.div(x), recoverable)
                    .blend(one, x.compare(VectorOperators.GT, zero)).blend(x, x.compare(VectorOperators.NE, x));
            FloatVector.fromArray(F, dA, dAOff + i).mul(derivative).intoArray(dZ, dZOff + i);
        }
        if (i < n) {
            ScalarActivationKernels.rreluBackward(f, z, zOff + i, a, aOff + i, dA, dAOff + i, dZ, dZOff + i, n - i);
        }
    }

    /**
     * softshrink (x ∓ λ outside [−λ, λ], else 0; {@code soft}) or hardshrink (x outside, else 0);
     * NaN passes. The float difference x − λ is correctly rounded, as the scalar's double one
     * rounded once.
     */
    static void shrinkForward(Activation f, float lambda, boolean soft, float[] z, int zOff, float[] a, int aOff,
                              int n) {
        FloatVector lambdas = FloatVector.broadcast(F, lambda);
        FloatVector minusLambdas = FloatVector.broadcast(F, -lambda);
        FloatVector zero = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, z, zOff + i);
            VectorMask<Float> above = x.compare(VectorOperators.GT, lambdas);
            VectorMask<Float> below = x.compare(VectorOperators.LT, minusLambdas);
            FloatVector y = soft ? zero.blend(x.sub(lambdas), above).blend(x.add(lambdas), below)
                    : zero.blend(x, above.or(below));
            y.blend(x, x.compare(VectorOperators.NE, x)).intoArray(a, aOff + i);
        }
        scalarForwardTail(f, z, zOff, a, aOff, i, n);
    }

    /*
     * Shaped like intervalBackward but not the same function: 1 outside the closed [−λ, λ], where
     * intervalBackward is a value inside an open interval; one loop for both would need a flag or
     * nextUp/nextDown bounds, less clear than two short loops.
     */

    /** softshrink' = hardshrink' = 1 where |x| > λ, else 0 (0 at ±λ); NaN for NaN. */
    static void shrinkBackward(Activation f, float lambda, float[] z, int zOff, float[] dA, int dAOff,
                               float[] dZ, int dZOff, int n) {
        FloatVector lambdas = FloatVector.broadcast(F, lambda);
        FloatVector minusLambdas = FloatVector.broadcast(F, -lambda);
        FloatVector zero = FloatVector.zero(F);
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, z, zOff + i);
            VectorMask<Float> outside = x.compare(VectorOperators.GT, lambdas).or(x.compare(VectorOperators.LT, minusLambdas));
            FloatVector slope = zero.blend(one, outside).blend(x, x.compare(VectorOperators.NE, x));
            FloatVector.fromArray(F, dA, dAOff + i).mul(slope).intoArray(dZ, dZOff + i);
        }
        scalarBackwardTail(f, z, zOff, dA, dAOff, dZ, dZOff, i, n);
    }

    /** Identity backward: f' = 1 (also at ±Inf), NaN for NaN. */
    static void identityBackward(Activation f, float[] z, int zOff, float[] dA, int dAOff,
                                 float[] dZ, int dZOff, int n) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, z, zOff + i);
            FloatVector.fromArray(F, dA, dAOff + i).mul(one.blend(x, x.compare(VectorOperators.NE, x)))
                    .intoArray(dZ, dZOff + i);
        }
        scalarBackwardTail(f, z, zOff, dA, dAOff, dZ, dZOff, i, n);
    }

    /** a = f(z) by the scalar activation from element {@code from} to n (bit-identical where the loops are). */
    static void scalarForwardTail(Activation f, float[] z, int zOff, float[] a, int aOff, int from, int n) {
        for (int i = from; i < n; i++) {
            a[aOff + i] = f.apply(z[zOff + i]);
        }
    }

    /** dZ = dA · f'(z) by the scalar activation from element {@code from} to n. */
    static void scalarBackwardTail(Activation f, float[] z, int zOff, float[] dA, int dAOff,
                                           float[] dZ, int dZOff, int from, int n) {
        for (int i = from; i < n; i++) {
            dZ[dZOff + i] = dA[dAOff + i] * f.derivative(z[zOff + i]);
        }
    }
}

package org.actlab.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
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

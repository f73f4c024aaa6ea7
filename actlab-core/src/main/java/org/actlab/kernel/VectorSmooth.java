package org.actlab.kernel;

import static org.actlab.kernel.VectorTranscendentals.backwardTail;
import static org.actlab.kernel.VectorTranscendentals.D;
import static org.actlab.kernel.VectorTranscendentals.FH;
import static org.actlab.kernel.VectorTranscendentals.forwardTail;
import static org.actlab.kernel.VectorTranscendentals.FOUR;
import static org.actlab.kernel.VectorTranscendentals.LANES;
import static org.actlab.kernel.VectorTranscendentals.limits;
import static org.actlab.kernel.VectorTranscendentals.load;
import static org.actlab.kernel.VectorTranscendentals.MINUS_TWO;
import static org.actlab.kernel.VectorTranscendentals.ONE;
import static org.actlab.kernel.VectorTranscendentals.round;
import static org.actlab.kernel.VectorTranscendentals.storeScaled;
import static org.actlab.kernel.VectorTranscendentals.TWO;
import static org.actlab.kernel.VectorTranscendentals.widen;
import static org.actlab.kernel.VectorTranscendentals.ZERO;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.actlab.activation.Activation;

/**
 * The smooth activations built on the logistic and softplus: softplus and log_sigmoid (forward and
 * backward), mish (forward and backward), and the backward passes of silu and gelu_tanh. Double
 * lanes, e^y from {@link VectorTranscendentals#exp} (2^-31), log1p from the Vector API's
 * {@code LOG1P} (Intel SVML on x86, else {@code Math.log1p} per lane), rounded once to float, as in
 * {@link VectorTranscendentals}.
 *
 * <p>Where a derivative has a root (silu' at −1.278, gelu_tanh' at −0.752, mish' at −1.192), the
 * value there is a small difference of terms of size 1 and an e^y good to 2^-31 is not enough
 * for 1 ULP; the lanes within {@link #ROOT_WINDOW} of the root are recomputed by the scalar twin
 * (about 4 % of uniform inputs in [−6, 6] touch a window). ±∞ lanes take the function's limits
 * from the scalar activation; NaN passes through every step as NaN.
 */
final class VectorSmooth {


    /** Half-width of the interval around a root of f' that the scalar twin computes: |f'| >= 2^-5 outside. */
    static final double ROOT_WINDOW = 0.25;
    static final double SILU_SLOPE_ROOT = -1.2784645;
    static final double GELU_TANH_SLOPE_ROOT = -0.7522388;
    static final double MISH_SLOPE_ROOT = -1.1924312;

    private static final long SIGN = 0x8000000000000000L;
    /** e^y below −700 is under every float once divided by any float beta; 2^k stays normal. */
    private static final DoubleVector EXP_LOW = DoubleVector.broadcast(D, -700);
    /** Below this, Math.exp gives 0: ln 2^-1075. */
    private static final DoubleVector EXP_UNDERFLOW = DoubleVector.broadcast(D, -745.1332191019412);
    private static final LongVector SIGN_BIT = LongVector.broadcast(LongVector.SPECIES_PREFERRED, SIGN);
    private static final DoubleVector SQRT_2_OVER_PI = DoubleVector.broadcast(D, 0.79788456080286535588);
    private static final DoubleVector GELU_CUBIC = DoubleVector.broadcast(D, 0.044715);
    private static final DoubleVector GELU_CUBIC_3 = DoubleVector.broadcast(D, 3 * 0.044715);

    private static final FloatVector PLUS_INFINITY = FloatVector.broadcast(FH, Float.POSITIVE_INFINITY);
    private static final FloatVector MINUS_INFINITY = FloatVector.broadcast(FH, Float.NEGATIVE_INFINITY);
    private static final FloatVector F_ONE = FloatVector.broadcast(FH, 1f);
    private static final FloatVector F_ZERO = FloatVector.zero(FH);
    private static final FloatVector F_MINUS_ZERO = FloatVector.broadcast(FH, -0f);
    private static final RootWindow SILU_WINDOW = new RootWindow(SILU_SLOPE_ROOT);
    private static final RootWindow GELU_TANH_WINDOW = new RootWindow(GELU_TANH_SLOPE_ROOT);
    private static final RootWindow MISH_WINDOW = new RootWindow(MISH_SLOPE_ROOT);

    /**
     * The open interval (low, high) of floats within {@link #ROOT_WINDOW} of a root of f', as
     * floats and as float vectors (a record: C2 trusts its final fields, so the loops read constants).
     */
    private record RootWindow(float low, float high, FloatVector lowV, FloatVector highV) {
        RootWindow(double root) {
            this((float) (root - ROOT_WINDOW), (float) (root + ROOT_WINDOW));
        }

        private RootWindow(float low, float high) {
            this(low, high, FloatVector.broadcast(FH, low), FloatVector.broadcast(FH, high));
        }
    }

    private VectorSmooth() {
    }

    // ---- lane helpers: vectors in, vectors out, static final constants only (see VectorTranscendentals) ----

    /**
     * e^{−|y|} as double's Math.exp gives it where that matters: the argument clamped at −700 (where
     * 2^k is still normal), and 0 below ln 2^-1075, where Math.exp underflows. The scalar twin's
     * signs of zero in the far tails (x · 0 = −0 for x &lt; 0) depend on that exact 0. NaN passes.
     */
    private static DoubleVector expNegMag(DoubleVector y) {
        DoubleVector m = y.reinterpretAsLongs().lanewise(VectorOperators.OR, SIGN_BIT).reinterpretAsDoubles();
        DoubleVector e = VectorTranscendentals.exp(m.blend(EXP_LOW, m.compare(VectorOperators.LT, EXP_LOW)));
        return e.blend(ZERO, m.compare(VectorOperators.LT, EXP_UNDERFLOW));
    }

    // ---- softplus(beta, threshold) and log_sigmoid = −softplus(−x) ----

    /** softplus: x where beta x > threshold or x is NaN, else (max(bx, 0) + log1p(e^{−|bx|}))/beta. */
    static void softplusForward(float beta, float threshold, float[] z, int zOff, float[] a, int aOff, int n) {
        DoubleVector b = DoubleVector.broadcast(D, beta);
        DoubleVector limit = DoubleVector.broadcast(D, threshold);
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            DoubleVector bx = x.mul(b);
            DoubleVector sp = bx.max(ZERO).add(expNegMag(bx).lanewise(VectorOperators.LOG1P));
            DoubleVector y = sp.div(b).blend(x, bx.compare(VectorOperators.GT, limit).or(x.compare(VectorOperators.NE, x)));
            round(y).intoArray(a, aOff + i);
        }
        forwardTail((zz, zo, aa, ao, m) -> softplusForward(beta, threshold, zz, zo, aa, ao, m), z, zOff, a, aOff, n);
    }

    /** softplus' = σ(beta x), 1 where beta x > threshold. */
    static void softplusBackward(float beta, float threshold, float[] z, int zOff, float[] dA, int dAOff,
                                 float[] dZ, int dZOff, int n) {
        DoubleVector b = DoubleVector.broadcast(D, beta);
        DoubleVector limit = DoubleVector.broadcast(D, threshold);
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector bx = load(z, zOff + i).mul(b);
            DoubleVector y = logistic(bx).blend(ONE, bx.compare(VectorOperators.GT, limit));
            storeScaled(y, dA, dAOff + i, dZ, dZOff + i);
        }
        backwardTail((zz, zo, dd, dOff, gg, go, m) -> softplusBackward(beta, threshold, zz, zo, dd, dOff, gg, go, m), z, zOff,
                dA, dAOff, dZ, dZOff, n);
    }

    /** log σ(x) = min(x, 0) − log1p(e^{−|x|}); −0 at +∞. */
    static void logSigmoidForward(float[] z, int zOff, float[] a, int aOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            FloatVector xf = FloatVector.fromArray(FH, z, zOff + i);
            DoubleVector x = widen(xf);
            DoubleVector y = x.min(ZERO).sub(expNegMag(x).lanewise(VectorOperators.LOG1P));
            limits(round(y), xf, F_MINUS_ZERO, MINUS_INFINITY).intoArray(a, aOff + i);
        }
        forwardTail(VectorSmooth::logSigmoidForward, z, zOff, a, aOff, n);
    }

    /** log_sigmoid' = σ(−x). */
    static void logSigmoidBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector y = logistic(load(z, zOff + i).neg());
            storeScaled(y, dA, dAOff + i, dZ, dZOff + i);
        }
        backwardTail(VectorSmooth::logSigmoidBackward, z, zOff, dA, dAOff, dZ, dZOff, n);
    }

    /** σ(x) = 1/(1+t) for x >= 0, t/(1+t) below, t = e^{−|x|}; NaN for NaN. */
    private static DoubleVector logistic(DoubleVector x) {
        DoubleVector t = expNegMag(x);
        return ONE.blend(t, x.compare(VectorOperators.LT, ZERO)).div(t.add(ONE));
    }

    // ---- silu' and gelu_tanh' ----

    /** silu'(x) = σ(x)(1 + x σ(−x)); lanes near the root go to the scalar twin. */
    static void siluBackward(Activation f, float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        runPhases(SILU, f, SILU_WINDOW, z, zOff, dA, dAOff, dZ, dZOff, n);
    }

    /** Phase 2 of silu', from e = e^{−|x|}. */
    private static void siluSlopes(Activation f, RootWindow window, float[] z, int zOff, double[] e, float[] dA, int dAOff,
                                   float[] dZ, int dZOff, int count) {
        for (int i = 0; i < count; i += LANES) {
            FloatVector xf = FloatVector.fromArray(FH, z, zOff + i);
            DoubleVector x = widen(xf);
            DoubleVector t = DoubleVector.fromArray(D, e, i);
            VectorMask<Double> negative = x.compare(VectorOperators.LT, ZERO);
            DoubleVector r = ONE.div(t.add(ONE));
            DoubleVector s = r.blend(t.mul(r), negative);
            DoubleVector sMinus = t.mul(r).blend(r, negative);
            DoubleVector y = s.mul(x.fma(sMinus, ONE));
            storeSlope(y, xf, dA, dAOff + i, dZ, dZOff + i);
        }
    }

    /**
     * gelu_tanh'(x) = σ(2u) + x · 2u'(x) · σ'(2u), u = sqrt(2/π)(x + 0.044715 x³),
     * u' = sqrt(2/π)(1 + 3 · 0.044715 x²); lanes near the root go to the scalar twin.
     */
    static void geluTanhBackward(Activation f, float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff,
                                 int n) {
        runPhases(GELU_TANH, f, GELU_TANH_WINDOW, z, zOff, dA, dAOff, dZ, dZOff, n);
    }

    /** 2u(x) for gelu_tanh' (u as above). */
    private static DoubleVector geluTanhTwoU(DoubleVector x) {
        DoubleVector u = x.mul(x).fma(GELU_CUBIC, ONE).mul(x).mul(SQRT_2_OVER_PI);
        return u.add(u);
    }

    /** Phase 1 of gelu_tanh': e = e^{−|2u|}. */
    private static void geluTanhExponentials(Activation f, RootWindow window, float[] z, int zOff, double[] e, float[] dA,
                                             int dAOff, float[] dZ, int dZOff, int count) {
        for (int i = 0; i < count; i += LANES) {
            expNegMag(geluTanhTwoU(load(z, zOff + i))).intoArray(e, i);
        }
    }

    /** Phase 2 of gelu_tanh', from e = e^{−|2u|}. */
    private static void geluTanhSlopes(Activation f, RootWindow window, float[] z, int zOff, double[] e, float[] dA,
                                       int dAOff, float[] dZ, int dZOff, int count) {
        for (int i = 0; i < count; i += LANES) {
            FloatVector xf = FloatVector.fromArray(FH, z, zOff + i);
            DoubleVector x = widen(xf);
            DoubleVector x2 = x.mul(x);
            DoubleVector twoU = geluTanhTwoU(x);
            DoubleVector uSlope = x2.fma(GELU_CUBIC_3, ONE).mul(SQRT_2_OVER_PI);
            DoubleVector t = DoubleVector.fromArray(D, e, i);
            DoubleVector d = t.add(ONE);
            DoubleVector r = ONE.div(d);
            DoubleVector s = r.blend(t.mul(r), twoU.compare(VectorOperators.LT, ZERO));
            DoubleVector sSlope = t.mul(r).mul(r);
            DoubleVector y = x.mul(uSlope.add(uSlope)).fma(sSlope, s);
            storeSlope(y, xf, dA, dAOff + i, dZ, dZOff + i);
        }
    }

    // ---- mish: x g(x), g = tanh(softplus(x)) ----

    /*
     * g = u/w with u = n = e(e+2), w = n + 2, e = e^x for x <= 0, and u = 1 + 2t, w = 1 + 2t + 2t²,
     * t = e^{−x}, above; in both, t = e^{−|x|}. Each lane picks its own u and w by a mask and
     * divides once (a division of 512-bit doubles costs as much as a dozen other operations).
     */

    /*
     * The helpers take x, not a mask of x > 0: a VectorMask in a helper's signature can make C2
     * refuse to inline it in a fresh JVM ("unloaded signature classes", see VectorPiecewise), and
     * the boxed vectors then run the Vector API's Java fallback. C2 computes the compare once.
     */

    /** The numerator u of g = u/w (see above). */
    private static DoubleVector mishNumerator(DoubleVector x, DoubleVector t) {
        return t.add(TWO).mul(t).blend(t.add(t).add(ONE), x.compare(VectorOperators.GT, ZERO));
    }

    /** The denominator w of g = u/w, from the numerator u. */
    private static DoubleVector mishDenominator(DoubleVector x, DoubleVector t, DoubleVector u) {
        return u.add(TWO).blend(t.add(t).fma(t, u), x.compare(VectorOperators.GT, ZERO));
    }

    static void mishForward(float[] z, int zOff, float[] a, int aOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            FloatVector xf = FloatVector.fromArray(FH, z, zOff + i);
            DoubleVector x = widen(xf);
            DoubleVector t = expNegMag(x);
            DoubleVector u = mishNumerator(x, t);
            DoubleVector y = x.mul(u).div(mishDenominator(x, t, u));
            limits(round(y), xf, PLUS_INFINITY, F_MINUS_ZERO).intoArray(a, aOff + i);
        }
        forwardTail(VectorSmooth::mishForward, z, zOff, a, aOff, n);
    }

    /**
     * mish'(x) = g + x g' with g' = 4t(1+t) s/w², s = 1 for x <= 0 and t above (the scalar's
     * 4e(1+e)/(e(e+2)+2)² and 4t²(1+t)/(1+2t+2t²)²), so mish' = (u w + 4x t (1+t) s)/w²: one
     * division; lanes near the root go to the scalar twin.
     */
    static void mishBackward(Activation f, float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        runPhases(MISH, f, MISH_WINDOW, z, zOff, dA, dAOff, dZ, dZOff, n);
    }

    /** Phase 2 of mish', from e = e^{−|x|}. */
    private static void mishSlopes(Activation f, RootWindow window, float[] z, int zOff, double[] e, float[] dA, int dAOff,
                                   float[] dZ, int dZOff, int count) {
        for (int i = 0; i < count; i += LANES) {
            FloatVector xf = FloatVector.fromArray(FH, z, zOff + i);
            DoubleVector x = widen(xf);
            DoubleVector t = DoubleVector.fromArray(D, e, i);
            DoubleVector u = mishNumerator(x, t);
            DoubleVector w = mishDenominator(x, t, u);
            DoubleVector slopeTerm = FOUR.mul(x).mul(t).mul(t.add(ONE)).mul(ONE.blend(t, x.compare(VectorOperators.GT, ZERO)));
            DoubleVector y = u.fma(w, slopeTerm).div(w.mul(w));
            storeSlope(y, xf, dA, dAOff + i, dZ, dZOff + i);
        }
    }

    // ---- tanhshrink: x − tanh x ----

    /*
     * x − tanh x = x³/3 − 2x⁵/15 + … (the scalar twin's eight terms, the same coefficients) for
     * |x| < 0.1; beyond, the difference of x and tanh |x| = (1 − e)/(1 + e), e = e^{−2|x|} from
     * VectorTranscendentals.fullExp (about one double ULP): the difference loses at most a factor 3/x² = 300 there,
     * which leaves the double far inside float's half ULP. hk's 2^-31 exp would lose 2 float ULPs
     * at |x| = 0.1 for the same reason.
     */
    private static final DoubleVector SHRINK_SERIES_LIMIT = DoubleVector.broadcast(D, 0.1);
    private static final DoubleVector LOGISTIC_LOW = DoubleVector.broadcast(D, -120);
    private static final DoubleVector T1 = DoubleVector.broadcast(D, 1.0 / 3);
    private static final DoubleVector T2 = DoubleVector.broadcast(D, -2.0 / 15);
    private static final DoubleVector T3 = DoubleVector.broadcast(D, 17.0 / 315);
    private static final DoubleVector T4 = DoubleVector.broadcast(D, -62.0 / 2835);
    private static final DoubleVector T5 = DoubleVector.broadcast(D, 1382.0 / 155925);
    private static final DoubleVector T6 = DoubleVector.broadcast(D, -21844.0 / 6081075);
    private static final DoubleVector T7 = DoubleVector.broadcast(D, 929569.0 / 638512875);
    private static final DoubleVector T8 = DoubleVector.broadcast(D, -6404582.0 / 10854718875.0);

    /** tanhshrink(x) = x − tanh x: the series near 0, the direct difference beyond; ±∞ give ±∞ by themselves. */
    static void tanhshrinkForward(float[] z, int zOff, float[] a, int aOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            DoubleVector x2 = x.mul(x);
            // x · x² first, as the scalar: a subnormal x's cube underflows to the correctly signed 0.
            DoubleVector series = x.mul(x2).mul(x2.fma(T8, T7).fma(x2, T6).fma(x2, T5).fma(x2, T4).fma(x2, T3)
                    .fma(x2, T2).fma(x2, T1));
            DoubleVector magnitude = x.abs();
            DoubleVector e = VectorTranscendentals.fullExp(magnitude.mul(MINUS_TWO));
            DoubleVector tanh = ONE.sub(e).div(ONE.add(e));
            DoubleVector signedTanh = tanh.reinterpretAsLongs()
                    .lanewise(VectorOperators.OR, x.reinterpretAsLongs().lanewise(VectorOperators.AND, SIGN_BIT))
                    .reinterpretAsDoubles();
            DoubleVector y = x.sub(signedTanh).blend(series, magnitude.compare(VectorOperators.LT, SHRINK_SERIES_LIMIT));
            round(y).intoArray(a, aOff + i);
        }
        forwardTail(VectorSmooth::tanhshrinkForward, z, zOff, a, aOff, n);
    }

    /**
     * tanhshrink'(x) = tanh² x = (m/(2 + m))², m = expm1(−2|x|) from the shared core
     * ({@link VectorTranscendentals#expm1}, 2^-31: squaring doubles it, still far below float's
     * half ULP); |x| clamped to 60 (tanh² = 1 in double beyond), NaN passes.
     */
    static void tanhshrinkBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            DoubleVector negMag = x.reinterpretAsLongs().lanewise(VectorOperators.OR, SIGN_BIT).reinterpretAsDoubles();
            DoubleVector twice = negMag.add(negMag);
            DoubleVector m = VectorTranscendentals.expm1(twice.blend(LOGISTIC_LOW, twice.compare(VectorOperators.LT, LOGISTIC_LOW)));
            DoubleVector tanh = m.div(m.add(TWO));
            storeScaled(tanh.mul(tanh), dA, dAOff + i, dZ, dZOff + i);
        }
        backwardTail(VectorSmooth::tanhshrinkBackward, z, zOff, dA, dAOff, dZ, dZOff, n);
    }

    /*
     * silu', gelu_tanh' and mish' run in three phases over blocks of BLOCK elements, as VectorErf
     * does: e^{−|x|} (e^{−|2u|} for gelu_tanh) into a double array; the formula from it into dZ;
     * then the vectors with a lane in the root's window, whose lanes the scalar twin recomputes. As
     * one loop, mish' and silu' ran at 70-2,300 ns per element in many fresh JVMs against 3-6 in
     * the others: where the kernel call site in VectorActivationKernels had seen only this kernel,
     * C2 could inline the whole loop into the dispatcher's compilation, and the vectors ran boxed
     * there. Splitting the loop alone made it worse (C2 inlined the pieces back); see
     * docs/BENCHMARKS.md, "silu′ and mish′ in fresh JVMs". The phases are called through one call
     * site that sees three receivers, so C2 compiles each on its own. Where dZ shares no elements
     * with z or dA, every lane gets the same bits as in the single loop: the exponential is the
     * same double, stored and read back; phase 3 reads only z and dA and overwrites only the
     * window's lanes.
     */
    private static final int BLOCK = 512;

    /** One pass over count (a multiple of LANES) elements of a block; e holds the block's exponentials. */
    private interface Phase {
        void run(Activation f, RootWindow window, float[] z, int zOff, double[] e, float[] dA, int dAOff, float[] dZ,
                 int dZOff, int count);
    }

    private static final Phase[] SILU = {VectorSmooth::exponentials, VectorSmooth::siluSlopes, VectorSmooth::fixNearRoots};
    private static final Phase[] GELU_TANH = {VectorSmooth::geluTanhExponentials, VectorSmooth::geluTanhSlopes,
        VectorSmooth::fixNearRoots};
    private static final Phase[] MISH = {VectorSmooth::exponentials, VectorSmooth::mishSlopes, VectorSmooth::fixNearRoots};

    /** Runs the phases block by block; the last n mod LANES elements go through one zero-padded vector. */
    private static void runPhases(Phase[] phases, Activation f, RootWindow window, float[] z, int zOff, float[] dA,
                                  int dAOff, float[] dZ, int dZOff, int n) {
        int whole = n - n % LANES;
        double[] e = new double[Math.min(BLOCK, Math.max(whole, LANES))];
        for (int i = 0; i < whole; i += BLOCK) {
            int count = Math.min(BLOCK, whole - i);
            for (Phase phase : phases) {
                phase.run(f, window, z, zOff + i, e, dA, dAOff + i, dZ, dZOff + i, count);
            }
        }
        backwardTail((zz, zo, dd, dOff, gg, go, m) -> runPhases(phases, f, window, zz, zo, dd, dOff, gg, go, m), z, zOff,
                dA, dAOff, dZ, dZOff, n);
    }

    /** Phase 1 of silu' and mish': e = e^{−|x|}. */
    private static void exponentials(Activation f, RootWindow window, float[] z, int zOff, double[] e, float[] dA,
                                     int dAOff, float[] dZ, int dZOff, int count) {
        for (int i = 0; i < count; i += LANES) {
            expNegMag(load(z, zOff + i)).intoArray(e, i);
        }
    }

    /**
     * dZ = dA · f'(x), f'(x) = y rounded to float, with f'(+∞) = 1 and f'(−∞) = 0 (silu', gelu_tanh'
     * and mish' alike). Takes vectors but no mask (see mishNumerator); inlined into the loops.
     */
    private static void storeSlope(DoubleVector y, FloatVector xf, float[] dA, int dAOff, float[] dZ, int dZOff) {
        limits(round(y), xf, F_ONE, F_ZERO).mul(FloatVector.fromArray(FH, dA, dAOff)).intoArray(dZ, dZOff);
    }

    /** Phase 3: the vectors of count elements with a lane in the root's window go to {@link #fixNearRoot}. */
    private static void fixNearRoots(Activation f, RootWindow window, float[] z, int zOff, double[] e, float[] dA,
                                     int dAOff, float[] dZ, int dZOff, int count) {
        for (int i = 0; i < count; i += LANES) {
            FloatVector xf = FloatVector.fromArray(FH, z, zOff + i);
            if (xf.compare(VectorOperators.GT, window.lowV()).and(xf.compare(VectorOperators.LT, window.highV())).anyTrue()) {
                fixNearRoot(f, window.low(), window.high(), z, zOff + i, dA, dAOff + i, dZ, dZOff + i);
            }
        }
    }

    /**
     * Recomputes with the scalar twin the elements of one vector whose x lies in (low, high). It
     * takes no vectors: a vector argument to a call that is not inlined would be boxed.
     */
    private static void fixNearRoot(Activation f, float low, float high, float[] z, int zOff,
                                    float[] dA, int dAOff, float[] dZ, int dZOff) {
        for (int j = 0; j < LANES; j++) {
            float x = z[zOff + j];
            if (x > low && x < high) {
                dZ[dZOff + j] = dA[dAOff + j] * f.derivative(x);
            }
        }
    }
}

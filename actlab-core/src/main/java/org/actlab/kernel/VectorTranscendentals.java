package org.actlab.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Exp-based activations (and the rational ones whose scalar form works in double) over float
 * arrays, evaluated in double lanes and rounded once to float.
 *
 * <p>Why double lanes: a float result within 1 ULP needs the value before its final rounding to be
 * accurate to well under one ULP (2^-24 relative). In double, the range reduction
 * y = k ln2 + r, |r| &lt;= ln2/2, k = rint(y log2 e), and a degree-7 polynomial for expm1(r)
 * (relative error 2^-31.9, fitted against mpmath) give e^y = 2^k (1 + p) and
 * expm1(y) = 2^k p + (2^k − 1) to about 2^-31, and the few later steps (a division, an add) keep
 * the whole value near 2^-30: the only error that shows is the final double-to-float rounding.
 * Each group of {@link #LANES} floats is widened to one double vector of the same lane count.
 *
 * <p>Formulas, all free of overflow and cancellation; t = e^{-|x|} for the logistic, e^{-2|x|} for tanh:
 * <ul>
 *   <li>σ(x) = 1/(1+t) for x >= 0, t/(1+t) for x &lt; 0;  σ'(x) = t/(1+t)².</li>
 *   <li>tanh(x) = sign(x) · (−m)/(2+m) with m = expm1(−2|x|);  tanh'(x) = 4t/(1+t)² (not 1 − tanh²,
 *       which is 0 where tanh rounds to ±1).</li>
 *   <li>elu: α expm1(x) and α e^x for x &lt;= 0; selu: λ α expm1(x) and λ α e^x for x &lt;= 0, λx and λ
 *       above; celu: α expm1(x/α) and e^{x/α}; exponential: e^x. expm1(−0) = −0 is restored by a
 *       blend (the polynomial's r + r²g gives +0), so elu(−0) = −0 as in the scalar.</li>
 *   <li>silu(x) = x σ(x); gelu_tanh(x) = x σ(2u), u = sqrt(2/π)(x + 0.044715 x³) (forward only:
 *       their derivatives have roots near which an e^x accurate to 2^-31 is not enough).</li>
 *   <li>gaussian(x) = e^{−x²} (x² is exact in double), gaussian'(x) = −2x e^{−x²}, with |x| clamped
 *       to 20 where both are 0 in float; rectified_tanh = tanh and sech² for x > 0, else 0.</li>
 *   <li>hard_sigmoid(x) = x/6 + 1/2 and hard_swish(x) = x(x+3)/6 inside (−3, 3), hard_swish'(x) =
 *       x/3 + 1/2 on [−3, 3], softsign x/(1+|x|) and 1/(1+|x|)², cube x³ and 3x², sparse_plus
 *       (x+1)²/4 and (x+1)/2 inside (−1, 1): the same double operations as the scalar, so the same
 *       floats (softsign clamps ±∞ to ±10^300 first, where ∞/∞ would be NaN).</li>
 * </ul>
 * Arguments of e^y are clamped with compare-and-blend (never min/max), so NaN passes through
 * untouched and comes out as NaN: |x| &lt;= 120 for the logistic and tanh, y >= −200 on the
 * exponential-linear branches (e^{-200} times any float α is below half the smallest subnormal),
 * y &lt;= 100 for e^x (which is then +∞ in float anyway).
 *
 * <p>One exp core, two precisions. {@link #exp}/{@link #expm1} (2^-31) serve every loop whose
 * float result is not a small difference; {@link #fullExp} (about one double ULP, Taylor to
 * degree 13, ln2 in two doubles, gradual underflow as {@code Math.exp}) serves gelu and tanhshrink,
 * which cancel. Both run the same reduction and the same form expm1(r) = r + r² P(r)
 * ({@code expm1Reduced}, where a constant flag picks P and the ln2 split). Why not the full
 * precision for every caller: it would give the float-result loops nothing (their doubles are
 * already rounded once to float within 2^-30) and cost them time. ExpCoreBench timed sigmoid, tanh,
 * elu and softplus forward and backward, the same loops on both cores: on the full core they took
 * 1.26-2.34 × the CPU time (2026-11-29, under load; docs/BENCHMARKS.md, "One exp core, two
 * precisions"). So the precision stays a choice per caller, and the code that does the reducing is
 * written once.
 */
final class VectorTranscendentals {

    /*
     * One exp core, in two precisions: every loop of the Vector API code gets e^y or expm1(y) from
     * exp()/expm1() (2^-31, the float-result loops) or fullExp() (about one double ULP, gelu and
     * tanhshrink, whose float results are small differences of terms near 1), and all three share
     * the reduction y = k ln2 + r and the form expm1(r) = r + r² P(r) in expm1Reduced(), where a
     * constant flag picks the ln2 split and the polynomial (why two precisions: see the class
     * comment). HotSpot only turns Vector API calls into vector instructions when it inlines them
     * completely (else every vector becomes a heap object, about 10x slower), and it stops inlining
     * 15 calls deep; the helpers take and return vectors (never masks: see VectorPiecewise) and use
     * only static final vector constants (no scalar broadcasts, which alone cost nine levels), so
     * they add two or three levels. Measured against the earlier hand-inlined copies of the core
     * with JMH (docs/BENCHMARKS.md, "One exp core: helper against inlined code"): no slower.
     */

    /** Double lanes: the preferred width. */
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Float lanes: half the width, the same lane count as {@link #D}. */
    static final VectorSpecies<Float> FH = VectorSpecies.of(float.class,
            VectorShape.forBitSize(Math.max(64, D.vectorBitSize() / 2)));
    static final int LANES = D.length();
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;

    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2 = 0.6931471805599453;
    /** 1.5 · 2^52: adding it rounds to an integer and leaves that integer in the low bits. */
    private static final double ROUNDER = 6755399441055744.0;
    private static final long SIGN = 0x8000000000000000L;
    private static final long EXP_ONE = 1023L << 52;
    private static final double LOGISTIC_CLAMP = 120.0;
    private static final double LINEAR_UNIT_CLAMP = -200.0;
    private static final double EXP_CLAMP = 100.0;
    private static final double GAUSSIAN_CLAMP = 20.0;

    /** SELU's λ and α (Klambauer et al. 2017), the doubles nearest their 32-digit values. */
    private static final double SELU_SCALE = 1.0507009873554804934193349852946;
    private static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    private static final double SQRT_2_OVER_PI = 0.79788456080286535588;
    private static final double GELU_CUBIC = 0.044715;

    /*
     * expm1(r) = r + r² g(r) on |r| <= ln2/2 + 1e-3; g fitted for minimum relative error of
     * expm1 (Lawson iteration on Chebyshev nodes, checked against mpmath): at most 2^-31.9.
     */
    private static final double G0 = 0.5000000044898083;
    private static final double G1 = 0.16666666365472713;
    private static final double G2 = 0.04166635751638032;
    private static final double G3 = 0.008333389999996053;
    private static final double G4 = 0.0013940914722494716;
    private static final double G5 = 0.00019845900428009644;

    /*
     * The constants as vectors: static finals, so the loops load them as constants (no broadcast
     * calls); the small ones are package-private, for the other Vector* classes of this package.
     */
    static final DoubleVector ZERO = DoubleVector.zero(D);
    static final DoubleVector HALF = DoubleVector.broadcast(D, 0.5);
    static final DoubleVector ONE = DoubleVector.broadcast(D, 1.0);
    static final DoubleVector TWO = DoubleVector.broadcast(D, 2.0);
    static final DoubleVector THREE = DoubleVector.broadcast(D, 3.0);
    static final DoubleVector FOUR = DoubleVector.broadcast(D, 4.0);
    private static final DoubleVector SIX = DoubleVector.broadcast(D, 6.0);
    private static final DoubleVector MINUS_ONE = DoubleVector.broadcast(D, -1.0);
    static final DoubleVector MINUS_TWO = DoubleVector.broadcast(D, -2.0);
    private static final DoubleVector MINUS_THREE = DoubleVector.broadcast(D, -3.0);
    private static final DoubleVector HUGE = DoubleVector.broadcast(D, 1e300);
    private static final DoubleVector MINUS_HUGE = DoubleVector.broadcast(D, -1e300);
    private static final DoubleVector LOG2E_V = DoubleVector.broadcast(D, LOG2E);
    private static final DoubleVector ROUNDER_V = DoubleVector.broadcast(D, ROUNDER);
    private static final DoubleVector MINUS_LN2_V = DoubleVector.broadcast(D, -LN2);
    private static final DoubleVector G0_V = DoubleVector.broadcast(D, G0);
    private static final DoubleVector G1_V = DoubleVector.broadcast(D, G1);
    private static final DoubleVector G2_V = DoubleVector.broadcast(D, G2);
    private static final DoubleVector G3_V = DoubleVector.broadcast(D, G3);
    private static final DoubleVector G4_V = DoubleVector.broadcast(D, G4);
    private static final DoubleVector G5_V = DoubleVector.broadcast(D, G5);
    private static final LongVector SIGN_BIT = LongVector.broadcast(L, SIGN);
    private static final LongVector MAGNITUDE_BITS = LongVector.broadcast(L, ~SIGN);
    private static final LongVector EXPONENT_BIAS = LongVector.broadcast(L, EXP_ONE);
    /* fullExp: the rest of ln2, the clamp, the Taylor coefficients 1/n! and 2^k in two halves. */
    private static final DoubleVector MINUS_LN2_LO_V = DoubleVector.broadcast(D, -2.3190468138462996e-17);
    /** Below ln 2^-1076 e^t is 0 anyway; the clamp keeps k1 and k2 normal exponents. */
    private static final DoubleVector FULL_LOW = DoubleVector.broadcast(D, -746);
    private static final DoubleVector FULL_HIGH = DoubleVector.broadcast(D, 709);
    private static final DoubleVector E2 = DoubleVector.broadcast(D, 0.5);
    private static final DoubleVector E3 = DoubleVector.broadcast(D, 0.16666666666666666);
    private static final DoubleVector E4 = DoubleVector.broadcast(D, 0.041666666666666664);
    private static final DoubleVector E5 = DoubleVector.broadcast(D, 0.008333333333333333);
    private static final DoubleVector E6 = DoubleVector.broadcast(D, 0.001388888888888889);
    private static final DoubleVector E7 = DoubleVector.broadcast(D, 0.0001984126984126984);
    private static final DoubleVector E8 = DoubleVector.broadcast(D, 2.48015873015873e-05);
    private static final DoubleVector E9 = DoubleVector.broadcast(D, 2.7557319223985893e-06);
    private static final DoubleVector E10 = DoubleVector.broadcast(D, 2.755731922398589e-07);
    private static final DoubleVector E11 = DoubleVector.broadcast(D, 2.505210838544172e-08);
    private static final DoubleVector E12 = DoubleVector.broadcast(D, 2.08767569878681e-09);
    private static final DoubleVector E13 = DoubleVector.broadcast(D, 1.6059043836821613e-10);
    private static final LongVector ROUNDER_BITS = LongVector.broadcast(L, Double.doubleToRawLongBits(ROUNDER));
    private static final LongVector BIAS = LongVector.broadcast(L, 1023);
    private static final DoubleVector LOGISTIC_LOW = DoubleVector.broadcast(D, -LOGISTIC_CLAMP);
    private static final DoubleVector LINEAR_LOW = DoubleVector.broadcast(D, LINEAR_UNIT_CLAMP);
    private static final DoubleVector EXP_HIGH = DoubleVector.broadcast(D, EXP_CLAMP);
    private static final DoubleVector GAUSSIAN_HIGH = DoubleVector.broadcast(D, GAUSSIAN_CLAMP);
    private static final DoubleVector GAUSSIAN_LOW = DoubleVector.broadcast(D, -GAUSSIAN_CLAMP);
    private static final DoubleVector SELU_SCALE_V = DoubleVector.broadcast(D, SELU_SCALE);
    private static final DoubleVector SELU_SCALE_ALPHA_V = DoubleVector.broadcast(D, SELU_SCALE * SELU_ALPHA);
    private static final DoubleVector GELU_CUBIC_V = DoubleVector.broadcast(D, GELU_CUBIC);
    private static final DoubleVector GELU_SCALE_V = DoubleVector.broadcast(D, SQRT_2_OVER_PI);
    private static final FloatVector F_PLUS_INFINITY = FloatVector.broadcast(FH, Float.POSITIVE_INFINITY);
    private static final FloatVector F_MINUS_INFINITY = FloatVector.broadcast(FH, Float.NEGATIVE_INFINITY);

    static {
        if (FH.length() != D.length()) {
            throw new ExceptionInInitializerError("float half species " + FH + " does not match " + D);
        }
    }

    private VectorTranscendentals() {
    }

    // ---- loops over slices (the caller checked the bounds); a tail runs the same loop on a padded copy ----

    /*
     * Each function keeps its own loop method, and so the loop skeleton (signature, for, load,
     * store, tail) repeats: a loop shared by several functions, with the lane formula passed in,
     * would make its call site megamorphic, and C2 would then box the vectors that cross it (the
     * Java fallback, 10-100x slower). What is shared passes arrays only (the tails) or is a static
     * helper that C2 inlines (load, store, the lane formulas).
     */

    /** σ(x). */
    static void sigmoidForward(float[] z, int zOff, float[] a, int aOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            store(logistic(load(z, zOff + i)), a, aOff + i);
        }
        forwardTail(VectorTranscendentals::sigmoidForward, z, zOff, a, aOff, n);
    }

    /** σ'(x) = t/(1+t)², t = e^{−|x|}. */
    static void sigmoidBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector t = exp(negativeMagnitude(load(z, zOff + i)));
            DoubleVector d = t.add(ONE);
            storeScaled(t.div(d.mul(d)), dA, dAOff + i, dZ, dZOff + i);
        }
        backwardTail(VectorTranscendentals::sigmoidBackward, z, zOff, dA, dAOff, dZ, dZOff, n);
    }

    /** tanh(x) = sign(x) |tanh x|; the sign goes on by bits (|tanh(±0)| comes out as −0 or +0 either way). */
    static void tanhForward(float[] z, int zOff, float[] a, int aOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            DoubleVector y = tanhMagnitude(x).reinterpretAsLongs().lanewise(VectorOperators.AND, MAGNITUDE_BITS)
                    .lanewise(VectorOperators.OR, x.reinterpretAsLongs().lanewise(VectorOperators.AND, SIGN_BIT))
                    .reinterpretAsDoubles();
            store(y, a, aOff + i);
        }
        forwardTail(VectorTranscendentals::tanhForward, z, zOff, a, aOff, n);
    }

    static void tanhBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            storeScaled(sech2(load(z, zOff + i)), dA, dAOff + i, dZ, dZOff + i);
        }
        backwardTail(VectorTranscendentals::tanhBackward, z, zOff, dA, dAOff, dZ, dZOff, n);
    }

    /** elu(x) = α expm1(x) for x &lt;= 0, else x. */
    static void eluForward(double alpha, float[] z, int zOff, float[] a, int aOff, int n) {
        DoubleVector alphas = DoubleVector.broadcast(D, alpha);
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            store(x.blend(signedExpm1(clampLinear(x)).mul(alphas), x.compare(VectorOperators.LE, ZERO)), a, aOff + i);
        }
        forwardTail((zz, zo, aa, ao, m) -> eluForward(alpha, zz, zo, aa, ao, m), z, zOff, a, aOff, n);
    }

    /** elu'(x) = α e^x for x &lt;= 0, else 1; NaN for NaN. */
    static void eluBackward(double alpha, float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        DoubleVector alphas = DoubleVector.broadcast(D, alpha);
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            DoubleVector y = ONE.blend(exp(clampLinear(x)).mul(alphas), x.compare(VectorOperators.LE, ZERO))
                    .blend(x, x.compare(VectorOperators.NE, x));
            storeScaled(y, dA, dAOff + i, dZ, dZOff + i);
        }
        backwardTail((zz, zo, dd, dOff, gg, go, m) -> eluBackward(alpha, zz, zo, dd, dOff, gg, go, m), z, zOff, dA, dAOff,
                dZ, dZOff, n);
    }

    /** selu(x) = λ α expm1(x) for x &lt;= 0, else λ x. */
    static void seluForward(float[] z, int zOff, float[] a, int aOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            DoubleVector m = signedExpm1(clampLinear(x));
            store(x.mul(SELU_SCALE_V).blend(m.mul(SELU_SCALE_ALPHA_V), x.compare(VectorOperators.LE, ZERO)), a, aOff + i);
        }
        forwardTail(VectorTranscendentals::seluForward, z, zOff, a, aOff, n);
    }

    /** selu'(x) = λ α e^x for x &lt;= 0, else λ; NaN for NaN. */
    static void seluBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            DoubleVector y = SELU_SCALE_V.blend(exp(clampLinear(x)).mul(SELU_SCALE_ALPHA_V), x.compare(VectorOperators.LE, ZERO))
                    .blend(x, x.compare(VectorOperators.NE, x));
            storeScaled(y, dA, dAOff + i, dZ, dZOff + i);
        }
        backwardTail(VectorTranscendentals::seluBackward, z, zOff, dA, dAOff, dZ, dZOff, n);
    }

    /** celu(x) = α expm1(x/α) for x &lt;= 0, else x. */
    static void celuForward(double alpha, float[] z, int zOff, float[] a, int aOff, int n) {
        DoubleVector alphas = DoubleVector.broadcast(D, alpha);
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            DoubleVector m = signedExpm1(clampLinear(x.div(alphas)));
            store(x.blend(m.mul(alphas), x.compare(VectorOperators.LE, ZERO)), a, aOff + i);
        }
        forwardTail((zz, zo, aa, ao, m) -> celuForward(alpha, zz, zo, aa, ao, m), z, zOff, a, aOff, n);
    }

    /** celu'(x) = e^{x/α} for x &lt;= 0, else 1; NaN for NaN. */
    static void celuBackward(double alpha, float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        DoubleVector alphas = DoubleVector.broadcast(D, alpha);
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            DoubleVector e = exp(clampLinear(x.div(alphas)));
            storeScaled(ONE.blend(e, x.compare(VectorOperators.LE, ZERO)).blend(x, x.compare(VectorOperators.NE, x)),
                    dA, dAOff + i, dZ, dZOff + i);
        }
        backwardTail((zz, zo, dd, dOff, gg, go, m) -> celuBackward(alpha, zz, zo, dd, dOff, gg, go, m), z, zOff, dA, dAOff,
                dZ, dZOff, n);
    }

    /** exponential(x) = e^x, its own derivative. */
    static void exponentialForward(float[] z, int zOff, float[] a, int aOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            store(clampedExp(load(z, zOff + i)), a, aOff + i);
        }
        forwardTail(VectorTranscendentals::exponentialForward, z, zOff, a, aOff, n);
    }

    static void exponentialBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            storeScaled(clampedExp(load(z, zOff + i)), dA, dAOff + i, dZ, dZOff + i);
        }
        backwardTail(VectorTranscendentals::exponentialBackward, z, zOff, dA, dAOff, dZ, dZOff, n);
    }

    /** silu(x) = x σ(x), x clamped at −200 first (where both are 0 in float). */
    static void siluForward(float[] z, int zOff, float[] a, int aOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector c = clampLinear(load(z, zOff + i));
            store(c.mul(logistic(c)), a, aOff + i);
        }
        forwardTail(VectorTranscendentals::siluForward, z, zOff, a, aOff, n);
    }

    /** gelu_tanh(x) = x σ(2u), u = sqrt(2/π)(x + 0.044715 x³), x clamped at −200 first. */
    static void geluTanhForward(float[] z, int zOff, float[] a, int aOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector c = clampLinear(load(z, zOff + i));
            DoubleVector u = c.mul(c).mul(c).fma(GELU_CUBIC_V, c).mul(GELU_SCALE_V);
            store(c.mul(logistic(u.add(u))), a, aOff + i);
        }
        forwardTail(VectorTranscendentals::geluTanhForward, z, zOff, a, aOff, n);
    }

    /** hard_sigmoid(x) = x/6 + 1/2 inside (−3, 3), 0 and 1 outside. */
    static void hardSigmoidForward(float[] z, int zOff, float[] a, int aOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            store(inside(x.div(SIX).add(HALF), x, MINUS_THREE, THREE, ONE), a, aOff + i);
        }
        forwardTail(VectorTranscendentals::hardSigmoidForward, z, zOff, a, aOff, n);
    }

    /** hard_swish(x) = x(x+3)/6 inside (−3, 3), 0 and x outside. */
    static void hardSwishForward(float[] z, int zOff, float[] a, int aOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            store(inside(x.mul(x.add(THREE)).div(SIX), x, MINUS_THREE, THREE, x), a, aOff + i);
        }
        forwardTail(VectorTranscendentals::hardSwishForward, z, zOff, a, aOff, n);
    }

    /** hard_swish'(x) = x/3 + 1/2 on [−3, 3], 0 and 1 outside (closed: not {@link #inside}). */
    static void hardSwishBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            storeScaled(x.div(THREE).add(HALF).blend(ZERO, x.compare(VectorOperators.LT, MINUS_THREE))
                    .blend(ONE, x.compare(VectorOperators.GT, THREE)), dA, dAOff + i, dZ, dZOff + i);
        }
        backwardTail(VectorTranscendentals::hardSwishBackward, z, zOff, dA, dAOff, dZ, dZOff, n);
    }

    /** softsign(x) = x/(1+|x|), ±∞ clamped to ±10^300 first. */
    static void softsignForward(float[] z, int zOff, float[] a, int aOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector f = clampHuge(load(z, zOff + i));
            store(f.div(f.abs().add(ONE)), a, aOff + i);
        }
        forwardTail(VectorTranscendentals::softsignForward, z, zOff, a, aOff, n);
    }

    /** softsign'(x) = 1/(1+|x|)². */
    static void softsignBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector d = clampHuge(load(z, zOff + i)).abs().add(ONE);
            storeScaled(ONE.div(d.mul(d)), dA, dAOff + i, dZ, dZOff + i);
        }
        backwardTail(VectorTranscendentals::softsignBackward, z, zOff, dA, dAOff, dZ, dZOff, n);
    }

    /** cube(x) = x³. */
    static void cubeForward(float[] z, int zOff, float[] a, int aOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            store(x.mul(x).mul(x), a, aOff + i);
        }
        forwardTail(VectorTranscendentals::cubeForward, z, zOff, a, aOff, n);
    }

    /** cube'(x) = 3x². */
    static void cubeBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            storeScaled(THREE.mul(x.mul(x)), dA, dAOff + i, dZ, dZOff + i);
        }
        backwardTail(VectorTranscendentals::cubeBackward, z, zOff, dA, dAOff, dZ, dZOff, n);
    }

    /** sparse_plus(x) = (x+1)²/4 inside (−1, 1), 0 and x outside. */
    static void sparsePlusForward(float[] z, int zOff, float[] a, int aOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            DoubleVector s = x.add(ONE);
            store(inside(s.mul(s).div(FOUR), x, MINUS_ONE, ONE, x), a, aOff + i);
        }
        forwardTail(VectorTranscendentals::sparsePlusForward, z, zOff, a, aOff, n);
    }

    /** sparse_plus'(x) = (x+1)/2 inside (−1, 1), 0 and 1 outside. */
    static void sparsePlusBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            storeScaled(inside(x.add(ONE).div(TWO), x, MINUS_ONE, ONE, ONE), dA, dAOff + i, dZ, dZOff + i);
        }
        backwardTail(VectorTranscendentals::sparsePlusBackward, z, zOff, dA, dAOff, dZ, dZOff, n);
    }

    /** gaussian(x) = e^{−x²}, |x| clamped to 20. */
    static void gaussianForward(float[] z, int zOff, float[] a, int aOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector c = clampGaussian(load(z, zOff + i));
            store(exp(c.mul(c).neg()), a, aOff + i);
        }
        forwardTail(VectorTranscendentals::gaussianForward, z, zOff, a, aOff, n);
    }

    /** gaussian'(x) = −2x e^{−x²}, |x| clamped to 20. */
    static void gaussianBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector c = clampGaussian(load(z, zOff + i));
            storeScaled(MINUS_TWO.mul(c).mul(exp(c.mul(c).neg())), dA, dAOff + i, dZ, dZOff + i);
        }
        backwardTail(VectorTranscendentals::gaussianBackward, z, zOff, dA, dAOff, dZ, dZOff, n);
    }

    /** rectified_tanh(x) = tanh x for x > 0, else 0. */
    static void rectifiedTanhForward(float[] z, int zOff, float[] a, int aOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            store(tanhMagnitude(x).blend(ZERO, x.compare(VectorOperators.LE, ZERO)), a, aOff + i);
        }
        forwardTail(VectorTranscendentals::rectifiedTanhForward, z, zOff, a, aOff, n);
    }

    /** rectified_tanh'(x) = sech² x for x > 0, else 0. */
    static void rectifiedTanhBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            storeScaled(sech2(x).blend(ZERO, x.compare(VectorOperators.LE, ZERO)), dA, dAOff + i, dZ, dZOff + i);
        }
        backwardTail(VectorTranscendentals::rectifiedTanhBackward, z, zOff, dA, dAOff, dZ, dZOff, n);
    }

    // ---- lane formulas shared by several loops: vectors in, vectors out, static final constants only ----

    /** −|x| clamped at −{@link #LOGISTIC_CLAMP}. */
    private static DoubleVector negativeMagnitude(DoubleVector x) {
        DoubleVector m = x.reinterpretAsLongs().lanewise(VectorOperators.OR, SIGN_BIT).reinterpretAsDoubles();
        return m.blend(LOGISTIC_LOW, m.compare(VectorOperators.LT, LOGISTIC_LOW));
    }

    /** σ(x) = 1/(1+t) for x >= 0, t/(1+t) below, t = e^{−|x|}. */
    private static DoubleVector logistic(DoubleVector x) {
        DoubleVector t = exp(negativeMagnitude(x));
        return ONE.blend(t, x.compare(VectorOperators.LT, ZERO)).div(t.add(ONE));
    }

    /** |tanh x| = −m/(2+m), m = expm1(−2|x|) (the sign of the result is not meaningful at ±0). */
    private static DoubleVector tanhMagnitude(DoubleVector x) {
        DoubleVector negMag = negativeMagnitude(x);
        DoubleVector m = expm1(negMag.add(negMag));
        return m.div(m.neg().sub(TWO));
    }

    /** sech² x = 4t/(1+t)², t = e^{−2|x|}. */
    private static DoubleVector sech2(DoubleVector x) {
        DoubleVector negMag = negativeMagnitude(x);
        DoubleVector t = exp(negMag.add(negMag));
        DoubleVector d = t.add(ONE);
        return t.mul(FOUR).div(d.mul(d));
    }

    /** x clamped below at {@link #LINEAR_UNIT_CLAMP}. */
    private static DoubleVector clampLinear(DoubleVector x) {
        return x.blend(LINEAR_LOW, x.compare(VectorOperators.LT, LINEAR_LOW));
    }

    /** expm1(c) with expm1(±0) = ±0. */
    private static DoubleVector signedExpm1(DoubleVector c) {
        return expm1(c).blend(c, c.compare(VectorOperators.EQ, ZERO));
    }

    /** e^x with x clamped to [{@link #LINEAR_UNIT_CLAMP}, {@link #EXP_CLAMP}]. */
    private static DoubleVector clampedExp(DoubleVector x) {
        DoubleVector low = clampLinear(x);
        return exp(low.blend(EXP_HIGH, low.compare(VectorOperators.GT, EXP_HIGH)));
    }

    /** inner on (low, high), 0 at and below low, {@code above} at and above high; NaN keeps inner's NaN. */
    private static DoubleVector inside(DoubleVector inner, DoubleVector x, DoubleVector low, DoubleVector high,
                                       DoubleVector above) {
        return inner.blend(ZERO, x.compare(VectorOperators.LE, low)).blend(above, x.compare(VectorOperators.GE, high));
    }

    private static DoubleVector clampGaussian(DoubleVector x) {
        return x.blend(GAUSSIAN_HIGH, x.compare(VectorOperators.GT, GAUSSIAN_HIGH))
                .blend(GAUSSIAN_LOW, x.compare(VectorOperators.LT, GAUSSIAN_LOW));
    }

    private static DoubleVector clampHuge(DoubleVector x) {
        return x.blend(HUGE, x.compare(VectorOperators.GT, HUGE)).blend(MINUS_HUGE, x.compare(VectorOperators.LT, MINUS_HUGE));
    }

    // ---- the exp core: one reduction, two precisions ----

    /** e^y = 2^k (1 + expm1(r)), to about 2^-31 relative; y must lie in [-1000, 700] (callers clamp). */
    static DoubleVector exp(DoubleVector y) {
        DoubleVector v = y.fma(LOG2E_V, ROUNDER_V);
        DoubleVector s = twoToK(v);
        return expm1Reduced(v, y, false).fma(s, s);
    }

    /** expm1(y) = 2^k expm1(r) + (2^k − 1), free of cancellation; expm1(−0) gives +0 (callers restore −0). */
    static DoubleVector expm1(DoubleVector y) {
        DoubleVector v = y.fma(LOG2E_V, ROUNDER_V);
        DoubleVector s = twoToK(v);
        return expm1Reduced(v, y, false).fma(s, s.sub(ONE));
    }

    /**
     * e^t to about one double ULP, subnormal and zero below 2^-1022 as {@code Math.exp} gives them
     * (callers that decide signs of zero rely on it), any t (clamped to [−746, 709] by
     * compare-and-blend: NaN stays NaN). 2^k is applied as 2^{k1} 2^{k2}, k1 = ⌊k/2⌋, so that both
     * factors are normal and the product rounds once, into the subnormals where it must.
     */
    static DoubleVector fullExp(DoubleVector t) {
        DoubleVector c = t.blend(FULL_LOW, t.compare(VectorOperators.LT, FULL_LOW))
                .blend(FULL_HIGH, t.compare(VectorOperators.GT, FULL_HIGH));
        DoubleVector v = c.fma(LOG2E_V, ROUNDER_V);
        DoubleVector em = expm1Reduced(v, c, true);
        // k as a long (v's bits minus ROUNDER's), then 2^k1 and 2^k2 with k1 = k >> 1, k2 = k − k1.
        LongVector k = v.reinterpretAsLongs().sub(ROUNDER_BITS);
        LongVector k1 = k.lanewise(VectorOperators.ASHR, 1);
        DoubleVector s1 = k1.add(BIAS).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector s2 = k.sub(k1).add(BIAS).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return em.fma(s1, s1).mul(s2);
    }

    /** 2^k, where v = y log2e + ROUNDER holds k = rint(y log2e) in its low bits. */
    private static DoubleVector twoToK(DoubleVector v) {
        return v.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52).add(EXPONENT_BIAS).reinterpretAsDoubles();
    }

    /**
     * expm1(r) = r + r² P(r) for r = y − k ln2, k = v − ROUNDER. {@code full} (a constant at every
     * call, so C2 keeps one branch): ln2 in two doubles (k ln2_hi exact, the rest of ln2 below
     * 2^-107) and P the Taylor series to r^11/13! (remainder below 2^-57); else ln2 in one double
     * (k ln2 exact enough for 2^-31 at |k| &lt;= 1100) and P = g, fitted (2^-31.9). Package-private
     * for ExpCoreBench, which times the float-result loops on the full precision.
     */
    static DoubleVector expm1Reduced(DoubleVector v, DoubleVector y, boolean full) {
        DoubleVector k = v.sub(ROUNDER_V);
        if (full) {
            DoubleVector r = k.fma(MINUS_LN2_LO_V, k.fma(MINUS_LN2_V, y));
            DoubleVector p = r.fma(E13, E12).fma(r, E11).fma(r, E10).fma(r, E9).fma(r, E8).fma(r, E7).fma(r, E6)
                    .fma(r, E5).fma(r, E4).fma(r, E3).fma(r, E2);
            return r.mul(r).fma(p, r);
        }
        DoubleVector r = k.fma(MINUS_LN2_V, y);
        DoubleVector g = r.fma(G5_V, G4_V).fma(r, G3_V).fma(r, G2_V).fma(r, G1_V).fma(r, G0_V);
        return r.mul(r).fma(g, r);
    }

    // ---- lanes in and out, and tails ----

    /** The floats at z[off..] widened to the double vector of the same lane count. */
    static DoubleVector load(float[] z, int off) {
        return widen(FloatVector.fromArray(FH, z, off));
    }

    /** Widens a float vector of {@link #FH} to the double vector of the same lane count. */
    static DoubleVector widen(FloatVector f) {
        return (DoubleVector) f.convertShape(VectorOperators.F2D, D, 0);
    }

    /** y rounded once to float. */
    static FloatVector round(DoubleVector y) {
        return (FloatVector) y.convertShape(VectorOperators.D2F, FH, 0);
    }

    /** y with f's values at ±∞ (the catalogue's limits) in the lanes where x is infinite. */
    static FloatVector limits(FloatVector y, FloatVector x, FloatVector atPlus, FloatVector atMinus) {
        return y.blend(atPlus, x.compare(VectorOperators.EQ, F_PLUS_INFINITY))
                .blend(atMinus, x.compare(VectorOperators.EQ, F_MINUS_INFINITY));
    }

    /** a[off..] = y rounded once to float. */
    private static void store(DoubleVector y, float[] a, int off) {
        round(y).intoArray(a, off);
    }

    /** dZ = dA · f'(z), f'(z) rounded to float first, as the scalar twin's float product. */
    static void storeScaled(DoubleVector slope, float[] dA, int dAOff, float[] dZ, int dZOff) {
        round(slope).mul(FloatVector.fromArray(FH, dA, dAOff)).intoArray(dZ, dZOff);
    }

    /**
     * Runs a forward loop on the last n mod LANES elements of a slice (none: returns), zero-padded
     * to one whole vector: once per kernel call, and the loop's own lanes compute it.
     */
    static void forwardTail(VectorActivationKernels.SliceForward loop, float[] z, int zOff, float[] a, int aOff, int n) {
        int from = n - n % LANES;
        if (from < n) {
            float[] buffer = tail(z, zOff + from, n - from);
            loop.run(buffer, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, a, aOff + from, n - from);
        }
    }

    /** Runs a backward loop on the last n mod LANES elements, as {@link #forwardTail}. */
    static void backwardTail(VectorActivationKernels.SliceBackward loop, float[] z, int zOff, float[] dA, int dAOff,
                             float[] dZ, int dZOff, int n) {
        int from = n - n % LANES;
        if (from < n) {
            float[] out = new float[LANES];
            loop.run(tail(z, zOff + from, n - from), 0, tail(dA, dAOff + from, n - from), 0, out, 0, LANES);
            System.arraycopy(out, 0, dZ, dZOff + from, n - from);
        }
    }

    /** The last {@code count < LANES} elements, zero-padded to one whole vector. */
    static float[] tail(float[] array, int from, int count) {
        float[] buffer = new float[LANES];
        System.arraycopy(array, from, buffer, 0, count);
        return buffer;
    }
}

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
 */
final class VectorTranscendentals {

    /*
     * One exp core: every loop gets e^y or expm1(y) from exp()/expm1() below, which share the
     * reduction y = k ln2 + r and the polynomial. HotSpot only turns Vector API calls into vector
     * instructions when it inlines them completely (else every vector becomes a heap object, about
     * 10x slower), and it stops inlining 15 calls deep; the helpers take and return vectors and use
     * only static final vector constants (no scalar broadcasts, which alone cost nine levels), so
     * they add two levels. Measured against the earlier hand-inlined copies of the core with JMH
     * (ExpCoreBench in actlab-bench; docs/BENCHMARKS.md): no slower.
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

    /* The constants as vectors: static finals, so the loops load them as constants (no broadcast calls). */
    private static final DoubleVector ZERO = DoubleVector.zero(D);
    private static final DoubleVector HALF = DoubleVector.broadcast(D, 0.5);
    private static final DoubleVector ONE = DoubleVector.broadcast(D, 1.0);
    private static final DoubleVector TWO = DoubleVector.broadcast(D, 2.0);
    private static final DoubleVector THREE = DoubleVector.broadcast(D, 3.0);
    private static final DoubleVector FOUR = DoubleVector.broadcast(D, 4.0);
    private static final DoubleVector SIX = DoubleVector.broadcast(D, 6.0);
    private static final DoubleVector MINUS_ONE = DoubleVector.broadcast(D, -1.0);
    private static final DoubleVector MINUS_TWO = DoubleVector.broadcast(D, -2.0);
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
    private static final DoubleVector LOGISTIC_LOW = DoubleVector.broadcast(D, -LOGISTIC_CLAMP);
    private static final DoubleVector LINEAR_LOW = DoubleVector.broadcast(D, LINEAR_UNIT_CLAMP);
    private static final DoubleVector EXP_HIGH = DoubleVector.broadcast(D, EXP_CLAMP);
    private static final DoubleVector GAUSSIAN_HIGH = DoubleVector.broadcast(D, GAUSSIAN_CLAMP);
    private static final DoubleVector GAUSSIAN_LOW = DoubleVector.broadcast(D, -GAUSSIAN_CLAMP);
    private static final DoubleVector SELU_SCALE_V = DoubleVector.broadcast(D, SELU_SCALE);
    private static final DoubleVector SELU_SCALE_ALPHA_V = DoubleVector.broadcast(D, SELU_SCALE * SELU_ALPHA);
    private static final DoubleVector GELU_CUBIC_V = DoubleVector.broadcast(D, GELU_CUBIC);
    private static final DoubleVector GELU_SCALE_V = DoubleVector.broadcast(D, SQRT_2_OVER_PI);

    static {
        if (FH.length() != D.length()) {
            throw new ExceptionInInitializerError("float half species " + FH + " does not match " + D);
        }
    }

    private VectorTranscendentals() {
    }

    // ---- loops over slices (the caller checked the bounds); a tail runs the same loop on a padded copy ----

    static void sigmoidForward(float[] z, int zOff, float[] a, int aOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, z, zOff + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector yN = x.reinterpretAsLongs().lanewise(VectorOperators.OR, SIGN_BIT).reinterpretAsDoubles();
            yN = yN.blend(LOGISTIC_LOW, yN.compare(VectorOperators.LT, LOGISTIC_LOW));
            DoubleVector yT = exp(yN);
            DoubleVector y = ONE.blend(yT, x.compare(VectorOperators.LT, ZERO)).div(yT.add(ONE));
            ((FloatVector) y.convertShape(VectorOperators.D2F, FH, 0)).intoArray(a, aOff + i);
        }
        if (i < n) {
            float[] buffer = tail(z, zOff + i, n - i);
            sigmoidForward(buffer, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, a, aOff + i, n - i);
        }
    }

    static void sigmoidBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, z, zOff + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector negMag = x.reinterpretAsLongs().lanewise(VectorOperators.OR, SIGN_BIT).reinterpretAsDoubles();
            negMag = negMag.blend(LOGISTIC_LOW, negMag.compare(VectorOperators.LT, LOGISTIC_LOW));
            DoubleVector t = exp(negMag);
            DoubleVector d = t.add(ONE);
            DoubleVector y = t.div(d.mul(d));
            ((FloatVector) y.convertShape(VectorOperators.D2F, FH, 0)).mul(FloatVector.fromArray(FH, dA, dAOff + i))
                    .intoArray(dZ, dZOff + i);
        }
        if (i < n) {
            float[] buffer = tail(z, zOff + i, n - i);
            float[] upstream = tail(dA, dAOff + i, n - i);
            sigmoidBackward(buffer, 0, upstream, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, dZ, dZOff + i, n - i);
        }
    }

    static void tanhForward(float[] z, int zOff, float[] a, int aOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, z, zOff + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector negMag = x.reinterpretAsLongs().lanewise(VectorOperators.OR, SIGN_BIT).reinterpretAsDoubles();
            negMag = negMag.blend(LOGISTIC_LOW, negMag.compare(VectorOperators.LT, LOGISTIC_LOW));
            DoubleVector twiceNegMag = negMag.add(negMag);
            DoubleVector m = expm1(twiceNegMag);
            DoubleVector magnitude = m.div(m.neg().sub(TWO));
            // The sign goes on by bits: the magnitude of tanh(±0) comes out as −0 or +0 either way.
            DoubleVector y = magnitude.reinterpretAsLongs().lanewise(VectorOperators.AND, MAGNITUDE_BITS)
                    .lanewise(VectorOperators.OR, x.reinterpretAsLongs().lanewise(VectorOperators.AND, SIGN_BIT))
                    .reinterpretAsDoubles();
            ((FloatVector) y.convertShape(VectorOperators.D2F, FH, 0)).intoArray(a, aOff + i);
        }
        if (i < n) {
            float[] buffer = tail(z, zOff + i, n - i);
            tanhForward(buffer, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, a, aOff + i, n - i);
        }
    }

    static void tanhBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, z, zOff + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector negMag = x.reinterpretAsLongs().lanewise(VectorOperators.OR, SIGN_BIT).reinterpretAsDoubles();
            negMag = negMag.blend(LOGISTIC_LOW, negMag.compare(VectorOperators.LT, LOGISTIC_LOW));
            DoubleVector twiceNegMag = negMag.add(negMag);
            DoubleVector t = exp(twiceNegMag);
            DoubleVector d = t.add(ONE);
            DoubleVector y = t.mul(FOUR).div(d.mul(d));
            ((FloatVector) y.convertShape(VectorOperators.D2F, FH, 0)).mul(FloatVector.fromArray(FH, dA, dAOff + i))
                    .intoArray(dZ, dZOff + i);
        }
        if (i < n) {
            float[] buffer = tail(z, zOff + i, n - i);
            float[] upstream = tail(dA, dAOff + i, n - i);
            tanhBackward(buffer, 0, upstream, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, dZ, dZOff + i, n - i);
        }
    }

    static void eluForward(double alpha, float[] z, int zOff, float[] a, int aOff, int n) {
        DoubleVector alphas = DoubleVector.broadcast(D, alpha);
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, z, zOff + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector c = x.blend(LINEAR_LOW, x.compare(VectorOperators.LT, LINEAR_LOW));
            DoubleVector m = expm1(c);
            m = m.blend(c, c.compare(VectorOperators.EQ, ZERO));
            DoubleVector y = x.blend(m.mul(alphas), x.compare(VectorOperators.LE, ZERO));
            ((FloatVector) y.convertShape(VectorOperators.D2F, FH, 0)).intoArray(a, aOff + i);
        }
        if (i < n) {
            float[] buffer = tail(z, zOff + i, n - i);
            eluForward(alpha, buffer, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, a, aOff + i, n - i);
        }
    }

    static void eluBackward(double alpha, float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        DoubleVector alphas = DoubleVector.broadcast(D, alpha);
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, z, zOff + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector c = x.blend(LINEAR_LOW, x.compare(VectorOperators.LT, LINEAR_LOW));
            DoubleVector e = exp(c);
            DoubleVector y = ONE.blend(e.mul(alphas), x.compare(VectorOperators.LE, ZERO))
                    .blend(x, x.compare(VectorOperators.NE, x));
            ((FloatVector) y.convertShape(VectorOperators.D2F, FH, 0)).mul(FloatVector.fromArray(FH, dA, dAOff + i))
                    .intoArray(dZ, dZOff + i);
        }
        if (i < n) {
            float[] buffer = tail(z, zOff + i, n - i);
            float[] upstream = tail(dA, dAOff + i, n - i);
            eluBackward(alpha, buffer, 0, upstream, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, dZ, dZOff + i, n - i);
        }
    }

    static void seluForward(float[] z, int zOff, float[] a, int aOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, z, zOff + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector c = x.blend(LINEAR_LOW, x.compare(VectorOperators.LT, LINEAR_LOW));
            DoubleVector m = expm1(c);
            m = m.blend(c, c.compare(VectorOperators.EQ, ZERO));
            DoubleVector y = x.mul(SELU_SCALE_V).blend(m.mul(SELU_SCALE_ALPHA_V), x.compare(VectorOperators.LE, ZERO));
            ((FloatVector) y.convertShape(VectorOperators.D2F, FH, 0)).intoArray(a, aOff + i);
        }
        if (i < n) {
            float[] buffer = tail(z, zOff + i, n - i);
            seluForward(buffer, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, a, aOff + i, n - i);
        }
    }

    static void seluBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, z, zOff + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector c = x.blend(LINEAR_LOW, x.compare(VectorOperators.LT, LINEAR_LOW));
            DoubleVector e = exp(c);
            DoubleVector y = SELU_SCALE_V.blend(e.mul(SELU_SCALE_ALPHA_V), x.compare(VectorOperators.LE, ZERO))
                    .blend(x, x.compare(VectorOperators.NE, x));
            ((FloatVector) y.convertShape(VectorOperators.D2F, FH, 0)).mul(FloatVector.fromArray(FH, dA, dAOff + i))
                    .intoArray(dZ, dZOff + i);
        }
        if (i < n) {
            float[] buffer = tail(z, zOff + i, n - i);
            float[] upstream = tail(dA, dAOff + i, n - i);
            seluBackward(buffer, 0, upstream, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, dZ, dZOff + i, n - i);
        }
    }

    static void celuForward(double alpha, float[] z, int zOff, float[] a, int aOff, int n) {
        DoubleVector alphas = DoubleVector.broadcast(D, alpha);
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, z, zOff + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector q = x.div(alphas);
            DoubleVector c = q.blend(LINEAR_LOW, q.compare(VectorOperators.LT, LINEAR_LOW));
            DoubleVector m = expm1(c);
            m = m.blend(c, c.compare(VectorOperators.EQ, ZERO));
            DoubleVector y = x.blend(m.mul(alphas), x.compare(VectorOperators.LE, ZERO));
            ((FloatVector) y.convertShape(VectorOperators.D2F, FH, 0)).intoArray(a, aOff + i);
        }
        if (i < n) {
            float[] buffer = tail(z, zOff + i, n - i);
            celuForward(alpha, buffer, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, a, aOff + i, n - i);
        }
    }

    static void celuBackward(double alpha, float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        DoubleVector alphas = DoubleVector.broadcast(D, alpha);
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, z, zOff + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector q = x.div(alphas);
            DoubleVector c = q.blend(LINEAR_LOW, q.compare(VectorOperators.LT, LINEAR_LOW));
            DoubleVector e = exp(c);
            DoubleVector y = ONE.blend(e, x.compare(VectorOperators.LE, ZERO))
                    .blend(x, x.compare(VectorOperators.NE, x));
            ((FloatVector) y.convertShape(VectorOperators.D2F, FH, 0)).mul(FloatVector.fromArray(FH, dA, dAOff + i))
                    .intoArray(dZ, dZOff + i);
        }
        if (i < n) {
            float[] buffer = tail(z, zOff + i, n - i);
            float[] upstream = tail(dA, dAOff + i, n - i);
            celuBackward(alpha, buffer, 0, upstream, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, dZ, dZOff + i, n - i);
        }
    }

    static void exponentialForward(float[] z, int zOff, float[] a, int aOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, z, zOff + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector low = x.blend(LINEAR_LOW, x.compare(VectorOperators.LT, LINEAR_LOW));
            DoubleVector c = low.blend(EXP_HIGH, low.compare(VectorOperators.GT, EXP_HIGH));
            DoubleVector y = exp(c);
            ((FloatVector) y.convertShape(VectorOperators.D2F, FH, 0)).intoArray(a, aOff + i);
        }
        if (i < n) {
            float[] buffer = tail(z, zOff + i, n - i);
            exponentialForward(buffer, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, a, aOff + i, n - i);
        }
    }

    static void exponentialBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, z, zOff + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector low = x.blend(LINEAR_LOW, x.compare(VectorOperators.LT, LINEAR_LOW));
            DoubleVector c = low.blend(EXP_HIGH, low.compare(VectorOperators.GT, EXP_HIGH));
            DoubleVector y = exp(c);
            ((FloatVector) y.convertShape(VectorOperators.D2F, FH, 0)).mul(FloatVector.fromArray(FH, dA, dAOff + i))
                    .intoArray(dZ, dZOff + i);
        }
        if (i < n) {
            float[] buffer = tail(z, zOff + i, n - i);
            float[] upstream = tail(dA, dAOff + i, n - i);
            exponentialBackward(buffer, 0, upstream, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, dZ, dZOff + i, n - i);
        }
    }

    static void siluForward(float[] z, int zOff, float[] a, int aOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, z, zOff + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector c = x.blend(LINEAR_LOW, x.compare(VectorOperators.LT, LINEAR_LOW));
            DoubleVector sN = c.reinterpretAsLongs().lanewise(VectorOperators.OR, SIGN_BIT).reinterpretAsDoubles();
            sN = sN.blend(LOGISTIC_LOW, sN.compare(VectorOperators.LT, LOGISTIC_LOW));
            DoubleVector sT = exp(sN);
            DoubleVector s = ONE.blend(sT, c.compare(VectorOperators.LT, ZERO)).div(sT.add(ONE));
            DoubleVector y = c.mul(s);
            ((FloatVector) y.convertShape(VectorOperators.D2F, FH, 0)).intoArray(a, aOff + i);
        }
        if (i < n) {
            float[] buffer = tail(z, zOff + i, n - i);
            siluForward(buffer, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, a, aOff + i, n - i);
        }
    }

    static void geluTanhForward(float[] z, int zOff, float[] a, int aOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, z, zOff + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector c = x.blend(LINEAR_LOW, x.compare(VectorOperators.LT, LINEAR_LOW));
            DoubleVector u = c.mul(c).mul(c).fma(GELU_CUBIC_V, c).mul(GELU_SCALE_V);
            DoubleVector twoU = u.add(u);
            DoubleVector sN = twoU.reinterpretAsLongs().lanewise(VectorOperators.OR, SIGN_BIT).reinterpretAsDoubles();
            sN = sN.blend(LOGISTIC_LOW, sN.compare(VectorOperators.LT, LOGISTIC_LOW));
            DoubleVector sT = exp(sN);
            DoubleVector s = ONE.blend(sT, twoU.compare(VectorOperators.LT, ZERO)).div(sT.add(ONE));
            DoubleVector y = c.mul(s);
            ((FloatVector) y.convertShape(VectorOperators.D2F, FH, 0)).intoArray(a, aOff + i);
        }
        if (i < n) {
            float[] buffer = tail(z, zOff + i, n - i);
            geluTanhForward(buffer, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, a, aOff + i, n - i);
        }
    }

    static void hardSigmoidForward(float[] z, int zOff, float[] a, int aOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, z, zOff + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector y = x.div(SIX).add(HALF).blend(ZERO, x.compare(VectorOperators.LE, MINUS_THREE))
                    .blend(ONE, x.compare(VectorOperators.GE, THREE));
            ((FloatVector) y.convertShape(VectorOperators.D2F, FH, 0)).intoArray(a, aOff + i);
        }
        if (i < n) {
            float[] buffer = tail(z, zOff + i, n - i);
            hardSigmoidForward(buffer, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, a, aOff + i, n - i);
        }
    }

    static void hardSwishForward(float[] z, int zOff, float[] a, int aOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, z, zOff + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector y = x.mul(x.add(THREE)).div(SIX).blend(ZERO, x.compare(VectorOperators.LE, MINUS_THREE))
                    .blend(x, x.compare(VectorOperators.GE, THREE));
            ((FloatVector) y.convertShape(VectorOperators.D2F, FH, 0)).intoArray(a, aOff + i);
        }
        if (i < n) {
            float[] buffer = tail(z, zOff + i, n - i);
            hardSwishForward(buffer, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, a, aOff + i, n - i);
        }
    }

    static void hardSwishBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, z, zOff + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector y = x.div(THREE).add(HALF).blend(ZERO, x.compare(VectorOperators.LT, MINUS_THREE))
                    .blend(ONE, x.compare(VectorOperators.GT, THREE));
            ((FloatVector) y.convertShape(VectorOperators.D2F, FH, 0)).mul(FloatVector.fromArray(FH, dA, dAOff + i))
                    .intoArray(dZ, dZOff + i);
        }
        if (i < n) {
            float[] buffer = tail(z, zOff + i, n - i);
            float[] upstream = tail(dA, dAOff + i, n - i);
            hardSwishBackward(buffer, 0, upstream, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, dZ, dZOff + i, n - i);
        }
    }

    static void softsignForward(float[] z, int zOff, float[] a, int aOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, z, zOff + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector f = x.blend(HUGE, x.compare(VectorOperators.GT, HUGE))
                    .blend(MINUS_HUGE, x.compare(VectorOperators.LT, MINUS_HUGE));
            DoubleVector y = f.div(f.abs().add(ONE));
            ((FloatVector) y.convertShape(VectorOperators.D2F, FH, 0)).intoArray(a, aOff + i);
        }
        if (i < n) {
            float[] buffer = tail(z, zOff + i, n - i);
            softsignForward(buffer, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, a, aOff + i, n - i);
        }
    }

    static void softsignBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, z, zOff + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector f = x.blend(HUGE, x.compare(VectorOperators.GT, HUGE))
                    .blend(MINUS_HUGE, x.compare(VectorOperators.LT, MINUS_HUGE));
            DoubleVector d = f.abs().add(ONE);
            DoubleVector y = ONE.div(d.mul(d));
            ((FloatVector) y.convertShape(VectorOperators.D2F, FH, 0)).mul(FloatVector.fromArray(FH, dA, dAOff + i))
                    .intoArray(dZ, dZOff + i);
        }
        if (i < n) {
            float[] buffer = tail(z, zOff + i, n - i);
            float[] upstream = tail(dA, dAOff + i, n - i);
            softsignBackward(buffer, 0, upstream, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, dZ, dZOff + i, n - i);
        }
    }

    static void cubeForward(float[] z, int zOff, float[] a, int aOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, z, zOff + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector y = x.mul(x).mul(x);
            ((FloatVector) y.convertShape(VectorOperators.D2F, FH, 0)).intoArray(a, aOff + i);
        }
        if (i < n) {
            float[] buffer = tail(z, zOff + i, n - i);
            cubeForward(buffer, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, a, aOff + i, n - i);
        }
    }

    static void cubeBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, z, zOff + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector y = THREE.mul(x.mul(x));
            ((FloatVector) y.convertShape(VectorOperators.D2F, FH, 0)).mul(FloatVector.fromArray(FH, dA, dAOff + i))
                    .intoArray(dZ, dZOff + i);
        }
        if (i < n) {
            float[] buffer = tail(z, zOff + i, n - i);
            float[] upstream = tail(dA, dAOff + i, n - i);
            cubeBackward(buffer, 0, upstream, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, dZ, dZOff + i, n - i);
        }
    }

    static void sparsePlusForward(float[] z, int zOff, float[] a, int aOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, z, zOff + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector s = x.add(ONE);
            DoubleVector y = s.mul(s).div(FOUR).blend(ZERO, x.compare(VectorOperators.LE, MINUS_ONE))
                    .blend(x, x.compare(VectorOperators.GE, ONE));
            ((FloatVector) y.convertShape(VectorOperators.D2F, FH, 0)).intoArray(a, aOff + i);
        }
        if (i < n) {
            float[] buffer = tail(z, zOff + i, n - i);
            sparsePlusForward(buffer, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, a, aOff + i, n - i);
        }
    }

    static void sparsePlusBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, z, zOff + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector y = x.add(ONE).div(TWO).blend(ZERO, x.compare(VectorOperators.LE, MINUS_ONE))
                    .blend(ONE, x.compare(VectorOperators.GE, ONE));
            ((FloatVector) y.convertShape(VectorOperators.D2F, FH, 0)).mul(FloatVector.fromArray(FH, dA, dAOff + i))
                    .intoArray(dZ, dZOff + i);
        }
        if (i < n) {
            float[] buffer = tail(z, zOff + i, n - i);
            float[] upstream = tail(dA, dAOff + i, n - i);
            sparsePlusBackward(buffer, 0, upstream, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, dZ, dZOff + i, n - i);
        }
    }

    static void gaussianForward(float[] z, int zOff, float[] a, int aOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, z, zOff + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector c = x.blend(GAUSSIAN_HIGH, x.compare(VectorOperators.GT, GAUSSIAN_HIGH))
                    .blend(GAUSSIAN_LOW, x.compare(VectorOperators.LT, GAUSSIAN_LOW));
            DoubleVector y = exp(c.mul(c).neg());
            ((FloatVector) y.convertShape(VectorOperators.D2F, FH, 0)).intoArray(a, aOff + i);
        }
        if (i < n) {
            float[] buffer = tail(z, zOff + i, n - i);
            gaussianForward(buffer, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, a, aOff + i, n - i);
        }
    }

    static void gaussianBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, z, zOff + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector c = x.blend(GAUSSIAN_HIGH, x.compare(VectorOperators.GT, GAUSSIAN_HIGH))
                    .blend(GAUSSIAN_LOW, x.compare(VectorOperators.LT, GAUSSIAN_LOW));
            DoubleVector e = exp(c.mul(c).neg());
            DoubleVector y = MINUS_TWO.mul(c).mul(e);
            ((FloatVector) y.convertShape(VectorOperators.D2F, FH, 0)).mul(FloatVector.fromArray(FH, dA, dAOff + i))
                    .intoArray(dZ, dZOff + i);
        }
        if (i < n) {
            float[] buffer = tail(z, zOff + i, n - i);
            float[] upstream = tail(dA, dAOff + i, n - i);
            gaussianBackward(buffer, 0, upstream, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, dZ, dZOff + i, n - i);
        }
    }

    static void rectifiedTanhForward(float[] z, int zOff, float[] a, int aOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, z, zOff + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector negMag = x.reinterpretAsLongs().lanewise(VectorOperators.OR, SIGN_BIT).reinterpretAsDoubles();
            negMag = negMag.blend(LOGISTIC_LOW, negMag.compare(VectorOperators.LT, LOGISTIC_LOW));
            DoubleVector twiceNegMag = negMag.add(negMag);
            DoubleVector m = expm1(twiceNegMag);
            DoubleVector magnitude = m.div(m.neg().sub(TWO));
            DoubleVector y = magnitude.blend(ZERO, x.compare(VectorOperators.LE, ZERO));
            ((FloatVector) y.convertShape(VectorOperators.D2F, FH, 0)).intoArray(a, aOff + i);
        }
        if (i < n) {
            float[] buffer = tail(z, zOff + i, n - i);
            rectifiedTanhForward(buffer, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, a, aOff + i, n - i);
        }
    }

    static void rectifiedTanhBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, z, zOff + i)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector negMag = x.reinterpretAsLongs().lanewise(VectorOperators.OR, SIGN_BIT).reinterpretAsDoubles();
            negMag = negMag.blend(LOGISTIC_LOW, negMag.compare(VectorOperators.LT, LOGISTIC_LOW));
            DoubleVector twiceNegMag = negMag.add(negMag);
            DoubleVector t = exp(twiceNegMag);
            DoubleVector d = t.add(ONE);
            DoubleVector y = t.mul(FOUR).div(d.mul(d)).blend(ZERO, x.compare(VectorOperators.LE, ZERO));
            ((FloatVector) y.convertShape(VectorOperators.D2F, FH, 0)).mul(FloatVector.fromArray(FH, dA, dAOff + i))
                    .intoArray(dZ, dZOff + i);
        }
        if (i < n) {
            float[] buffer = tail(z, zOff + i, n - i);
            float[] upstream = tail(dA, dAOff + i, n - i);
            rectifiedTanhBackward(buffer, 0, upstream, 0, buffer, 0, LANES);
            System.arraycopy(buffer, 0, dZ, dZOff + i, n - i);
        }
    }

    /** e^y = 2^k (1 + expm1(r)), to about 2^-31 relative; y must lie in [-1000, 700] (callers clamp). */
    static DoubleVector exp(DoubleVector y) {
        DoubleVector v = y.fma(LOG2E_V, ROUNDER_V);
        DoubleVector s = twoToK(v);
        return expm1Reduced(v, y).fma(s, s);
    }

    /** expm1(y) = 2^k expm1(r) + (2^k − 1), free of cancellation; expm1(−0) gives +0 (callers restore −0). */
    static DoubleVector expm1(DoubleVector y) {
        DoubleVector v = y.fma(LOG2E_V, ROUNDER_V);
        DoubleVector s = twoToK(v);
        return expm1Reduced(v, y).fma(s, s.sub(ONE));
    }

    /** 2^k, where v = y log2e + ROUNDER holds k = rint(y log2e) in its low bits. */
    private static DoubleVector twoToK(DoubleVector v) {
        return v.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52).add(EXPONENT_BIAS).reinterpretAsDoubles();
    }

    /** expm1(r) = r + r² g(r) for r = y − k ln2 (one FMA: k ln2 is exact enough at |k| <= 1100). */
    private static DoubleVector expm1Reduced(DoubleVector v, DoubleVector y) {
        DoubleVector r = v.sub(ROUNDER_V).fma(MINUS_LN2_V, y);
        DoubleVector g = r.fma(G5_V, G4_V).fma(r, G3_V).fma(r, G2_V).fma(r, G1_V).fma(r, G0_V);
        return r.mul(r).fma(g, r);
    }

    /** Widens a float vector of {@link #FH} to the double vector of the same lane count. */
    static DoubleVector widen(FloatVector f) {
        return (DoubleVector) f.convertShape(VectorOperators.F2D, D, 0);
    }

    /** The last {@code count < LANES} elements, zero-padded to one whole vector. */
    private static float[] tail(float[] array, int from, int count) {
        float[] buffer = new float[LANES];
        System.arraycopy(array, from, buffer, 0, count);
        return buffer;
    }
}

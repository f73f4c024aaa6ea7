package org.actlab.kernel;

import static org.actlab.kernel.VectorTranscendentals.D;
import static org.actlab.kernel.VectorTranscendentals.FH;
import static org.actlab.kernel.VectorTranscendentals.HALF;
import static org.actlab.kernel.VectorTranscendentals.LANES;
import static org.actlab.kernel.VectorTranscendentals.ONE;
import static org.actlab.kernel.VectorTranscendentals.TWO;
import static org.actlab.kernel.VectorTranscendentals.ZERO;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.actlab.activation.CodyErfc;

/**
 * gelu (the exact, erf form) forward and backward in double lanes: Φ(x) = erfc(y)/2, y = −x/√2,
 * with W. J. Cody's rational approximations of erfc (Math. Comp. 23, 1969; the coefficients of
 * {@link CodyErfc}, which the scalar twin {@code ExactMath.erfc} reads too, on the same intervals) and e^{−x²/2} from
 * {@link VectorTranscendentals#fullExp} (x² is exact in double for a float x, so the exponential's argument
 * carries no rounding and Cody's split of y² is not needed). Each lane evaluates all three
 * intervals for erfc(|y|), |y| &lt;= 0.46875 (1 − |y| R(y²)), |y| &lt;= 4 (R(|y|) e^{−y²}) and beyond
 * ((1/√π − y^-2 R(y^-2))/|y| e^{−y²}), chooses the numerator and denominator of its own interval
 * by masks and divides once; erfc(y) = 2 − erfc(|y|) for y &lt; 0.
 *
 * <p>All of it is accurate to a few double ULPs, like the scalar twin: gelu'(x) = Φ(x) + x φ(x)
 * cancels at its root near −0.7518 (Φ ≈ −x φ ≈ 0.23), where an e^y good to 2^-31 would not do for
 * 1 ULP, and this is why gelu' has no near-root scalar window here. In the far left tail the
 * signs of zero follow the scalar's: gelu(x) = x Φ(x) is −0 once it underflows, gelu'(x) is
 * −0 while x φ(x) is a non-zero double and +0 (0 + (−0)) once e^{−x²/2} underflows to 0, which
 * {@link VectorTranscendentals#fullExp} does where {@code Math.exp} does. ±∞ take the catalogue's limits
 * (gelu(−∞) = −0, gelu'(+∞) = 1, gelu'(−∞) = 0); NaN stays NaN.
 */
final class VectorErf {


    private static final DoubleVector MINUS_HALF = DoubleVector.broadcast(D, -0.5);
    private static final DoubleVector SMALL_LIMIT = DoubleVector.broadcast(D, 0.46875);
    private static final DoubleVector MIDDLE_LIMIT = DoubleVector.broadcast(D, 4);
    private static final DoubleVector MINUS_INV_SQRT_2 = DoubleVector.broadcast(D, -0.70710678118654752440);
    private static final DoubleVector INV_SQRT_PI = DoubleVector.broadcast(D, 5.6418958354775628695e-1);
    private static final DoubleVector INV_SQRT_2PI = DoubleVector.broadcast(D, 0.39894228040143267794);
    private static final FloatVector F_PLUS_INFINITY = FloatVector.broadcast(FH, Float.POSITIVE_INFINITY);
    private static final FloatVector F_MINUS_ZERO = FloatVector.broadcast(FH, -0f);
    private static final FloatVector F_ONE = FloatVector.broadcast(FH, 1f);
    private static final FloatVector F_ZERO = FloatVector.zero(FH);

    /*
     * Cody's coefficients, from CodyErfc (the scalar twin reads the same): SN/SD erf on
     * |y| <= 0.46875 in y², MN/MD erfc on (0.46875, 4] in |y|, TN/TD the asymptotic tail in 1/y².
     * One static final vector each, so the loops load them as constants.
     */
    private static final DoubleVector SN0 = cody(CodyErfc.SMALL_NUMERATOR, 0);
    private static final DoubleVector SN1 = cody(CodyErfc.SMALL_NUMERATOR, 1);
    private static final DoubleVector SN2 = cody(CodyErfc.SMALL_NUMERATOR, 2);
    private static final DoubleVector SN3 = cody(CodyErfc.SMALL_NUMERATOR, 3);
    private static final DoubleVector SN4 = cody(CodyErfc.SMALL_NUMERATOR, 4);
    private static final DoubleVector SD0 = cody(CodyErfc.SMALL_DENOMINATOR, 0);
    private static final DoubleVector SD1 = cody(CodyErfc.SMALL_DENOMINATOR, 1);
    private static final DoubleVector SD2 = cody(CodyErfc.SMALL_DENOMINATOR, 2);
    private static final DoubleVector SD3 = cody(CodyErfc.SMALL_DENOMINATOR, 3);
    private static final DoubleVector MN0 = cody(CodyErfc.MIDDLE_NUMERATOR, 0);
    private static final DoubleVector MN1 = cody(CodyErfc.MIDDLE_NUMERATOR, 1);
    private static final DoubleVector MN2 = cody(CodyErfc.MIDDLE_NUMERATOR, 2);
    private static final DoubleVector MN3 = cody(CodyErfc.MIDDLE_NUMERATOR, 3);
    private static final DoubleVector MN4 = cody(CodyErfc.MIDDLE_NUMERATOR, 4);
    private static final DoubleVector MN5 = cody(CodyErfc.MIDDLE_NUMERATOR, 5);
    private static final DoubleVector MN6 = cody(CodyErfc.MIDDLE_NUMERATOR, 6);
    private static final DoubleVector MN7 = cody(CodyErfc.MIDDLE_NUMERATOR, 7);
    private static final DoubleVector MN8 = cody(CodyErfc.MIDDLE_NUMERATOR, 8);
    private static final DoubleVector MD0 = cody(CodyErfc.MIDDLE_DENOMINATOR, 0);
    private static final DoubleVector MD1 = cody(CodyErfc.MIDDLE_DENOMINATOR, 1);
    private static final DoubleVector MD2 = cody(CodyErfc.MIDDLE_DENOMINATOR, 2);
    private static final DoubleVector MD3 = cody(CodyErfc.MIDDLE_DENOMINATOR, 3);
    private static final DoubleVector MD4 = cody(CodyErfc.MIDDLE_DENOMINATOR, 4);
    private static final DoubleVector MD5 = cody(CodyErfc.MIDDLE_DENOMINATOR, 5);
    private static final DoubleVector MD6 = cody(CodyErfc.MIDDLE_DENOMINATOR, 6);
    private static final DoubleVector MD7 = cody(CodyErfc.MIDDLE_DENOMINATOR, 7);
    private static final DoubleVector TN0 = cody(CodyErfc.TAIL_NUMERATOR, 0);
    private static final DoubleVector TN1 = cody(CodyErfc.TAIL_NUMERATOR, 1);
    private static final DoubleVector TN2 = cody(CodyErfc.TAIL_NUMERATOR, 2);
    private static final DoubleVector TN3 = cody(CodyErfc.TAIL_NUMERATOR, 3);
    private static final DoubleVector TN4 = cody(CodyErfc.TAIL_NUMERATOR, 4);
    private static final DoubleVector TN5 = cody(CodyErfc.TAIL_NUMERATOR, 5);
    private static final DoubleVector TD0 = cody(CodyErfc.TAIL_DENOMINATOR, 0);
    private static final DoubleVector TD1 = cody(CodyErfc.TAIL_DENOMINATOR, 1);
    private static final DoubleVector TD2 = cody(CodyErfc.TAIL_DENOMINATOR, 2);
    private static final DoubleVector TD3 = cody(CodyErfc.TAIL_DENOMINATOR, 3);
    private static final DoubleVector TD4 = cody(CodyErfc.TAIL_DENOMINATOR, 4);

    private VectorErf() {
    }

    private static DoubleVector cody(CodyErfc.Coefficients coefficients, int i) {
        return DoubleVector.broadcast(D, coefficients.get(i));
    }

    /*
     * The work is split into three loops over blocks of BLOCK elements, with e^{−x²/2} and the
     * ratio of the first two intervals passed in double arrays: as one loop, C2 ran out of its
     * node budget per compilation (NodeCountInliningCutoff) and boxed the rest of the vectors,
     * which made gelu ten times slower than the scalar twin. The phases are called through one
     * call site that sees several of them, so C2 compiles each on its own instead of inlining
     * them back into one method.
     */
    private static final int BLOCK = 512;

    /** One pass over count (a multiple of LANES) elements of a block. */
    private interface Phase {
        void run(float[] z, int zOff, double[] e, double[] c, float[] dA, int dAOff, float[] out, int outOff, int count);
    }

    private static final Phase[] FORWARD = {VectorErf::exponentials, VectorErf::firstIntervals, VectorErf::finishForward};
    private static final Phase[] BACKWARD = {VectorErf::exponentials, VectorErf::firstIntervals, VectorErf::finishBackward};

    /** gelu(x) = x Φ(x) = x (erfc(−x/√2)/2). */
    static void geluForward(float[] z, int zOff, float[] a, int aOff, int n) {
        run(FORWARD, z, zOff, null, 0, a, aOff, n);
    }

    /** gelu'(x) = Φ(x) + x φ(x), φ(x) = e^{−x²/2}/√(2π), in one FMA. */
    static void geluBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        run(BACKWARD, z, zOff, dA, dAOff, dZ, dZOff, n);
    }

    /** Runs the phases block by block; the last n mod LANES elements go through one zero-padded vector. */
    private static void run(Phase[] phases, float[] z, int zOff, float[] dA, int dAOff, float[] out, int outOff, int n) {
        double[] e = new double[BLOCK];
        double[] c = new double[BLOCK];
        int whole = n - n % LANES;
        for (int i = 0; i < whole; i += BLOCK) {
            int count = Math.min(BLOCK, whole - i);
            for (Phase phase : phases) {
                phase.run(z, zOff + i, e, c, dA, dAOff + i, out, outOff + i, count);
            }
        }
        if (whole < n) {
            float[] buffer = VectorTranscendentals.tail(z, zOff + whole, n - whole);
            float[] upstream = dA == null ? null : VectorTranscendentals.tail(dA, dAOff + whole, n - whole);
            float[] result = new float[LANES];
            for (Phase phase : phases) {
                phase.run(buffer, 0, e, c, upstream, 0, result, 0, LANES);
            }
            System.arraycopy(result, 0, out, outOff + whole, n - whole);
        }
    }

    /** Phase 1: e = e^{−x²/2}. */
    private static void exponentials(float[] z, int zOff, double[] e, double[] c, float[] dA, int dAOff, float[] out,
                                     int outOff, int count) {
        for (int i = 0; i < count; i += LANES) {
            DoubleVector x = VectorTranscendentals.widen(FloatVector.fromArray(FH, z, zOff + i));
            VectorTranscendentals.fullExp(MINUS_HALF.mul(x).mul(x)).intoArray(e, i);
        }
    }

    /**
     * Phase 2: c = erfc(|y|), y = −x/√2, where |y| &lt;= 4: (D − |y| N)/D in y² below 0.46875,
     * N/D in |y| e^{−y²} above (one division for both); beyond 4 the lane's c is not used.
     */
    private static void firstIntervals(float[] z, int zOff, double[] e, double[] c, float[] dA, int dAOff, float[] out,
                                       int outOff, int count) {
        for (int i = 0; i < count; i += LANES) {
            DoubleVector x = VectorTranscendentals.widen(FloatVector.fromArray(FH, z, zOff + i));
            DoubleVector m = x.mul(MINUS_INV_SQRT_2).abs();
            DoubleVector s = m.mul(m);
            DoubleVector n1 = smallNumerator(s);
            DoubleVector d1 = smallDenominator(s);
            VectorMask<Double> small = m.compare(VectorOperators.LE, SMALL_LIMIT);
            DoubleVector num = middleNumerator(m).mul(DoubleVector.fromArray(D, e, i)).blend(m.neg().fma(n1, d1), small);
            num.div(middleDenominator(m).blend(d1, small)).intoArray(c, i);
        }
    }

    /** Phase 3, forward: a = x (erfc(y)/2), erfc from c or the tail interval. */
    private static void finishForward(float[] z, int zOff, double[] e, double[] c, float[] dA, int dAOff, float[] out,
                                      int outOff, int count) {
        for (int i = 0; i < count; i += LANES) {
            FloatVector xf = FloatVector.fromArray(FH, z, zOff + i);
            DoubleVector x = VectorTranscendentals.widen(xf);
            DoubleVector y = x.mul(HALF.mul(erfc(x, DoubleVector.fromArray(D, e, i), DoubleVector.fromArray(D, c, i))));
            VectorTranscendentals.limits(VectorTranscendentals.round(y), xf, F_PLUS_INFINITY, F_MINUS_ZERO).intoArray(out, outOff + i);
        }
    }

    /** Phase 3, backward: dZ = dA (Φ(x) + x φ(x)). */
    private static void finishBackward(float[] z, int zOff, double[] e, double[] c, float[] dA, int dAOff, float[] out,
                                       int outOff, int count) {
        for (int i = 0; i < count; i += LANES) {
            FloatVector xf = FloatVector.fromArray(FH, z, zOff + i);
            DoubleVector x = VectorTranscendentals.widen(xf);
            DoubleVector ex = DoubleVector.fromArray(D, e, i);
            DoubleVector y = x.fma(ex.mul(INV_SQRT_2PI), HALF.mul(erfc(x, ex, DoubleVector.fromArray(D, c, i))));
            VectorTranscendentals.limits(VectorTranscendentals.round(y), xf, F_ONE, F_ZERO).mul(FloatVector.fromArray(FH, dA, dAOff + i))
                    .intoArray(out, outOff + i);
        }
    }

    /*
     * The six polynomials, one small method each: erfc's own bytecode must stay under C2's
     * FreqInlineSize (325 bytes), or it is not inlined into the loop and its vectors are boxed.
     */

    private static DoubleVector smallNumerator(DoubleVector s) {
        return SN4.fma(s, SN0).fma(s, SN1).fma(s, SN2).fma(s, SN3);
    }

    private static DoubleVector smallDenominator(DoubleVector s) {
        return s.add(SD0).fma(s, SD1).fma(s, SD2).fma(s, SD3);
    }

    private static DoubleVector middleNumerator(DoubleVector m) {
        return MN8.fma(m, MN0).fma(m, MN1).fma(m, MN2).fma(m, MN3).fma(m, MN4).fma(m, MN5).fma(m, MN6).fma(m, MN7);
    }

    private static DoubleVector middleDenominator(DoubleVector m) {
        return m.add(MD0).fma(m, MD1).fma(m, MD2).fma(m, MD3).fma(m, MD4).fma(m, MD5).fma(m, MD6).fma(m, MD7);
    }

    private static DoubleVector tailNumerator(DoubleVector u) {
        return TN5.fma(u, TN0).fma(u, TN1).fma(u, TN2).fma(u, TN3).fma(u, TN4);
    }

    private static DoubleVector tailDenominator(DoubleVector u) {
        return u.add(TD0).fma(u, TD1).fma(u, TD2).fma(u, TD3).fma(u, TD4);
    }

    /**
     * erfc(y) for y = −x/√2, given e = e^{−x²/2} = e^{−y²} and c = erfc(|y|) where |y| &lt;= 4
     * (phase 2): beyond 4, (D/√π − u N) e^{−y²}/(|y| D) in u = 1/y²; then 2 − erfc(|y|) for y &lt; 0
     * (for |y| &lt;= 0.46875 that is 1 + erf|y|, as the scalar's 1 − erf(y)).
     */
    private static DoubleVector erfc(DoubleVector x, DoubleVector e, DoubleVector c) {
        DoubleVector y = x.mul(MINUS_INV_SQRT_2);
        DoubleVector m = y.abs();
        DoubleVector u = ONE.div(m.mul(m));
        DoubleVector d3 = tailDenominator(u);
        DoubleVector q = u.neg().fma(tailNumerator(u), d3.mul(INV_SQRT_PI)).mul(e).div(m.mul(d3))
                .blend(c, m.compare(VectorOperators.LE, MIDDLE_LIMIT));
        return q.blend(TWO.sub(q), y.compare(VectorOperators.LT, ZERO));
    }
}

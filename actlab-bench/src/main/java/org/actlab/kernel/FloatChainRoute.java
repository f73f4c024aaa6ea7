package org.actlab.kernel;

import static org.actlab.kernel.FloatLanesRoute.BIAS;
import static org.actlab.kernel.FloatLanesRoute.F;
import static org.actlab.kernel.FloatLanesRoute.FOUR;
import static org.actlab.kernel.FloatLanesRoute.LANES;
import static org.actlab.kernel.FloatLanesRoute.LOG2E;
import static org.actlab.kernel.FloatLanesRoute.MAGNITUDE;
import static org.actlab.kernel.FloatLanesRoute.MINUS_LN2_HI;
import static org.actlab.kernel.FloatLanesRoute.MINUS_LN2_LO;
import static org.actlab.kernel.FloatLanesRoute.MINUS_LOGISTIC_LIMIT;
import static org.actlab.kernel.FloatLanesRoute.MINUS_TANH_LIMIT;
import static org.actlab.kernel.FloatLanesRoute.ONE;
import static org.actlab.kernel.FloatLanesRoute.Q0;
import static org.actlab.kernel.FloatLanesRoute.Q1;
import static org.actlab.kernel.FloatLanesRoute.Q2;
import static org.actlab.kernel.FloatLanesRoute.Q3;
import static org.actlab.kernel.FloatLanesRoute.Q4;
import static org.actlab.kernel.FloatLanesRoute.SHIFTER;
import static org.actlab.kernel.FloatLanesRoute.SIGN;
import static org.actlab.kernel.FloatLanesRoute.TWO;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link FloatLanesRoute}'s arithmetic (float lanes, e^y carried as hi + lo, one division with a
 * Newton correction) rewritten for a shorter chain of dependent steps (issue 11 target 1, bench
 * only). The question it answers: float-lanes runs about 27 cycles per 16 floats with about
 * 60 instructions, 2.2 per cycle on a core that has 4 vector pipes; if that is the latency of its
 * chain (about 85 cycles from load to store) filling the out-of-order window, a shorter chain is
 * faster even with the same number of operations. The steps, each with the latency it saves
 * (FMA 4, add and multiply 3 cycles):
 * <ul>
 *   <li>Q(r) by Estrin's scheme, (Q0 + Q1 r) + r² ((Q2 + Q3 r) + r² Q4), not Horner's: 11 cycles
 *       from r instead of 16; r² is then reused for e^r − 1 = r + r² Q(r), so r Q(r) is not
 *       formed (3).</li>
 *   <li>p = e^r as pHi = fl((1 + r) + r² Q) with 1 + r formed beside the polynomial, not
 *       fl(fl(r + r² Q) + 1) (3); pLo gathers the three roundings exactly as before: (1 − r1) + r
 *       (Fast2Sum), r1 − pHi (Sterbenz) and the FMA's remainder, then rl pHi.</li>
 *   <li>σ(x) = p/(2^-n + p) for x &lt; 0 and 2^-n/(2^-n + p) for x &gt;= 0, with 2^-n from n's
 *       bits by one integer subtraction: the denominator is one two-sum away from pHi, and neither
 *       2^n pHi nor the final product by 2^n is on the chain (6). σ'(x) = p/(2^n (2^-n + p)²), the
 *       same denominator times its exact scaling by 2^n, also without the final product (3).</li>
 *   <li>The quotient is given −n, so that no negation sits on the chain, and its two remainders
 *       (q0 dHi − nHi exact by FMA, q0 dLo − nLo) are formed side by side (4).</li>
 * </ul>
 * Limits and out-of-range lanes as {@link FloatLanesRoute}: |x| &lt;= 86 for σ and σ' (2^-n at
 * most 2^124, every intermediate normal) and 43 for tanh; other lanes come from the double-lane
 * loops.
 */
final class FloatChainRoute {

    private static final FloatVector MINUS_ONE = FloatVector.broadcast(F, -1f);

    private FloatChainRoute() {
    }

    static void sigmoidForward(float[] z, int zOff, float[] a, int aOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            IntVector b = FloatVector.fromArray(F, z, zOff + i).reinterpretAsInts();
            FloatVector y = b.lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            if (y.compare(VectorOperators.GE, MINUS_LOGISTIC_LIMIT).allTrue()) {
                sigmoid(b, y).intoArray(a, aOff + i);
            } else {
                outOfRange(Kind.SIGMOID, z, zOff + i, null, 0, a, aOff + i);
            }
        }
        if (i < n) {
            FloatLanesRoute.padded(FloatChainRoute::sigmoidForward, z, zOff + i, a, aOff + i, n - i);
        }
    }

    static void sigmoidBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            FloatVector y = FloatVector.fromArray(F, z, zOff + i).reinterpretAsInts()
                    .lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            if (y.compare(VectorOperators.GE, MINUS_LOGISTIC_LIMIT).allTrue()) {
                slope(y).mul(FloatVector.fromArray(F, dA, dAOff + i)).intoArray(dZ, dZOff + i);
            } else {
                outOfRange(Kind.SIGMOID_SLOPE, z, zOff + i, dA, dAOff + i, dZ, dZOff + i);
            }
        }
        if (i < n) {
            FloatLanesRoute.padded(FloatChainRoute::sigmoidBackward, z, zOff + i, dA, dAOff + i, dZ, dZOff + i, n - i);
        }
    }

    static void tanhForward(float[] z, int zOff, float[] a, int aOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            IntVector b = FloatVector.fromArray(F, z, zOff + i).reinterpretAsInts();
            FloatVector y = b.lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            if (y.compare(VectorOperators.GE, MINUS_TANH_LIMIT).allTrue()) {
                tanh(b, y).intoArray(a, aOff + i);
            } else {
                outOfRange(Kind.TANH, z, zOff + i, null, 0, a, aOff + i);
            }
        }
        if (i < n) {
            FloatLanesRoute.padded(FloatChainRoute::tanhForward, z, zOff + i, a, aOff + i, n - i);
        }
    }

    static void tanhBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            FloatVector y = FloatVector.fromArray(F, z, zOff + i).reinterpretAsInts()
                    .lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            if (y.compare(VectorOperators.GE, MINUS_TANH_LIMIT).allTrue()) {
                slope(y.add(y)).mul(FOUR).mul(FloatVector.fromArray(F, dA, dAOff + i)).intoArray(dZ, dZOff + i);
            } else {
                outOfRange(Kind.TANH_SLOPE, z, zOff + i, dA, dAOff + i, dZ, dZOff + i);
            }
        }
        if (i < n) {
            FloatLanesRoute.padded(FloatChainRoute::tanhBackward, z, zOff + i, dA, dAOff + i, dZ, dZOff + i, n - i);
        }
    }

    // ---- the arithmetic of one vector; b holds x's bits, y = −|x| ----

    /** σ(x). */
    static FloatVector sigmoid(IntVector b, FloatVector y) {
        FloatVector k = y.fma(LOG2E, SHIFTER);
        FloatVector nf = k.sub(SHIFTER);
        FloatVector r = nf.fma(MINUS_LN2_HI, y);
        FloatVector r2 = r.mul(r);
        FloatVector q = polynomial(r, r2);
        FloatVector r1 = r.add(ONE);
        FloatVector pHi = r2.fma(q, r1);
        FloatVector pLo = lowPart(nf, r, r2, q, r1, pHi);
        IntVector nBits = k.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23);
        FloatVector inverse = BIAS.sub(nBits).reinterpretAsFloats();
        FloatVector dHi = inverse.add(pHi);
        // inverse >= 1 > pHi / 2, so inverse − dHi is exact and adding pHi gives dHi's rounding error.
        FloatVector dLo = inverse.sub(dHi).add(pHi).add(pLo);
        // x < 0 (sign bit set, an all-ones lane): numerator pHi + pLo; x >= 0: 2^-n + 0. Given negated.
        IntVector negative = b.lanewise(VectorOperators.ASHR, 31);
        FloatVector minusNHi = inverse.reinterpretAsInts()
                .lanewise(VectorOperators.BITWISE_BLEND, pHi.reinterpretAsInts(), negative)
                .lanewise(VectorOperators.XOR, SIGN).reinterpretAsFloats();
        FloatVector minusNLo = pLo.reinterpretAsInts().lanewise(VectorOperators.AND, negative)
                .lanewise(VectorOperators.XOR, SIGN).reinterpretAsFloats();
        return quotient(minusNHi, minusNLo, dHi, dLo);
    }

    /** tanh(x): −m/(2 + m), m = t − 1 as mHi + mLo (where n = 0 from r + r² Q itself), x's sign. */
    static FloatVector tanh(IntVector b, FloatVector y) {
        FloatVector y2 = y.add(y);
        FloatVector k = y2.fma(LOG2E, SHIFTER);
        FloatVector nf = k.sub(SHIFTER);
        FloatVector r = nf.fma(MINUS_LN2_HI, y2);
        FloatVector r2 = r.mul(r);
        FloatVector q = polynomial(r, r2);
        FloatVector r1 = r.add(ONE);
        FloatVector pHi = r2.fma(q, r1);
        FloatVector m = r2.fma(q, r);
        FloatVector pLo = lowPart(nf, r, r2, q, r1, pHi);
        FloatVector scale = k.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).add(BIAS).reinterpretAsFloats();
        FloatVector tHi = pHi.mul(scale);
        FloatVector mHiFar = tHi.sub(ONE);
        FloatVector mLoFar = pLo.fma(scale, tHi.sub(mHiFar.add(ONE)));
        var near = k.compare(VectorOperators.EQ, SHIFTER);
        FloatVector mHi = mHiFar.blend(m, near);
        FloatVector mLo = mLoFar.blend(r2.fma(q, r.sub(m)), near);
        FloatVector dHi = mHi.add(TWO);
        FloatVector dLo = TWO.sub(dHi).add(mHi).add(mLo);
        // −m/(2+m) >= 0 (up to the sign of a zero); its magnitude takes the sign of x.
        return quotient(mHi, mLo, dHi, dLo).reinterpretAsInts().lanewise(VectorOperators.AND, MAGNITUDE)
                .lanewise(VectorOperators.OR, b.lanewise(VectorOperators.AND, SIGN)).reinterpretAsFloats();
    }

    /** 2^n p/(1 + 2^n p)² for y = n ln2 + r, p = e^r: σ'(x) with y = −|x|, tanh'(x)/4 with y = −2|x|. */
    static FloatVector slope(FloatVector y) {
        FloatVector k = y.fma(LOG2E, SHIFTER);
        FloatVector nf = k.sub(SHIFTER);
        FloatVector r = nf.fma(MINUS_LN2_HI, y);
        FloatVector r2 = r.mul(r);
        FloatVector q = polynomial(r, r2);
        FloatVector r1 = r.add(ONE);
        FloatVector pHi = r2.fma(q, r1);
        FloatVector pLo = lowPart(nf, r, r2, q, r1, pHi);
        IntVector nBits = k.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23);
        FloatVector inverse = BIAS.sub(nBits).reinterpretAsFloats();
        FloatVector dHi = inverse.add(pHi);
        FloatVector dLo = inverse.sub(dHi).add(pHi).add(pLo);
        // 2^n (2^-n + p)² = (dHi + dLo)(sHi + sLo) with s = 2^n d exactly: dHi sHi + 2 dLo sHi.
        FloatVector sHi = dHi.mul(nBits.add(BIAS).reinterpretAsFloats());
        FloatVector productHi = dHi.mul(sHi);
        FloatVector productLo = dLo.add(dLo).fma(sHi, dHi.fma(sHi, productHi.neg()));
        return quotient(pHi.neg(), pLo.neg(), productHi, productLo);
    }

    /** Q(r) by Estrin's scheme: e^r ≈ 1 + r + r² Q(r). */
    private static FloatVector polynomial(FloatVector r, FloatVector r2) {
        return r2.fma(Q4, r.fma(Q3, Q2)).fma(r2, r.fma(Q1, Q0));
    }

    /**
     * pLo with e^(r + rl) ≈ pHi + pLo, pHi = fl(r1 + r² q), r1 = fl(1 + r), rl = −n ln2_lo: r1's
     * rounding error (1 − r1) + r and r1 − pHi are exact, their sum is exact (it is about r²/2 on
     * the grid of r's last bit), the FMA adds r² q to it, and e^rl ≈ 1 + rl adds rl pHi.
     */
    private static FloatVector lowPart(FloatVector nf, FloatVector r, FloatVector r2, FloatVector q, FloatVector r1,
                                       FloatVector pHi) {
        FloatVector roundings = r1.sub(pHi).add(ONE.sub(r1).add(r));
        return nf.mul(MINUS_LN2_LO).fma(pHi, r2.fma(q, roundings));
    }

    /**
     * (nHi + nLo)/(dHi + dLo) rounded once, given −nHi and −nLo: q0 = nHi/dHi, then one Newton
     * correction q0 − e/dHi with e = q0 (dHi + dLo) − (nHi + nLo); q0 dHi − nHi is exact by FMA.
     */
    static FloatVector quotient(FloatVector minusNHi, FloatVector minusNLo, FloatVector dHi, FloatVector dLo) {
        FloatVector minusReciprocal = MINUS_ONE.div(dHi);
        FloatVector q0 = minusNHi.mul(minusReciprocal);
        FloatVector e = q0.fma(dHi, minusNHi).add(q0.fma(dLo, minusNLo));
        return e.fma(minusReciprocal, q0);
    }

    // ---- vectors with a NaN or a large |x| ----

    enum Kind { SIGMOID, SIGMOID_SLOPE, TANH, TANH_SLOPE }

    /**
     * One vector holding a NaN or a large |x|: every lane through this route (the others are kept),
     * then the lanes concerned from the double-lane loops. Works on copies, so that out may be z.
     */
    static void outOfRange(Kind kind, float[] z, int zOff, float[] dA, int dAOff, float[] out, int outOff) {
        float[] x = java.util.Arrays.copyOfRange(z, zOff, zOff + LANES);
        IntVector b = FloatVector.fromArray(F, x, 0).reinterpretAsInts();
        FloatVector y = b.lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
        float[] upstream = dA == null ? null : java.util.Arrays.copyOfRange(dA, dAOff, dAOff + LANES);
        FloatVector result;
        switch (kind) {
            case SIGMOID:
                result = sigmoid(b, y);
                break;
            case TANH:
                result = tanh(b, y);
                break;
            case SIGMOID_SLOPE:
                result = slope(y).mul(FloatVector.fromArray(F, upstream, 0));
                break;
            default:
                result = slope(y.add(y)).mul(FOUR).mul(FloatVector.fromArray(F, upstream, 0));
        }
        result.intoArray(out, outOff);
        boolean sigmoid = kind == Kind.SIGMOID || kind == Kind.SIGMOID_SLOPE;
        FloatLanesRoute.patchFromDoubleLanes(sigmoid, upstream, x, out, outOff);
    }
}

package org.actlab.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Issue 11's "float lanes with an error-compensated exp" route for sigmoid and tanh, forward and
 * backward: twice the lanes per vector of the double-lane loops in {@link VectorTranscendentals},
 * within 1 ULP (0.791 at worst over all 2^32 floats, against their 0.504). Measured, not
 * shipped (yet): on JDK 17 on the Zen 5 host it was 1.07–1.35 × those loops in JMH
 * (docs/BENCHMARKS.md, "Sigmoid and tanh against the peers"). C2 compiles its loop to about
 * 60 instructions per 16 floats (45 vector operations, the rest constant loads and the loop), which
 * took about 27 cycles per vector in a CPU-time harness; replacing its one division by a
 * multiplication did not change that, so the count of operations, not the division, bounds it,
 * and per float it costs about what the double route's 30 operations per 8 floats cost.
 *
 * <p>Why float arithmetic can stay within 1 ULP: the final rounding costs 0.5 ULP, so everything
 * before it must be good to well under 0.5 ULP, i.e. relative error well under 2^-25, which plain
 * float operations (each rounding by up to 2^-24) cannot give. So the value is carried as an
 * unevaluated sum hi + lo where it matters, and the last step is a quotient corrected once by
 * Newton's method, which rounds (almost) once.
 * <ol>
 *   <li>t = e^y, y = −|x| (sigmoid) or −2|x| (tanh): y = n ln2 + r with n = rint(y log2e) and
 *       r = y − n ln2_hi in one FMA, which is exact (ln2_hi is ln2 rounded to float, so n ln2_hi
 *       is a multiple of 2^-24 and |r| &lt; 1/2 needs at most 24 bits), plus rl = −n ln2_lo,
 *       |rl| &lt; 2^-21. e^r = 1 + r + r w with w = r Q(r), Q of degree 4 (float coefficients fitted
 *       for minimum error of e^r on |r| &lt;= 0.3467: 2^-28), split exactly into pHi = 1 + fl(r + r w)
 *       and pLo = fma(r, w, (1 − pHi) + r) + rl pHi ((1 − pHi) is exact by Sterbenz). Then
 *       t = 2^n (pHi + pLo) to about 2^-27; 2^n comes from n's bits (exact: the range check keeps it
 *       normal).</li>
 *   <li>A quotient (nHi + nLo)/(dHi + dLo): q0 = nHi (1/dHi), the remainder nHi − q0 dHi exact by
 *       FMA, then q = q0 + (remainder + nLo − q0 dLo)(1/dHi), which rounds once up to about 2^-40.</li>
 * </ol>
 * Formulas: σ(x) = 1/(1+t) for x &gt;= 0 and 2^n (pHi + pLo)/(1+t) for x &lt; 0, the choice made with
 * integer lanes from x's sign bit (no mask); σ'(x) = t/(1+t)²; tanh(|x|) = −m/(2+m) with
 * m = t − 1, taken where n = 0 as fl(r + r w) plus its FMA remainder (small x keeps its relative
 * accuracy), else as a two-sum of 2^n pHi − 1; tanh'(x) = 4t/(1+t)² (docs/ACCURACY.md has the
 * error budget and the audits).
 *
 * <p>The float arithmetic needs 2^n and every result normal: |x| &lt;= 86 for σ and σ', |x| &lt;= 43
 * for tanh and tanh'. A vector holding a NaN or a larger |x| computes its other lanes as usual and
 * takes those lanes from the double-lane loop of {@link VectorTranscendentals} (0.5 ULP), so every
 * element's result depends on its own x only, not on its neighbours or its position. The last
 * n mod {@link #LANES} elements run the same loop on a zero-padded copy.
 */
final class FloatLanesRoute {

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    static final int LANES = F.length();

    /** |x| up to which the float arithmetic runs: 2^n and the results stay normal. */
    private static final float LOGISTIC_LIMIT = 86f;
    private static final float TANH_LIMIT = 43f;

    static final FloatVector ONE = FloatVector.broadcast(F, 1f);
    static final FloatVector TWO = FloatVector.broadcast(F, 2f);
    static final FloatVector FOUR = FloatVector.broadcast(F, 4f);
    static final FloatVector LOG2E = FloatVector.broadcast(F, 1.44269504f);
    /** 1.5 · 2^23: y log2e + SHIFTER rounds to an integer n and keeps n in its low bits. */
    static final FloatVector SHIFTER = FloatVector.broadcast(F, 0x1.8p23f);
    static final FloatVector MINUS_LN2_HI = FloatVector.broadcast(F, -0x1.62e43p-1f);
    /** −(ln2 − ln2_hi), the float nearest it. */
    static final FloatVector MINUS_LN2_LO = FloatVector.broadcast(F, (float) -(Math.log(2) - 0x1.62e43p-1f));
    /* Q(r) with e^r ≈ 1 + r + r² Q(r); see the class comment. */
    static final FloatVector Q0 = FloatVector.broadcast(F, 0x1.fffffap-2f);
    static final FloatVector Q1 = FloatVector.broadcast(F, 0x1.555490p-3f);
    static final FloatVector Q2 = FloatVector.broadcast(F, 0x1.5559d2p-5f);
    static final FloatVector Q3 = FloatVector.broadcast(F, 0x1.123b10p-7f);
    static final FloatVector Q4 = FloatVector.broadcast(F, 0x1.698a4ap-10f);
    static final FloatVector MINUS_LOGISTIC_LIMIT = FloatVector.broadcast(F, -LOGISTIC_LIMIT);
    static final FloatVector MINUS_TANH_LIMIT = FloatVector.broadcast(F, -TANH_LIMIT);
    static final IntVector SIGN = IntVector.broadcast(I, 0x80000000);
    static final IntVector MAGNITUDE = IntVector.broadcast(I, 0x7fffffff);
    /** The exponent bias, added to n << 23 for 2^n. */
    static final IntVector BIAS = IntVector.broadcast(I, 127 << 23);

    private FloatLanesRoute() {
    }

    static void sigmoidForward(float[] z, int zOff, float[] a, int aOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            IntVector b = FloatVector.fromArray(F, z, zOff + i).reinterpretAsInts();
            FloatVector y = b.lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            if (y.compare(VectorOperators.GE, MINUS_LOGISTIC_LIMIT).allTrue()) {
                sigmoid(b, y).intoArray(a, aOff + i);
            } else {
                patchedSigmoidForward(z, zOff + i, a, aOff + i);
            }
        }
        if (i < n) {
            padded(FloatLanesRoute::sigmoidForward, z, zOff + i, a, aOff + i, n - i);
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
                patchedBackward(true, z, zOff + i, dA, dAOff + i, dZ, dZOff + i);
            }
        }
        if (i < n) {
            padded(FloatLanesRoute::sigmoidBackward, z, zOff + i, dA, dAOff + i, dZ, dZOff + i, n - i);
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
                patchedTanhForward(z, zOff + i, a, aOff + i);
            }
        }
        if (i < n) {
            padded(FloatLanesRoute::tanhForward, z, zOff + i, a, aOff + i, n - i);
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
                patchedBackward(false, z, zOff + i, dA, dAOff + i, dZ, dZOff + i);
            }
        }
        if (i < n) {
            padded(FloatLanesRoute::tanhBackward, z, zOff + i, dA, dAOff + i, dZ, dZOff + i, n - i);
        }
    }

    // ---- the arithmetic of one vector; b holds x's bits, y = −|x| ----

    /** σ(x). */
    static FloatVector sigmoid(IntVector b, FloatVector y) {
        FloatVector k = y.fma(LOG2E, SHIFTER);
        FloatVector nf = k.sub(SHIFTER);
        FloatVector r = nf.fma(MINUS_LN2_HI, y);
        FloatVector w = r.mul(polynomial(r));
        FloatVector pHi = r.fma(w, r).add(ONE);
        FloatVector pLo = nf.mul(MINUS_LN2_LO).fma(pHi, r.fma(w, ONE.sub(pHi).add(r)));
        IntVector nBits = k.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23);
        FloatVector scale = nBits.add(BIAS).reinterpretAsFloats();
        FloatVector tHi = pHi.mul(scale);
        FloatVector sHi = tHi.add(ONE);
        FloatVector sLo = pLo.fma(scale, ONE.sub(sHi).add(tHi));
        // x < 0 (sign bit set, an all-ones lane): numerator pHi + pLo and the result times 2^n;
        // x >= 0: numerator 1 + 0 and times 1. pHi − 1 is exact (Sterbenz), so (pHi − 1) + 1 = pHi.
        IntVector negative = b.lanewise(VectorOperators.ASHR, 31);
        FloatVector nHi = pHi.sub(ONE).reinterpretAsInts().lanewise(VectorOperators.AND, negative)
                .reinterpretAsFloats().add(ONE);
        FloatVector nLo = pLo.reinterpretAsInts().lanewise(VectorOperators.AND, negative).reinterpretAsFloats();
        FloatVector outScale = nBits.lanewise(VectorOperators.AND, negative).add(BIAS).reinterpretAsFloats();
        return quotient(nHi, nLo, sHi, sLo).mul(outScale);
    }

    /** tanh(x). */
    static FloatVector tanh(IntVector b, FloatVector y) {
        FloatVector y2 = y.add(y);
        FloatVector k = y2.fma(LOG2E, SHIFTER);
        FloatVector nf = k.sub(SHIFTER);
        FloatVector r = nf.fma(MINUS_LN2_HI, y2);
        FloatVector w = r.mul(polynomial(r));
        FloatVector m = r.fma(w, r);
        FloatVector pHi = m.add(ONE);
        FloatVector pLo = nf.mul(MINUS_LN2_LO).fma(pHi, r.fma(w, ONE.sub(pHi).add(r)));
        FloatVector scale = k.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).add(BIAS).reinterpretAsFloats();
        FloatVector tHi = pHi.mul(scale);
        // m = t − 1 as mHi + mLo: where n = 0, fl(r + r w) and its FMA remainder; else a two-sum.
        FloatVector mHiFar = tHi.sub(ONE);
        FloatVector mLoFar = pLo.fma(scale, tHi.sub(mHiFar.add(ONE)));
        var near = k.compare(VectorOperators.EQ, SHIFTER);
        FloatVector mHi = mHiFar.blend(m, near);
        FloatVector mLo = mLoFar.blend(r.fma(w, r.sub(m)), near);
        FloatVector dHi = mHi.add(TWO);
        FloatVector dLo = TWO.sub(dHi).add(mHi).add(mLo);
        // −m/(2+m) comes out <= 0; its magnitude takes the sign of x.
        return quotient(mHi, mLo, dHi, dLo).reinterpretAsInts().lanewise(VectorOperators.AND, MAGNITUDE)
                .lanewise(VectorOperators.OR, b.lanewise(VectorOperators.AND, SIGN)).reinterpretAsFloats();
    }

    /** 2^n e^r/(1 + 2^n e^r)² for y = n ln2 + r: σ'(x) with y = −|x|, tanh'(x)/4 with y = −2|x|. */
    static FloatVector slope(FloatVector y) {
        FloatVector k = y.fma(LOG2E, SHIFTER);
        FloatVector nf = k.sub(SHIFTER);
        FloatVector r = nf.fma(MINUS_LN2_HI, y);
        FloatVector w = r.mul(polynomial(r));
        FloatVector pHi = r.fma(w, r).add(ONE);
        FloatVector pLo = nf.mul(MINUS_LN2_LO).fma(pHi, r.fma(w, ONE.sub(pHi).add(r)));
        FloatVector scale = k.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).add(BIAS).reinterpretAsFloats();
        FloatVector tHi = pHi.mul(scale);
        FloatVector sHi = tHi.add(ONE);
        FloatVector sLo = pLo.fma(scale, ONE.sub(sHi).add(tHi));
        FloatVector squareHi = sHi.mul(sHi);
        FloatVector squareLo = sHi.fma(sHi, squareHi.neg()).add(sHi.add(sHi).mul(sLo));
        return quotient(pHi, pLo, squareHi, squareLo).mul(scale);
    }

    /** Q(r), e^r ≈ 1 + r + r² Q(r). */
    private static FloatVector polynomial(FloatVector r) {
        return r.fma(Q4, Q3).fma(r, Q2).fma(r, Q1).fma(r, Q0);
    }

    /**
     * (nHi + nLo)/(dHi + dLo) rounded once: q0 = nHi/dHi, then one Newton correction with the
     * remainder nHi − q0·dHi, which an FMA gives exactly.
     */
    static FloatVector quotient(FloatVector nHi, FloatVector nLo, FloatVector dHi, FloatVector dLo) {
        FloatVector reciprocal = ONE.div(dHi);
        FloatVector q0 = nHi.mul(reciprocal);
        FloatVector minusQ0 = q0.neg();
        FloatVector remainder = minusQ0.fma(dHi, nHi);
        remainder = minusQ0.fma(dLo, remainder.add(nLo));
        return remainder.fma(reciprocal, q0);
    }

    // ---- vectors with a NaN or a large |x|: those lanes from the double-lane loops ----

    private static void patchedSigmoidForward(float[] z, int zOff, float[] a, int aOff) {
        float[] x = java.util.Arrays.copyOfRange(z, zOff, zOff + LANES);
        IntVector b = FloatVector.fromArray(F, x, 0).reinterpretAsInts();
        sigmoid(b, b.lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats()).intoArray(a, aOff);
        patchFromDoubleLanes(true, null, x, a, aOff);
    }

    private static void patchedTanhForward(float[] z, int zOff, float[] a, int aOff) {
        float[] x = java.util.Arrays.copyOfRange(z, zOff, zOff + LANES);
        IntVector b = FloatVector.fromArray(F, x, 0).reinterpretAsInts();
        tanh(b, b.lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats()).intoArray(a, aOff);
        patchFromDoubleLanes(false, null, x, a, aOff);
    }

    private static void patchedBackward(boolean sigmoid, float[] z, int zOff, float[] dA, int dAOff,
                                        float[] dZ, int dZOff) {
        float[] x = java.util.Arrays.copyOfRange(z, zOff, zOff + LANES);
        float[] upstream = java.util.Arrays.copyOfRange(dA, dAOff, dAOff + LANES);
        FloatVector y = FloatVector.fromArray(F, x, 0).reinterpretAsInts()
                .lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
        FloatVector u = FloatVector.fromArray(F, upstream, 0);
        if (sigmoid) {
            slope(y).mul(u).intoArray(dZ, dZOff);
        } else {
            slope(y.add(y)).mul(FOUR).mul(u).intoArray(dZ, dZOff);
        }
        patchFromDoubleLanes(sigmoid, upstream, x, dZ, dZOff);
    }

    /**
     * For one vector's copied inputs {@code x} (and {@code upstream}, null for a forward pass): runs
     * the double-lane loop of {@link VectorTranscendentals} and copies into {@code out} the lanes
     * whose x is NaN or beyond the float arithmetic's limit; the other lanes of {@code out} stay.
     */
    static void patchFromDoubleLanes(boolean sigmoid, float[] upstream, float[] x, float[] out, int outOff) {
        float[] wide = new float[LANES];
        if (upstream == null && sigmoid) {
            VectorTranscendentals.sigmoidForward(x, 0, wide, 0, LANES);
        } else if (upstream == null) {
            VectorTranscendentals.tanhForward(x, 0, wide, 0, LANES);
        } else if (sigmoid) {
            VectorTranscendentals.sigmoidBackward(x, 0, upstream, 0, wide, 0, LANES);
        } else {
            VectorTranscendentals.tanhBackward(x, 0, upstream, 0, wide, 0, LANES);
        }
        patch(x, sigmoid ? LOGISTIC_LIMIT : TANH_LIMIT, wide, out, outOff);
    }

    /** Copies into {@code out} the lanes of {@code wide} whose x is NaN or beyond the limit. */
    private static void patch(float[] x, float limit, float[] wide, float[] out, int outOff) {
        for (int j = 0; j < LANES; j++) {
            if (!(Math.abs(x[j]) <= limit)) {
                out[outOff + j] = wide[j];
            }
        }
    }

    /** A forward loop over a slice. */
    interface ForwardLoop {
        void run(float[] z, int zOff, float[] a, int aOff, int n);
    }

    /** A backward loop over a slice. */
    interface BackwardLoop {
        void run(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n);
    }

    /** The last {@code count < LANES} elements through {@code loop}, on a zero-padded whole vector. */
    static void padded(ForwardLoop loop, float[] z, int zOff, float[] a, int aOff, int count) {
        float[] buffer = tail(z, zOff, count);
        loop.run(buffer, 0, buffer, 0, LANES);
        System.arraycopy(buffer, 0, a, aOff, count);
    }

    /** The same for a backward loop. */
    static void padded(BackwardLoop loop, float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff,
                               int count) {
        float[] buffer = tail(z, zOff, count);
        loop.run(buffer, 0, tail(dA, dAOff, count), 0, buffer, 0, LANES);
        System.arraycopy(buffer, 0, dZ, dZOff, count);
    }

    /** The last {@code count < LANES} elements, zero-padded to one whole vector. */
    private static float[] tail(float[] array, int from, int count) {
        float[] buffer = new float[LANES];
        System.arraycopy(array, from, buffer, 0, count);
        return buffer;
    }
}

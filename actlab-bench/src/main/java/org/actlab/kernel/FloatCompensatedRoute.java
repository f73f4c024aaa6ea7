package org.actlab.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Issue 11's "error-compensated float exp" route for sigmoid and tanh, forward and backward: float
 * lanes, twice the lanes per vector of the shipped double-lane loops in
 * {@link VectorTranscendentals}, aiming at 1 ULP instead of their 0.504. Measured, not shipped:
 * on JDK 17 it is not faster (docs/BENCHMARKS.md, "Activation kernels", has the figures). The
 * arithmetic needs about 45 vector operations per 16 floats where the double route needs about 30
 * per 8, and C2 compiles Vector API code well only when it inlines a loop's whole expression tree:
 * the backward loops here exceed its per-compilation node budget (PrintInlining reports
 * NodeCountInliningCutoff), so some vectors are boxed as heap objects, and a mask-free variant
 * with integer selects (more nodes still) was slower throughout.
 *
 * <p>How a float result stays within 1 ULP when every float operation rounds by up to 0.5 ULP:
 * the value before the last rounding is carried as an unevaluated sum hi + lo accurate to about
 * 2^-27, and the last step is a Newton-corrected quotient that rounds once.
 * <ol>
 *   <li>t = e^y for y = −|x| (sigmoid) or −2|x| (tanh): y = n ln2 + r with n = rint(y log2e) and
 *       r = y − n ln2_hi in one FMA, which is exact (ln2_hi is ln2 rounded to float, so n ln2_hi is a
 *       multiple of 2^-24 and |r| &lt; 1/2 fits 24 bits), plus rl = −n ln2_lo, |rl| &lt; 2^-21. Then
 *       e^r = 1 + r + r·w with w = r·Q(r), Q a degree-4 polynomial (float coefficients fitted for
 *       minimum error of e^r on |r| &lt;= 0.3467: 2^-28), and e^r = pHi + pLo exactly split:
 *       pHi = 1 + fma(r, w, r), pLo = fma(r, w, (1 − pHi) + r) + rl·pHi, where (1 − pHi) + r is exact
 *       (Sterbenz). t = 2^n (pHi + pLo) to about 2^-27.</li>
 *   <li>A quotient N/D with N and D given as hi + lo: q0 = Nhi·(1/Dhi), the remainder
 *       Nhi − q0·Dhi exactly by FMA, then q = q0 + (remainder + Nlo − q0·Dlo)/Dhi rounds once.</li>
 * </ol>
 * Formulas: σ(x) = 1/(1+t) for x >= 0 and t/(1+t) for x &lt; 0; σ'(x) = t/(1+t)²; tanh(|x|) =
 * −m/(2+m) with m = e^{−2|x|} − 1 (taken as fma(r, w, r) + its FMA remainder where n = 0, so
 * that small x keeps full relative accuracy); tanh'(x) = 4t/(1+t)².
 *
 * <p>The float route needs 2^n and the results normal: |x| &lt;= 86 for σ and σ', |x| &lt;= 43 for
 * tanh and tanh'. A vector that holds a NaN or an |x| beyond its limit runs the double-lane loop
 * of {@link VectorTranscendentals} instead, as do the last n mod 16 elements (σ and the
 * derivatives fall into subnormals there, which need their own rounding). The benchmarks'
 * pre-activations never get there.
 */
final class FloatCompensatedRoute {

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final int LANES = F.length();

    private static final FloatVector ONE = FloatVector.broadcast(F, 1f);
    private static final FloatVector TWO = FloatVector.broadcast(F, 2f);
    private static final FloatVector FOUR = FloatVector.broadcast(F, 4f);
    private static final FloatVector LOG2E = FloatVector.broadcast(F, 1.44269504f);
    /** 1.5 · 2^23: k = y log2e + SHIFTER rounds to an integer n and keeps n in its low bits. */
    private static final FloatVector SHIFTER = FloatVector.broadcast(F, 0x1.8p23f);
    private static final FloatVector MINUS_LN2_HI = FloatVector.broadcast(F, -0x1.62e43p-1f);
    /** −(ln2 − ln2_hi), the float nearest it. */
    private static final FloatVector MINUS_LN2_LO = FloatVector.broadcast(F, (float) -(Math.log(2) - 0x1.62e43p-1f));
    /* Q(r) with e^r ≈ 1 + r + r² Q(r); see the class comment. */
    private static final FloatVector Q0 = FloatVector.broadcast(F, 0x1.fffffap-2f);
    private static final FloatVector Q1 = FloatVector.broadcast(F, 0x1.555490p-3f);
    private static final FloatVector Q2 = FloatVector.broadcast(F, 0x1.5559d2p-5f);
    private static final FloatVector Q3 = FloatVector.broadcast(F, 0x1.123b10p-7f);
    private static final FloatVector Q4 = FloatVector.broadcast(F, 0x1.698a4ap-10f);
    /**
     * The float route's range, as y = −|x| or −2|x| >= −86: there 2^n and every result are normal
     * floats. tanh's forward clamps y here instead (tanh(43) already rounds to 1).
     */
    private static final FloatVector LOGISTIC_LIMIT = FloatVector.broadcast(F, -86f);
    private static final FloatVector TANH_LIMIT = FloatVector.broadcast(F, -43f);
    private static final FloatVector ZERO = FloatVector.zero(F);
    private static final IntVector SIGN = IntVector.broadcast(I, 0x80000000);
    private static final IntVector MAGNITUDE = IntVector.broadcast(I, 0x7fffffff);
    /** The exponent bias, added to n << 23 for 2^n. */
    private static final IntVector BIAS = IntVector.broadcast(I, 127 << 23);

    private FloatCompensatedRoute() {
    }

    static void sigmoidForward(float[] z, int zOff, float[] a, int aOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            IntVector b = FloatVector.fromArray(F, z, zOff + i).reinterpretAsInts();
            if (outOfRange(b, LOGISTIC_LIMIT)) {
                VectorTranscendentals.sigmoidForward(z, zOff + i, a, aOff + i, LANES);
                continue;
            }
            FloatVector y = b.or(SIGN).reinterpretAsFloats();
            FloatVector k = y.fma(LOG2E, SHIFTER);
            FloatVector r = reduced(k, y);
            FloatVector w = r.mul(polynomial(r));
            FloatVector pHi = r.fma(w, r).add(ONE);
            FloatVector pLo = lowPart(k, r, w, pHi);
            FloatVector scale = twoToN(k, BIAS);
            FloatVector tHi = pHi.mul(scale);
            FloatVector sHi = tHi.add(ONE);
            FloatVector sLo = ONE.sub(sHi).add(tHi).add(pLo.mul(scale));
            // x < 0 (sign bit set): 2^n (pHi + pLo) / s, scaled after the division (exact: the result is normal).
            VectorMask<Float> negative = b.reinterpretAsFloats().compare(VectorOperators.LT, ZERO);
            FloatVector q = quotient(ONE.blend(pHi, negative), ZERO.blend(pLo, negative), sHi, sLo);
            q.mul(ONE.blend(scale, negative)).intoArray(a, aOff + i);
        }
        if (i < n) {
            VectorTranscendentals.sigmoidForward(z, zOff + i, a, aOff + i, n - i);
        }
    }

    static void sigmoidBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            IntVector b = FloatVector.fromArray(F, z, zOff + i).reinterpretAsInts();
            if (outOfRange(b, LOGISTIC_LIMIT)) {
                VectorTranscendentals.sigmoidBackward(z, zOff + i, dA, dAOff + i, dZ, dZOff + i, LANES);
                continue;
            }
            slope(b.or(SIGN).reinterpretAsFloats()).mul(FloatVector.fromArray(F, dA, dAOff + i)).intoArray(dZ, dZOff + i);
        }
        if (i < n) {
            VectorTranscendentals.sigmoidBackward(z, zOff + i, dA, dAOff + i, dZ, dZOff + i, n - i);
        }
    }

    static void tanhForward(float[] z, int zOff, float[] a, int aOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            IntVector b = FloatVector.fromArray(F, z, zOff + i).reinterpretAsInts();
            if (outOfRange(b, TANH_LIMIT)) {
                VectorTranscendentals.tanhForward(z, zOff + i, a, aOff + i, LANES);
                continue;
            }
            FloatVector y = twiceNegativeMagnitude(b);
            FloatVector k = y.fma(LOG2E, SHIFTER);
            FloatVector r = reduced(k, y);
            FloatVector w = r.mul(polynomial(r));
            FloatVector m = r.fma(w, r);
            FloatVector pHi = m.add(ONE);
            FloatVector scale = twoToN(k, BIAS);
            FloatVector tHi = pHi.mul(scale);
            // m = t − 1 as mHi + mLo: where n = 0, fma(r, w, r) and its remainder; else a two-sum.
            FloatVector mHiFar = tHi.sub(ONE);
            FloatVector mLoFar = tHi.sub(mHiFar.add(ONE)).add(lowPart(k, r, w, pHi).mul(scale));
            VectorMask<Float> near = k.compare(VectorOperators.EQ, SHIFTER);
            FloatVector mHi = mHiFar.blend(m, near);
            FloatVector mLo = mLoFar.blend(r.fma(w, r.sub(m)), near);
            FloatVector dHi = mHi.add(TWO);
            FloatVector dLo = TWO.sub(dHi).add(mHi).add(mLo);
            // −m/(2+m): the quotient comes out <= 0; its magnitude takes the sign of x.
            quotient(mHi, mLo, dHi, dLo).reinterpretAsInts().and(MAGNITUDE).or(b.and(SIGN))
                    .reinterpretAsFloats().intoArray(a, aOff + i);
        }
        if (i < n) {
            VectorTranscendentals.tanhForward(z, zOff + i, a, aOff + i, n - i);
        }
    }

    static void tanhBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            IntVector b = FloatVector.fromArray(F, z, zOff + i).reinterpretAsInts();
            if (outOfRange(b, TANH_LIMIT)) {
                VectorTranscendentals.tanhBackward(z, zOff + i, dA, dAOff + i, dZ, dZOff + i, LANES);
                continue;
            }
            slope(twiceNegativeMagnitude(b)).mul(FOUR).mul(FloatVector.fromArray(F, dA, dAOff + i)).intoArray(dZ, dZOff + i);
        }
        if (i < n) {
            VectorTranscendentals.tanhBackward(z, zOff + i, dA, dAOff + i, dZ, dZOff + i, n - i);
        }
    }

    /**
     * Whether a lane holds a NaN or an |x| above the limit (as float bits): compared as ints,
     * since |x|'s bits order like |x| and every NaN's lie above +∞'s.
     */
    private static boolean outOfRange(IntVector b, FloatVector minusLimit) {
        return !b.or(SIGN).reinterpretAsFloats().compare(VectorOperators.GE, minusLimit).allTrue();
    }

    /** −2|x| (exact), from x's bits. */
    private static FloatVector twiceNegativeMagnitude(IntVector b) {
        FloatVector y = b.or(SIGN).reinterpretAsFloats();
        return y.add(y);
    }

    /** 2^n e^r/(1 + 2^n e^r)² for y = n ln2 + r: σ'(x) with y = −|x|, tanh'(x)/4 with y = −2|x|. */
    private static FloatVector slope(FloatVector y) {
        FloatVector k = y.fma(LOG2E, SHIFTER);
        FloatVector r = reduced(k, y);
        FloatVector w = r.mul(polynomial(r));
        FloatVector pHi = r.fma(w, r).add(ONE);
        FloatVector pLo = lowPart(k, r, w, pHi);
        FloatVector scale = twoToN(k, BIAS);
        FloatVector tHi = pHi.mul(scale);
        FloatVector sHi = tHi.add(ONE);
        FloatVector sLo = ONE.sub(sHi).add(tHi).add(pLo.mul(scale));
        FloatVector squareHi = sHi.mul(sHi);
        FloatVector squareLo = sHi.fma(sHi, squareHi.neg()).add(sHi.add(sHi).mul(sLo));
        return quotient(pHi, pLo, squareHi, squareLo).mul(scale);
    }

    /** r = y − n ln2_hi (exact), from k = y log2e + SHIFTER. */
    private static FloatVector reduced(FloatVector k, FloatVector y) {
        return k.sub(SHIFTER).fma(MINUS_LN2_HI, y);
    }

    /** Q(r), e^r ≈ 1 + r + r² Q(r). */
    private static FloatVector polynomial(FloatVector r) {
        return r.fma(Q4, Q3).fma(r, Q2).fma(r, Q1).fma(r, Q0);
    }

    /** (1 + r + r w + rl) − pHi, the part of e^{r + rl} that pHi = 1 + fl(r + r w) lost, to about 2^-27. */
    private static FloatVector lowPart(FloatVector k, FloatVector r, FloatVector w, FloatVector pHi) {
        FloatVector rl = k.sub(SHIFTER).mul(MINUS_LN2_LO);
        return r.fma(w, ONE.sub(pHi).add(r)).add(rl.mul(pHi));
    }

    /** 2^n · 2^(bias − 127·2^23)/2^23 from k's low bits: n << 23 plus the biased exponent. */
    private static FloatVector twoToN(FloatVector k, IntVector bias) {
        return k.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).add(bias).reinterpretAsFloats();
    }

    /**
     * (nHi + nLo)/(dHi + dLo) rounded once: q0 = nHi/dHi, then one Newton correction with the
     * remainder nHi − q0·dHi, which an FMA gives exactly.
     */
    private static FloatVector quotient(FloatVector nHi, FloatVector nLo, FloatVector dHi, FloatVector dLo) {
        FloatVector reciprocal = ONE.div(dHi);
        FloatVector q0 = nHi.mul(reciprocal);
        FloatVector minusQ0 = q0.neg();
        FloatVector remainder = minusQ0.fma(dHi, nHi);
        remainder = minusQ0.fma(dLo, remainder.add(nLo));
        return remainder.fma(reciprocal, q0);
    }
}

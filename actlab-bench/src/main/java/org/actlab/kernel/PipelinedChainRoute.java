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
 * {@link FloatChainRoute}'s arithmetic, software-pipelined (issue 11 target 1, bench only): each
 * loop iteration runs the first stage (load, reduction, polynomial, e^r as hi + lo, the
 * denominator) of vector i beside the second stage (the quotient and the store) of vector i − 1,
 * whose values it carries across the back edge. Two independent chains per iteration, as with
 * two vectors per iteration ({@link InterleavedRoutes}), but with one copy of the arithmetic in
 * the loop: the two-vector loops exceed C2's node budget for one compilation
 * ({@code NodeCountInliningCutoff}) and run in the Vector API's Java fallback.
 *
 * <p>One copy of each stage, with no calls in the loop (a call to a helper such as
 * {@link FloatChainRoute#quotient} stopped at the same cutoff): the carried state starts as a
 * harmless dummy, whose result the first iteration stores over the first vector of the output
 * (the second stores vector 0's real result there), and one extra iteration runs the first stage
 * on the last vector again so that its second stage runs without a copy after the loop. Every
 * input a stage needs (x, and dA for a backward pass) is loaded in the first stage, before any
 * store of the same iteration, so the output may be the input or dA. A vector with a NaN or a large
 * |x| is patched after its store, as in {@link FloatChainRoute}. Same bits as {@link FloatChainRoute}
 * (each element's arithmetic is the same; {@code FloatLanesRouteTest} checks both against the
 * reference and this one element by element at odd offsets and lengths).
 */
final class PipelinedChainRoute {

    private static final FloatVector MINUS_ONE = FloatVector.broadcast(F, -1f);

    private PipelinedChainRoute() {
    }

    static void sigmoidForward(float[] z, int zOff, float[] a, int aOff, int n) {
        int whole = n - n % LANES;
        // the dummy state from broadcasts, not from constant vectors: C2 removes the vector boxes of a loop
        // phi only when every input is a vector it built (a static final vector is an object constant)
        IntVector bPrev = IntVector.broadcast(FloatLanesRoute.I, 0);
        FloatVector nHiPrev = FloatVector.broadcast(F, 0f);
        FloatVector nLoPrev = FloatVector.broadcast(F, 0f);
        FloatVector dHiPrev = FloatVector.broadcast(F, 1f);
        FloatVector dLoPrev = FloatVector.broadcast(F, 0f);
        boolean inRangePrev = true;
        for (int i = 0; whole > 0 && i <= whole; i += LANES) {
            int from = Math.min(i, whole - LANES);
            IntVector b = FloatVector.fromArray(F, z, zOff + from).reinterpretAsInts();
            FloatVector x = b.lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            boolean inRange = x.compare(VectorOperators.GE, MINUS_LOGISTIC_LIMIT).allTrue();
            FloatVector y = x;
            FloatVector k = y.fma(LOG2E, SHIFTER);
            FloatVector nf = k.sub(SHIFTER);
            FloatVector r = nf.fma(MINUS_LN2_HI, y);
            FloatVector r2 = r.mul(r);
            FloatVector q = r2.fma(Q4, r.fma(Q3, Q2)).fma(r2, r.fma(Q1, Q0));
            FloatVector r1 = r.add(ONE);
            FloatVector pHi = r2.fma(q, r1);
            FloatVector pLo = nf.mul(MINUS_LN2_LO).fma(pHi, r2.fma(q, r1.sub(pHi).add(ONE.sub(r1).add(r))));
            IntVector nBits = k.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23);
            FloatVector inverse = BIAS.sub(nBits).reinterpretAsFloats();
            FloatVector dHi = inverse.add(pHi);
            FloatVector dLo = inverse.sub(dHi).add(pHi).add(pLo);
            IntVector negative = b.lanewise(VectorOperators.ASHR, 31);
            FloatVector nHi = inverse.reinterpretAsInts()
                    .lanewise(VectorOperators.BITWISE_BLEND, pHi.reinterpretAsInts(), negative)
                    .lanewise(VectorOperators.XOR, SIGN).reinterpretAsFloats();
            FloatVector nLo = pLo.reinterpretAsInts().lanewise(VectorOperators.AND, negative)
                    .lanewise(VectorOperators.XOR, SIGN).reinterpretAsFloats();
            // the second stage of the previous vector: FloatChainRoute.quotient, written out
            FloatVector minusReciprocal = MINUS_ONE.div(dHiPrev);
            FloatVector q0 = nHiPrev.mul(minusReciprocal);
            FloatVector result = q0.fma(dHiPrev, nHiPrev).add(q0.fma(dLoPrev, nLoPrev)).fma(minusReciprocal, q0);
            int at = aOff + Math.max(i - LANES, 0);
            result.intoArray(a, at);
            if (!inRangePrev) {
                patch(true, bPrev, null, a, at);
            }
            bPrev = b;
            nHiPrev = nHi;
            nLoPrev = nLo;
            dHiPrev = dHi;
            dLoPrev = dLo;
            inRangePrev = inRange;
        }
        if (whole < n) {
            FloatChainRoute.sigmoidForward(z, zOff + whole, a, aOff + whole, n - whole);
        }
    }

    static void sigmoidBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int whole = n - n % LANES;
        // the dummy state from broadcasts, not from constant vectors: C2 removes the vector boxes of a loop
        // phi only when every input is a vector it built (a static final vector is an object constant)
        IntVector bPrev = IntVector.broadcast(FloatLanesRoute.I, 0);
        FloatVector uPrev = FloatVector.broadcast(F, 0f);
        FloatVector nHiPrev = FloatVector.broadcast(F, 0f);
        FloatVector nLoPrev = FloatVector.broadcast(F, 0f);
        FloatVector dHiPrev = FloatVector.broadcast(F, 1f);
        FloatVector dLoPrev = FloatVector.broadcast(F, 0f);
        boolean inRangePrev = true;
        for (int i = 0; whole > 0 && i <= whole; i += LANES) {
            int from = Math.min(i, whole - LANES);
            IntVector b = FloatVector.fromArray(F, z, zOff + from).reinterpretAsInts();
            FloatVector u = FloatVector.fromArray(F, dA, dAOff + from);
            FloatVector x = b.lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            boolean inRange = x.compare(VectorOperators.GE, MINUS_LOGISTIC_LIMIT).allTrue();
            FloatVector y = x;
            FloatVector k = y.fma(LOG2E, SHIFTER);
            FloatVector nf = k.sub(SHIFTER);
            FloatVector r = nf.fma(MINUS_LN2_HI, y);
            FloatVector r2 = r.mul(r);
            FloatVector q = r2.fma(Q4, r.fma(Q3, Q2)).fma(r2, r.fma(Q1, Q0));
            FloatVector r1 = r.add(ONE);
            FloatVector pHi = r2.fma(q, r1);
            FloatVector pLo = nf.mul(MINUS_LN2_LO).fma(pHi, r2.fma(q, r1.sub(pHi).add(ONE.sub(r1).add(r))));
            IntVector nBits = k.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23);
            FloatVector inverse = BIAS.sub(nBits).reinterpretAsFloats();
            FloatVector dHi = inverse.add(pHi);
            FloatVector dLo = inverse.sub(dHi).add(pHi).add(pLo);
            FloatVector sHi = dHi.mul(nBits.add(BIAS).reinterpretAsFloats());
            FloatVector productHi = dHi.mul(sHi);
            FloatVector productLo = dLo.add(dLo).fma(sHi, dHi.fma(sHi, productHi.neg()));
            // the second stage of the previous vector: FloatChainRoute.quotient, written out
            FloatVector minusReciprocal = MINUS_ONE.div(dHiPrev);
            FloatVector q0 = nHiPrev.mul(minusReciprocal);
            FloatVector result = q0.fma(dHiPrev, nHiPrev).add(q0.fma(dLoPrev, nLoPrev)).fma(minusReciprocal, q0);
            int at = dZOff + Math.max(i - LANES, 0);
            result.mul(uPrev).intoArray(dZ, at);
            if (!inRangePrev) {
                patch(true, bPrev, uPrev, dZ, at);
            }
            bPrev = b;
            uPrev = u;
            nHiPrev = pHi.neg();
            nLoPrev = pLo.neg();
            dHiPrev = productHi;
            dLoPrev = productLo;
            inRangePrev = inRange;
        }
        if (whole < n) {
            FloatChainRoute.sigmoidBackward(z, zOff + whole, dA, dAOff + whole, dZ, dZOff + whole, n - whole);
        }
    }

    /** tanh: nHi, nLo carry m = t − 1, i.e. minus the numerator of −m/(2 + m), as quotient takes it. */
    static void tanhForward(float[] z, int zOff, float[] a, int aOff, int n) {
        int whole = n - n % LANES;
        // the dummy state from broadcasts, not from constant vectors: C2 removes the vector boxes of a loop
        // phi only when every input is a vector it built (a static final vector is an object constant)
        IntVector bPrev = IntVector.broadcast(FloatLanesRoute.I, 0);
        FloatVector nHiPrev = FloatVector.broadcast(F, 0f);
        FloatVector nLoPrev = FloatVector.broadcast(F, 0f);
        FloatVector dHiPrev = FloatVector.broadcast(F, 1f);
        FloatVector dLoPrev = FloatVector.broadcast(F, 0f);
        boolean inRangePrev = true;
        for (int i = 0; whole > 0 && i <= whole; i += LANES) {
            int from = Math.min(i, whole - LANES);
            IntVector b = FloatVector.fromArray(F, z, zOff + from).reinterpretAsInts();
            FloatVector x = b.lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            boolean inRange = x.compare(VectorOperators.GE, MINUS_TANH_LIMIT).allTrue();
            FloatVector y = x.add(x);
            FloatVector k = y.fma(LOG2E, SHIFTER);
            FloatVector nf = k.sub(SHIFTER);
            FloatVector r = nf.fma(MINUS_LN2_HI, y);
            FloatVector r2 = r.mul(r);
            FloatVector q = r2.fma(Q4, r.fma(Q3, Q2)).fma(r2, r.fma(Q1, Q0));
            FloatVector r1 = r.add(ONE);
            FloatVector pHi = r2.fma(q, r1);
            FloatVector pLo = nf.mul(MINUS_LN2_LO).fma(pHi, r2.fma(q, r1.sub(pHi).add(ONE.sub(r1).add(r))));
            FloatVector m = r2.fma(q, r);
            FloatVector scale = k.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).add(BIAS).reinterpretAsFloats();
            FloatVector tHi = pHi.mul(scale);
            FloatVector mHiFar = tHi.sub(ONE);
            FloatVector mLoFar = pLo.fma(scale, tHi.sub(mHiFar.add(ONE)));
            var near = k.compare(VectorOperators.EQ, SHIFTER);
            FloatVector nHi = mHiFar.blend(m, near);
            FloatVector nLo = mLoFar.blend(r2.fma(q, r.sub(m)), near);
            FloatVector dHi = nHi.add(TWO);
            FloatVector dLo = TWO.sub(dHi).add(nHi).add(nLo);
            // the second stage of the previous vector: FloatChainRoute.quotient, written out
            FloatVector minusReciprocal = MINUS_ONE.div(dHiPrev);
            FloatVector q0 = nHiPrev.mul(minusReciprocal);
            FloatVector result = q0.fma(dHiPrev, nHiPrev).add(q0.fma(dLoPrev, nLoPrev)).fma(minusReciprocal, q0);
            int at = aOff + Math.max(i - LANES, 0);
            result.reinterpretAsInts().lanewise(VectorOperators.AND, MAGNITUDE)
                    .lanewise(VectorOperators.OR, bPrev.lanewise(VectorOperators.AND, SIGN)).reinterpretAsFloats()
                    .intoArray(a, at);
            if (!inRangePrev) {
                patch(false, bPrev, null, a, at);
            }
            bPrev = b;
            nHiPrev = nHi;
            nLoPrev = nLo;
            dHiPrev = dHi;
            dLoPrev = dLo;
            inRangePrev = inRange;
        }
        if (whole < n) {
            FloatChainRoute.tanhForward(z, zOff + whole, a, aOff + whole, n - whole);
        }
    }

    static void tanhBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int whole = n - n % LANES;
        // the dummy state from broadcasts, not from constant vectors: C2 removes the vector boxes of a loop
        // phi only when every input is a vector it built (a static final vector is an object constant)
        IntVector bPrev = IntVector.broadcast(FloatLanesRoute.I, 0);
        FloatVector uPrev = FloatVector.broadcast(F, 0f);
        FloatVector nHiPrev = FloatVector.broadcast(F, 0f);
        FloatVector nLoPrev = FloatVector.broadcast(F, 0f);
        FloatVector dHiPrev = FloatVector.broadcast(F, 1f);
        FloatVector dLoPrev = FloatVector.broadcast(F, 0f);
        boolean inRangePrev = true;
        for (int i = 0; whole > 0 && i <= whole; i += LANES) {
            int from = Math.min(i, whole - LANES);
            IntVector b = FloatVector.fromArray(F, z, zOff + from).reinterpretAsInts();
            FloatVector u = FloatVector.fromArray(F, dA, dAOff + from);
            FloatVector x = b.lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            boolean inRange = x.compare(VectorOperators.GE, MINUS_TANH_LIMIT).allTrue();
            FloatVector y = x.add(x);
            FloatVector k = y.fma(LOG2E, SHIFTER);
            FloatVector nf = k.sub(SHIFTER);
            FloatVector r = nf.fma(MINUS_LN2_HI, y);
            FloatVector r2 = r.mul(r);
            FloatVector q = r2.fma(Q4, r.fma(Q3, Q2)).fma(r2, r.fma(Q1, Q0));
            FloatVector r1 = r.add(ONE);
            FloatVector pHi = r2.fma(q, r1);
            FloatVector pLo = nf.mul(MINUS_LN2_LO).fma(pHi, r2.fma(q, r1.sub(pHi).add(ONE.sub(r1).add(r))));
            IntVector nBits = k.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23);
            FloatVector inverse = BIAS.sub(nBits).reinterpretAsFloats();
            FloatVector dHi = inverse.add(pHi);
            FloatVector dLo = inverse.sub(dHi).add(pHi).add(pLo);
            FloatVector sHi = dHi.mul(nBits.add(BIAS).reinterpretAsFloats());
            FloatVector productHi = dHi.mul(sHi);
            FloatVector productLo = dLo.add(dLo).fma(sHi, dHi.fma(sHi, productHi.neg()));
            // the second stage of the previous vector: FloatChainRoute.quotient, written out
            FloatVector minusReciprocal = MINUS_ONE.div(dHiPrev);
            FloatVector q0 = nHiPrev.mul(minusReciprocal);
            FloatVector result = q0.fma(dHiPrev, nHiPrev).add(q0.fma(dLoPrev, nLoPrev)).fma(minusReciprocal, q0);
            int at = dZOff + Math.max(i - LANES, 0);
            result.mul(FOUR).mul(uPrev).intoArray(dZ, at);
            if (!inRangePrev) {
                patch(false, bPrev, uPrev, dZ, at);
            }
            bPrev = b;
            uPrev = u;
            nHiPrev = pHi.neg();
            nLoPrev = pLo.neg();
            dHiPrev = productHi;
            dLoPrev = productLo;
            inRangePrev = inRange;
        }
        if (whole < n) {
            FloatChainRoute.tanhBackward(z, zOff + whole, dA, dAOff + whole, dZ, dZOff + whole, n - whole);
        }
    }

    /** The lanes of a stored vector whose x (bits b) is NaN or out of range, from the double-lane loops. */
    private static void patch(boolean sigmoid, IntVector b, FloatVector upstream, float[] out, int outOff) {
        float[] x = new float[LANES];
        b.reinterpretAsFloats().intoArray(x, 0);
        float[] u = null;
        if (upstream != null) {
            u = new float[LANES];
            upstream.intoArray(u, 0);
        }
        FloatLanesRoute.patchFromDoubleLanes(sigmoid, u, x, out, outOff);
    }
}

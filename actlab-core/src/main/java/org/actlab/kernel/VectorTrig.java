package org.actlab.kernel;

import static org.actlab.kernel.VectorTranscendentals.D;
import static org.actlab.kernel.VectorTranscendentals.FH;
import static org.actlab.kernel.VectorTranscendentals.LANES;
import static org.actlab.kernel.VectorTranscendentals.ONE;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.actlab.activation.Activation;

/**
 * sin forward (sin x) and backward (cos x) in double lanes, with a Cody–Waite reduction that is
 * exact enough below {@link #BOUND}; a vector of floats with any lane beyond it (±∞ included)
 * runs the scalar twin ({@code Math.sin}/{@code Math.cos}, full-range reduction) for that vector
 * only. That is a range opt-out, not a function opt-out: activations see |x| far below 2^20.
 *
 * <p>The reduction: k = rint(x · 2/π), r = x − k π/2 with π/2 = P1 + P2 + P3 (three doubles) in
 * three FMAs. Why it is accurate for a float x with |x| &lt;= 2^20 (|k| &lt;= 2^20):
 * <ul>
 *   <li>x − k P1 is exact: for |x| >= π/4 (else k = 0 and r = x) x is a multiple of 2^-24 and
 *       k P1 of 2^-52 (P1 in [1, 2)), so their difference is a multiple of 2^-52 below 2 in
 *       magnitude, which a double holds; the FMA forms k P1 exactly.</li>
 *   <li>the next two FMAs each round once, relative to the remainder (2^-53 each);</li>
 *   <li>what is left of π/2 after P3 is below 2^-160 (6.3e-49), times |k| &lt;= 2^20: 2^-140 absolute. The
 *       float nearest a multiple of π/2 in this range lies 2^-27.8 from it (x = 252.89821, k = 161;
 *       found by a one-off scan of every float in [π/4, 2^20] in double, confirmed at 50 digits),
 *       so this term is below 2^-112 relative: nothing.</li>
 * </ul>
 * So r carries about 2^-52 relative error, and sin r = r (1 + r² S(r²)), cos r = 1 + r² C(r²), Taylor
 * to degree 11 and 12 on |r| &lt;= π/4 (+ a little, for the rounding of k; remainders below 2^-36
 * relative, which is all a float result needs: one rounding to float leaves 0.5 + 2^-12 ULP at
 * worst). Higher degrees would be more exact in double and cost nothing in float, but each
 * operation adds to C2's node budget per compilation (NodeCountInliningCutoff): with degree 17
 * and 18 the loop's last Vector API call was not inlined and its vector was boxed (10 × slower). The quadrant
 * k mod 4 picks sin r or cos r and the sign by integer lanes (no masks). sin(±0) = ±0, sin of a
 * subnormal is itself, NaN stays NaN (its lanes compare false against the bound).
 */
final class VectorTrig {

    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;

    /** Largest |x| the vector reduction takes (see the class comment); beyond, the scalar twin. */
    static final float BOUND = 0x1p20f;
    private static final FloatVector BOUND_V = FloatVector.broadcast(FH, BOUND);

    private static final double ROUNDER = 6755399441055744.0;
    private static final DoubleVector ROUNDER_V = DoubleVector.broadcast(D, ROUNDER);
    private static final DoubleVector TWO_OVER_PI = DoubleVector.broadcast(D, 0.6366197723675814);
    private static final DoubleVector MINUS_P1 = DoubleVector.broadcast(D, -1.5707963267948966);
    /*
     * P2 is the double below π/2 − P1's nearest, so that P3 = π/2 − P1 − P2 is positive too: with
     * all three products k·(−Pi) negative zeros at k = 0, r keeps the sign of x = ±0.
     */
    private static final DoubleVector MINUS_P2 = DoubleVector.broadcast(D, -6.123233995736765e-17);
    private static final DoubleVector MINUS_P3 = DoubleVector.broadcast(D, -1.082856673921914e-32);
    private static final DoubleVector S3 = DoubleVector.broadcast(D, -0.16666666666666666);
    private static final DoubleVector S5 = DoubleVector.broadcast(D, 0.008333333333333333);
    private static final DoubleVector S7 = DoubleVector.broadcast(D, -0.0001984126984126984);
    private static final DoubleVector S9 = DoubleVector.broadcast(D, 2.7557319223985893e-06);
    private static final DoubleVector S11 = DoubleVector.broadcast(D, -2.505210838544172e-08);
    private static final DoubleVector C2 = DoubleVector.broadcast(D, -0.5);
    private static final DoubleVector C4 = DoubleVector.broadcast(D, 0.041666666666666664);
    private static final DoubleVector C6 = DoubleVector.broadcast(D, -0.001388888888888889);
    private static final DoubleVector C8 = DoubleVector.broadcast(D, 2.48015873015873e-05);
    private static final DoubleVector C10 = DoubleVector.broadcast(D, -2.755731922398589e-07);
    private static final DoubleVector C12 = DoubleVector.broadcast(D, 2.08767569878681e-09);
    private static final LongVector ZERO_L = LongVector.zero(L);
    private static final LongVector ONE_L = LongVector.broadcast(L, 1);
    private static final LongVector TWO_L = LongVector.broadcast(L, 2);

    private VectorTrig() {
    }

    /** a = sin z; vectors with a lane beyond {@link #BOUND} take f, the scalar sin. */
    static void sinForward(Activation f, float[] z, int zOff, float[] a, int aOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            FloatVector xf = FloatVector.fromArray(FH, z, zOff + i);
            if (xf.abs().compare(VectorOperators.GT, BOUND_V).anyTrue()) {
                scalarForward(f, z, zOff + i, a, aOff + i, LANES);
                continue;
            }
            ((FloatVector) quadrant(VectorTranscendentals.widen(xf), ZERO_L).convertShape(VectorOperators.D2F, FH, 0)).intoArray(a, aOff + i);
        }
        scalarForward(f, z, zOff + i, a, aOff + i, n - i);
    }

    /** dZ = dA cos z; vectors with a lane beyond {@link #BOUND} take f', the scalar cos. */
    static void sinBackward(Activation f, float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            FloatVector xf = FloatVector.fromArray(FH, z, zOff + i);
            if (xf.abs().compare(VectorOperators.GT, BOUND_V).anyTrue()) {
                scalarBackward(f, z, zOff + i, dA, dAOff + i, dZ, dZOff + i, LANES);
                continue;
            }
            ((FloatVector) quadrant(VectorTranscendentals.widen(xf), ONE_L).convertShape(VectorOperators.D2F, FH, 0)).mul(FloatVector.fromArray(FH, dA, dAOff + i))
                    .intoArray(dZ, dZOff + i);
        }
        scalarBackward(f, z, zOff + i, dA, dAOff + i, dZ, dZOff + i, n - i);
    }

    /** sin(x + shift · π/2): shift 0 gives sin x, 1 gives cos x (a constant vector: no broadcast in the loop). */
    private static DoubleVector quadrant(DoubleVector x, LongVector shift) {
        DoubleVector v = x.fma(TWO_OVER_PI, ROUNDER_V);
        DoubleVector k = v.sub(ROUNDER_V);
        DoubleVector r = k.fma(MINUS_P3, k.fma(MINUS_P2, k.fma(MINUS_P1, x)));
        DoubleVector r2 = r.mul(r);
        // r (1 + r² S(r²)) rather than r + r³ S: the product keeps the sign of r = −0 (S < 0 would flip it).
        DoubleVector sinR = r.mul(r2.fma(r2.fma(S11, S9).fma(r2, S7).fma(r2, S5).fma(r2, S3), ONE));
        DoubleVector cosR = r2.fma(r2.fma(C12, C10).fma(r2, C8).fma(r2, C6).fma(r2, C4).fma(r2, C2), ONE);
        // q = k + shift mod 4 sits in v's low bits: odd q takes cos r, q >= 2 flips the sign.
        LongVector q = v.reinterpretAsLongs().add(shift);
        LongVector odd = q.and(ONE_L).neg();
        LongVector sign = q.and(TWO_L).lanewise(VectorOperators.LSHL, 62);
        return sinR.reinterpretAsLongs().lanewise(VectorOperators.AND_NOT, odd)
                .or(cosR.reinterpretAsLongs().and(odd))
                .lanewise(VectorOperators.XOR, sign).reinterpretAsDoubles();
    }

    /** The scalar twin over a slice; takes no vectors (a vector argument to a call that is not inlined is boxed). */
    private static void scalarForward(Activation f, float[] z, int zOff, float[] a, int aOff, int n) {
        for (int j = 0; j < n; j++) {
            a[aOff + j] = f.apply(z[zOff + j]);
        }
    }

    private static void scalarBackward(Activation f, float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff,
                                       int n) {
        for (int j = 0; j < n; j++) {
            dZ[dZOff + j] = dA[dAOff + j] * f.derivative(z[zOff + j]);
        }
    }
}

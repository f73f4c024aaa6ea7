package org.actlab.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * e^t in double lanes to about one double ULP, with {@code Math.exp}'s gradual underflow: the
 * core of the vector loops whose float result is a small difference of terms near 1 (gelu' at its
 * root, where Φ(x) and x φ(x) cancel; x − tanh x), where {@link VectorTranscendentals#exp}'s
 * 2^-31 is not enough.
 *
 * <p>t = k ln2 + r, k = rint(t log2 e), r = (t − k ln2_hi) − k ln2_lo with two FMAs (ln2 split in
 * two doubles: the rest of ln2 is below 2^-107, times |k| &lt;= 1076); e^r = 1 + r + r²(1/2! + r/3!
 * + … + r^11/13!), Taylor to degree 13 on |r| &lt;= ln2/2 (+ a little, for the rounding of k):
 * the remainder is below r^14/14! &lt; 2^-57. The scale 2^k is applied as 2^{k1} 2^{k2},
 * k1 = ⌊k/2⌋, so that results below 2^-1022 come out as correctly rounded subnormals and below
 * 2^-1075 as 0, as {@code Math.exp} gives them (callers that decide signs of zero rely on it).
 * t is clamped to [−746, 709] by compare-and-blend, so NaN passes through as NaN.
 */
final class VectorFullExp {

    private static final VectorSpecies<Double> D = VectorTranscendentals.D;
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;

    /** 1.5 · 2^52: adding it rounds to an integer and leaves that integer in the low bits. */
    private static final double ROUNDER = 6755399441055744.0;
    private static final DoubleVector ROUNDER_V = DoubleVector.broadcast(D, ROUNDER);
    private static final LongVector ROUNDER_BITS = LongVector.broadcast(L, Double.doubleToRawLongBits(ROUNDER));
    private static final LongVector BIAS = LongVector.broadcast(L, 1023);
    private static final DoubleVector LOG2E = DoubleVector.broadcast(D, 1.4426950408889634);
    private static final DoubleVector MINUS_LN2_HI = DoubleVector.broadcast(D, -0.6931471805599453);
    private static final DoubleVector MINUS_LN2_LO = DoubleVector.broadcast(D, -2.3190468138462996e-17);
    /** Below ln 2^-1076 the result is 0 anyway; the clamp keeps k1 and k2 normal exponents. */
    private static final DoubleVector LOW = DoubleVector.broadcast(D, -746);
    private static final DoubleVector HIGH = DoubleVector.broadcast(D, 709);
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

    private VectorFullExp() {
    }

    /** e^t to about one double ULP; subnormal and zero below 2^-1022 as Math.exp; NaN stays NaN. */
    static DoubleVector exp(DoubleVector t) {
        DoubleVector c = t.blend(LOW, t.compare(VectorOperators.LT, LOW)).blend(HIGH, t.compare(VectorOperators.GT, HIGH));
        DoubleVector v = c.fma(LOG2E, ROUNDER_V);
        DoubleVector k = v.sub(ROUNDER_V);
        DoubleVector r = k.fma(MINUS_LN2_LO, k.fma(MINUS_LN2_HI, c));
        DoubleVector p = r.fma(E13, E12).fma(r, E11).fma(r, E10).fma(r, E9).fma(r, E8).fma(r, E7).fma(r, E6)
                .fma(r, E5).fma(r, E4).fma(r, E3).fma(r, E2);
        DoubleVector em = r.mul(r).fma(p, r);
        // k as a long (v's bits minus ROUNDER's), then 2^k1 and 2^k2 with k1 = k >> 1, k2 = k − k1.
        LongVector kl = v.reinterpretAsLongs().sub(ROUNDER_BITS);
        LongVector k1 = kl.lanewise(VectorOperators.ASHR, 1);
        LongVector k2 = kl.sub(k1);
        DoubleVector s1 = k1.add(BIAS).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector s2 = k2.add(BIAS).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return em.fma(s1, s1).mul(s2);
    }
}

package org.actlab.kernel;

/**
 * The float FMA of the browser build, {@code round(a·b + c)} with one rounding, exact for every input in
 * {@code double} arithmetic alone: TeaVM 0.16's class library has no {@code Math.fma} and WebAssembly has no
 * FMA instruction. {@link FloatFma} chooses it where {@link IntrinsicFma} is missing, and
 * {@code FloatFmaTest} pins both methods here to {@link Math#fma(float, float, float)}.
 *
 * <p>A class of its own, with no static state: the browser build calls {@link #fma} directly from the
 * kernels (see {@code BrowserBuildTransformer}), and a class with no initialiser needs no initialisation
 * check before each call, which in WebAssembly is an indirect call per FMA.
 */
final class EmulatedFma {

    /** The 29 low significand bits of a double, which rounding to float drops. */
    private static final long LOW_BITS = (1L << 29) - 1;
    /** Those bits on a float midpoint: the first dropped bit is 1, the rest 0. */
    private static final long MIDPOINT = 1L << 28;
    private static final long EXPONENT = 0x7ffL << 52;
    /** The exponent field of {@code 2^-126}, float's smallest normal, in a double. */
    private static final long NORMAL_EXPONENT = (long) (1023 - 126) << 52;

    private EmulatedFma() {
    }

    /**
     * {@code a·b + c} rounded once to float, in {@code double} arithmetic only.
     *
     * <p>The product of two floats (24-bit significands) has at most 48 bits and an exponent inside
     * double's range, so {@code p = (double) a * b} is exact, and {@code s = p + c} is the exact sum
     * {@code x} rounded once, to double. Every boundary where float rounding changes its answer (the
     * midpoint between two neighbouring floats, including the one above {@code Float.MAX_VALUE}) is a
     * double, and rounding is monotone, so {@code s} lies on the same side of each midpoint as {@code x}
     * or on the midpoint itself. Hence {@code (float) s == round(x)} whenever {@code s} is not a float
     * midpoint: the fast path, two operations and a test. For {@code |s| ≥ 2^-126} (float's normal
     * range, and infinity) a midpoint has a 1 followed by 28 zeros in the 29 low bits of its double
     * significand, the bits float drops; below that, where float's subnormal midpoints sit elsewhere,
     * and on a midpoint (where {@code s} may have rounded onto it from either side) the exact
     * {@link #roundedToOdd} route decides. For random operands that is about one sum in 2^29
     * (plus the subnormal ones), so the cost is the fast path's.
     *
     * <p>NaN takes the fast path too: an infinite or NaN input gives the IEEE result through
     * {@code p + c}, as in {@link #roundedToOdd}.
     */
    static float fma(float a, float b, float c) {
        double s = (double) a * (double) b + c;
        long bits = Double.doubleToRawLongBits(s);
        if ((bits & LOW_BITS) != MIDPOINT && (bits & EXPONENT) >= NORMAL_EXPONENT) {
            return (float) s;
        }
        return roundedToOdd(a, b, c);
    }

    /**
     * {@code a·b + c} rounded once to float, in {@code double} arithmetic only, for every input: the
     * slow route of {@link #fma}.
     *
     * <p>Why it is exact: {@code p = (double) a * b} is exact (see {@link #fma}). The sum
     * {@code s = p + c} is rounded to double, and Knuth's TwoSum recovers its error {@code e} exactly.
     * Rounding {@code s} to float directly could round twice (4 cases in 30 million in a test of the
     * naive route). Instead the sum is rounded to odd: when {@code e != 0} and {@code s} has an even last
     * bit, {@code s} moves one ulp towards the exact sum, which makes its last bit 1. A value rounded
     * to odd with at least two more bits than the target rounds correctly to the target (Boldo and
     * Melquiond, "Emulation of FMA and correctly rounded sums: proved algorithms using rounding to
     * odd", IEEE Trans. Computers 57(4), 2008); double has 53 ≥ 24 + 2 bits. Subnormal float
     * results are covered, since they only have fewer bits.
     *
     * <p>Special values: infinite or NaN {@code s} is returned as is (an infinite or NaN input gives
     * the IEEE result through {@code p + c}; finite inputs cannot overflow double). A zero sum
     * keeps IEEE's sign rules because {@code p + c} follows them, and then {@code e == 0}.
     */
    static float roundedToOdd(float a, float b, float c) {
        double p = (double) a * (double) b;
        double s = p + c;
        if (Double.isInfinite(s) || Double.isNaN(s)) {
            return (float) s;
        }
        double bv = s - p;
        double e = (p - (s - bv)) + (c - bv);
        if (e != 0) {
            long bits = Double.doubleToRawLongBits(s);
            if ((bits & 1L) == 0) {
                // s != 0 here (a zero sum is exact). Same sign: away from zero, else towards it.
                bits += (e > 0) == (s > 0) ? 1 : -1;
                s = Double.longBitsToDouble(bits);
            }
        }
        return (float) s;
    }
}

package org.actlab.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Issue 11's table-driven exp, tried for sigmoid and tanh in float lanes (bench only): the route
 * of {@link FloatLanesRoute} with its exp replaced. e^y = 2^m 2^(j/N) e^r with k = rint(y N/ln2) =
 * N m + j and |r| &lt;= ln2/(2N), N = {@link #LANES} (16 with AVX-512), so that the table of
 * 2^(j/N) is one register and a lookup is one lane permutation ({@code rearrange} with a shuffle
 * computed per vector from k's bits). The reduced range is N/2 times narrower, so e^r − 1 needs
 * only Taylor's r + r²/2 + r³/6 + r⁴/24 (truncation r⁵/120 &lt;= 2^-34 at N = 16) where
 * {@link FloatLanesRoute} needs a degree-6 fit.
 *
 * <p>Why it is not much shorter: within 1 ULP the value must still be carried as hi + lo (see
 * {@link FloatLanesRoute}), and the table adds its own work. Each 2^(j/N) is a float hi plus a
 * float lo (hi alone is off by up to 2^-25, too coarse); the product 2^(j/N)(1 + p) needs its FMA
 * remainder; and 2^m and the index take three integer operations on k's bits instead of one.
 * σ and the slopes carry p rounded once (r + rl in one FMA, then p in one FMA: about 2^-30 each,
 * against 1), which their error budget of about 2^-26 relative allows.
 *
 * <p>tanh's forward pass is {@link FloatLanesRoute}'s. A table-driven one needs m = t − 1 good to
 * about 2^-31 absolute where m is as small as 2^-5.5 (|x| from ln2/(4N) to about 0.35), so p and
 * the table entry are both carried as hi + lo; it was within 0.52 ULP on the sampled audit, but
 * with the table lookups its loop exceeds what C2 (JDK 17) inlines into one compilation
 * (PrintInlining: {@code NodeCountInliningCutoff}, or {@code hot method too big} past 325 bytes),
 * and the loop then runs in the Vector API's Java fallback, 100 times slower (docs/BENCHMARKS.md,
 * "Table-driven exp"). For the same reason σ picks its numerator with blends, not with
 * FloatLanesRoute's integer masks.
 *
 * <p>Out-of-range vectors (a NaN, |x| &gt; 86 for σ, |x| &gt; 43 for tanh) and the tail go
 * through {@link FloatLanesRoute}'s helpers: the lanes concerned come from the double-lane loops.
 */
final class TableExpRoute {

    private static final VectorSpecies<Float> F = FloatLanesRoute.F;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    static final int LANES = F.length();
    /** The table's size N, one entry per lane; log2 N. */
    private static final int N = LANES;
    private static final int LOG2_N = Integer.numberOfTrailingZeros(N);

    private static final float LOGISTIC_LIMIT = 86f;
    private static final float TANH_LIMIT = 43f;

    private static final FloatVector ZERO = FloatVector.zero(F);
    private static final FloatVector ONE = FloatVector.broadcast(F, 1f);
    private static final FloatVector FOUR = FloatVector.broadcast(F, 4f);
    /** N log2e. */
    private static final FloatVector N_LOG2E = FloatVector.broadcast(F, (float) (N / Math.log(2)));
    /** 1.5 · 2^23: y N log2e + SHIFTER rounds to the integer k and keeps k in its low bits. */
    private static final FloatVector SHIFTER = FloatVector.broadcast(F, 0x1.8p23f);
    /** −ln2/N as hi + lo: hi is ln2 rounded to float, divided by N (exact), so k·hi is exact in the FMA. */
    private static final FloatVector MINUS_C_HI = FloatVector.broadcast(F, -0x1.62e43p-1f / N);
    private static final FloatVector MINUS_C_LO = FloatVector.broadcast(F, (float) (-(Math.log(2) - 0x1.62e43p-1f) / N));
    private static final FloatVector C2 = FloatVector.broadcast(F, 0.5f);
    private static final FloatVector C3 = FloatVector.broadcast(F, 1f / 6);
    private static final FloatVector C4 = FloatVector.broadcast(F, 1f / 24);
    private static final FloatVector MINUS_LOGISTIC_LIMIT = FloatVector.broadcast(F, -LOGISTIC_LIMIT);
    private static final FloatVector MINUS_TANH_LIMIT = FloatVector.broadcast(F, -TANH_LIMIT);
    private static final IntVector SIGN = IntVector.broadcast(I, 0x80000000);
    private static final IntVector BIAS = IntVector.broadcast(I, 127 << 23);
    /** Keeps the exponent field of k << (23 − log2 N), i.e. m << 23; drops j. */
    private static final IntVector EXPONENT = IntVector.broadcast(I, 0xff800000);
    private static final IntVector INDEX = IntVector.broadcast(I, N - 1);
    /** 2^(j/N) as float hi (the nearest float) and lo (the nearest float to the rest), as int bits. */
    private static final IntVector TABLE_HI;
    private static final IntVector TABLE_LO;

    static {
        int[] hi = new int[N];
        int[] lo = new int[N];
        for (int j = 0; j < N; j++) {
            // Math.pow is within 1 double ULP (2^-52), far below what the float lo keeps (about 2^-48).
            double value = Math.pow(2, (double) j / N);
            float h = (float) value;
            hi[j] = Float.floatToIntBits(h);
            lo[j] = Float.floatToIntBits((float) (value - h));
        }
        TABLE_HI = IntVector.fromArray(I, hi, 0);
        TABLE_LO = IntVector.fromArray(I, lo, 0);
    }

    private TableExpRoute() {
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
            FloatLanesRoute.padded(TableExpRoute::sigmoidForward, z, zOff + i, a, aOff + i, n - i);
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
            FloatLanesRoute.padded(TableExpRoute::sigmoidBackward, z, zOff + i, dA, dAOff + i, dZ, dZOff + i, n - i);
        }
    }

    /** FloatLanesRoute's tanh forward pass: the table-driven one does not fit C2's inlining budget (class comment). */
    static void tanhForward(float[] z, int zOff, float[] a, int aOff, int n) {
        FloatLanesRoute.tanhForward(z, zOff, a, aOff, n);
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
            FloatLanesRoute.padded(TableExpRoute::tanhBackward, z, zOff + i, dA, dAOff + i, dZ, dZOff + i, n - i);
        }
    }

    // ---- the arithmetic of one vector; b holds x's bits, y = −|x| ----

    /** k = rint(y N log2e) with k in the low bits of the result's bits (the shifter trick). */
    private static FloatVector k(FloatVector y) {
        return y.fma(N_LOG2E, SHIFTER);
    }

    /** 2^m as a float, from k's bits: m = k >> log2 N (arithmetic), normal for |y| &lt;= 86. */
    private static FloatVector scale(FloatVector k) {
        return k.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23 - LOG2_N)
                .lanewise(VectorOperators.AND, EXPONENT).add(BIAS).reinterpretAsFloats();
    }

    /** The lane permutation that looks up entry j = k mod N (one for both tables). */
    private static VectorShuffle<Integer> index(FloatVector k) {
        return k.reinterpretAsInts().lanewise(VectorOperators.AND, INDEX).toShuffle();
    }

    /** Q(r) with e^r − 1 = r + r² Q(r) to r⁵/120. */
    private static FloatVector polynomial(FloatVector r) {
        return r.fma(C4, C3).fma(r, C2);
    }

    /** σ(x). */
    private static FloatVector sigmoid(IntVector b, FloatVector y) {
        FloatVector k = k(y);
        FloatVector nf = k.sub(SHIFTER);
        FloatVector r = nf.fma(MINUS_C_HI, y);
        FloatVector p = r.mul(r).fma(polynomial(r), nf.fma(MINUS_C_LO, r));
        VectorShuffle<Integer> j = index(k);
        FloatVector th = TABLE_HI.rearrange(j).reinterpretAsFloats();
        // e^y / 2^m = th (1 + p) + tl = tHi + tLo, tHi − th exact (Sterbenz), its FMA remainder in tLo.
        FloatVector tHi = th.fma(p, th);
        FloatVector tLo = th.fma(p, th.sub(tHi)).add(TABLE_LO.rearrange(j).reinterpretAsFloats());
        FloatVector scale = scale(k);
        FloatVector tScaled = tHi.mul(scale);
        FloatVector sHi = tScaled.add(ONE);
        FloatVector sLo = tLo.fma(scale, ONE.sub(sHi).add(tScaled));
        // x < 0 takes numerator tHi + tLo and the result times 2^m, x >= 0 numerator 1 and times 1,
        // by blends (with FloatLanesRoute's integer masks the loop is past C2's inlining budget).
        VectorMask<Float> negative = b.reinterpretAsFloats().compare(VectorOperators.LT, 0f);
        return FloatLanesRoute.quotient(ONE.blend(tHi, negative), ZERO.blend(tLo, negative), sHi, sLo)
                .mul(ONE.blend(scale, negative));
    }

    /** e^y/(1 + e^y)²: σ'(x) with y = −|x|, tanh'(x)/4 with y = −2|x|. */
    private static FloatVector slope(FloatVector y) {
        FloatVector k = k(y);
        FloatVector nf = k.sub(SHIFTER);
        FloatVector r = nf.fma(MINUS_C_HI, y);
        FloatVector p = r.mul(r).fma(polynomial(r), nf.fma(MINUS_C_LO, r));
        VectorShuffle<Integer> j = index(k);
        FloatVector th = TABLE_HI.rearrange(j).reinterpretAsFloats();
        FloatVector tHi = th.fma(p, th);
        FloatVector tLo = th.fma(p, th.sub(tHi)).add(TABLE_LO.rearrange(j).reinterpretAsFloats());
        FloatVector scale = scale(k);
        FloatVector tScaled = tHi.mul(scale);
        FloatVector sHi = tScaled.add(ONE);
        FloatVector sLo = tLo.fma(scale, ONE.sub(sHi).add(tScaled));
        FloatVector squareHi = sHi.mul(sHi);
        FloatVector squareLo = sHi.fma(sHi, squareHi.neg()).add(sHi.add(sHi).mul(sLo));
        return FloatLanesRoute.quotient(tHi, tLo, squareHi, squareLo).mul(scale);
    }

    // ---- vectors with a NaN or a large |x| ----

    private enum Kind { SIGMOID, SIGMOID_SLOPE, TANH_SLOPE }

    /**
     * One vector holding a NaN or a large |x|: every lane through this route (the others are kept),
     * then the lanes concerned from the double-lane loops. Works on copies, so that out may be z.
     */
    private static void outOfRange(Kind kind, float[] z, int zOff, float[] dA, int dAOff, float[] out, int outOff) {
        float[] x = java.util.Arrays.copyOfRange(z, zOff, zOff + LANES);
        IntVector b = FloatVector.fromArray(F, x, 0).reinterpretAsInts();
        FloatVector y = b.lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
        float[] upstream = dA == null ? null : java.util.Arrays.copyOfRange(dA, dAOff, dAOff + LANES);
        FloatVector result;
        switch (kind) {
            case SIGMOID:
                result = sigmoid(b, y);
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

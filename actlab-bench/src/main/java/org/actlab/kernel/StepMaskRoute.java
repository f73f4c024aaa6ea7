package org.actlab.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Issue 11 target 3's "1-bit mask" route for relu′ and leaky_relu′, measured, not shipped: the
 * forward pass records z &gt; 0 as one bit per element, and the backward pass reads dA and those
 * bits instead of z, 8.125 bytes per element instead of 12 (docs/BENCHMARKS.md, "relu′ in place
 * and from a 1-bit mask").
 *
 * <p>No {@code VectorMask} crosses between lanes and bits: on JDK 17 {@code VectorMask.toLong} and
 * {@code fromLong} may not be intrinsics. The forward pass forms each lane's bit with integer
 * lanes, ((~b) &amp; (−b)) &gt;&gt;&gt; 31 for z's bits b (1 exactly for z &gt; 0, NaN aside), shifts it
 * to its lane's place and ORs the lanes together. The backward pass broadcasts the word, shifts each
 * lane's bit into the sign bit (a left shift by a per-lane count), spreads it over the lane with an
 * arithmetic shift right by 31, and selects the bits of 1f or of the slope with AND/ANDNOT; then
 * dZ = dA · slope, the multiply of the shipped loop, so the floats are the same.
 *
 * <p>NaN: a bit cannot say "NaN", and relu′(NaN) is the NaN itself. The forward pass returns
 * whether any z was NaN; a caller would then run the shipped backward, which reads z. This class
 * leaves that to its caller (the bench's data have no NaN).
 *
 * <p>One short holds the bits of one vector's {@link #LANES} (at most 16) consecutive elements, bit
 * k for element k: 1 bit per element with 512-bit vectors. (A word for several vectors would need
 * the shift counts of each vector in an array of vectors, which C2 does not scalar-replace: the
 * vectors would be boxed.) The elements after the last whole vector run scalar code with the same
 * formulas.
 *
 * <p>{@link #forwardBlocked}/{@link #backwardBlocked} keep the same bits transposed, so that
 * neither pass moves bits between lanes: a block of {@link #BLOCK} elements (32 vectors) has
 * {@link #LANES} ints, and bit j of the block's int l belongs to element 32·LANES·block + LANES·j + l
 * (the l-th lane of the block's j-th vector). The forward pass ORs each vector's lane bits, shifted
 * left by j, into one int vector; the backward pass loads it once per block and shifts by the same
 * count in every lane. The first layout's forward pass needs a reduction across lanes per vector.
 */
final class StepMaskRoute {

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    /** Elements per vector and per bit word. */
    static final int LANES = F.length();

    /** Elements per block of the transposed layout: one bit of each of LANES ints per element. */
    static final int BLOCK = Integer.SIZE * LANES;

    private static final int ONE_BITS = Float.floatToRawIntBits(1f);
    private static final int NAN_FLOOR = 0x7f800001;

    static {
        if (LANES > Short.SIZE || I.length() != LANES) {
            throw new IllegalStateException("the mask route keeps one vector's bits in a short: " + LANES + " lanes");
        }
    }

    private StepMaskRoute() {
    }

    /** Words needed for n elements. */
    static int words(int n) {
        return (n + LANES - 1) / LANES;
    }

    /**
     * The shipped vector forward's float for one element: relu (slope 0) keeps z unless z &lt;= 0
     * (so NaN passes as it is), leaky_relu takes slope · z unless z &gt; 0. Slope 0 means relu, not
     * leaky_relu(0), whose −0 stays −0: the route is for relu and for leaky_relu with a nonzero slope.
     */
    private static float forwardScalar(float slope, float x) {
        if (slope == 0) {
            return x <= 0 ? 0f : x;
        }
        return x > 0 ? x : slope * x;
    }

    /**
     * a = f(z) as the shipped forward pass computes it ({@link #forwardScalar}), and bits[k] = the z &gt; 0 bits
     * of elements LANES·k.. (slice-relative). Returns whether any z was NaN.
     */
    static boolean forward(float slope, float[] z, int zOff, float[] a, int aOff, short[] bits, int n) {
        FloatVector slopes = FloatVector.broadcast(F, slope);
        FloatVector zero = FloatVector.zero(F);
        IntVector places = IntVector.zero(I).addIndex(1);
        IntVector magnitudeMax = IntVector.zero(I);
        int i = 0;
        int k = 0;
        for (int bound = F.loopBound(n); i < bound; i += LANES, k++) {
            FloatVector x = FloatVector.fromArray(F, z, zOff + i);
            IntVector b = x.reinterpretAsInts();
            magnitudeMax = magnitudeMax.max(b.and(0x7fffffff));
            IntVector positive = b.not().and(b.neg()).lanewise(VectorOperators.LSHR, 31);
            bits[k] = (short) positive.lanewise(VectorOperators.LSHL, places).reduceLanes(VectorOperators.OR);
            if (slope == 0) {
                x.blend(zero, x.compare(VectorOperators.LE, zero)).intoArray(a, aOff + i);
            } else {
                x.mul(slopes).blend(x, x.compare(VectorOperators.GT, zero)).intoArray(a, aOff + i);
            }
        }
        boolean nan = magnitudeMax.reduceLanes(VectorOperators.MAX) >= NAN_FLOOR;
        if (i < n) {
            int word = 0;
            for (int e = 0; i + e < n; e++) {
                float x = z[zOff + i + e];
                nan |= x != x;
                word |= (x > 0 ? 1 : 0) << e;
                a[aOff + i + e] = forwardScalar(slope, x);
            }
            bits[k] = (short) word;
        }
        return nan;
    }

    /** dZ = dA · (1 where the bit is set, else {@code below}): relu′ (below 0) and leaky_relu′. */
    static void backward(float below, short[] bits, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int belowBits = Float.floatToRawIntBits(below);
        // Lane l's bit to the sign bit: shift left by 31 − l.
        IntVector shifts = IntVector.broadcast(I, Integer.SIZE - 1).sub(IntVector.zero(I).addIndex(1));
        int i = 0;
        int k = 0;
        for (int bound = F.loopBound(n); i < bound; i += LANES, k++) {
            IntVector set = IntVector.broadcast(I, bits[k]).lanewise(VectorOperators.LSHL, shifts)
                    .lanewise(VectorOperators.ASHR, 31);
            IntVector slopeBits = set.and(ONE_BITS).or(set.not().and(belowBits));
            FloatVector.fromArray(F, dA, dAOff + i).mul(slopeBits.reinterpretAsFloats()).intoArray(dZ, dZOff + i);
        }
        if (i < n) {
            int word = bits[k];
            for (int e = 0; i + e < n; e++) {
                dZ[dZOff + i + e] = dA[dAOff + i + e] * ((word >>> e & 1) != 0 ? 1f : below);
            }
        }
    }

    /** Ints of the transposed layout for n elements. */
    static int blockedWords(int n) {
        return (n + BLOCK - 1) / BLOCK * LANES;
    }

    /** {@link #forward} with the transposed bit layout. */
    static boolean forwardBlocked(float slope, float[] z, int zOff, float[] a, int aOff, int[] bits, int n) {
        FloatVector slopes = FloatVector.broadcast(F, slope);
        FloatVector zero = FloatVector.zero(F);
        IntVector magnitudeMax = IntVector.zero(I);
        int i = 0;
        int w = 0;
        for (int bound = n - n % BLOCK; i < bound; i += BLOCK, w += LANES) {
            IntVector word = IntVector.zero(I);
            for (int j = 0; j < Integer.SIZE; j++) {
                FloatVector x = FloatVector.fromArray(F, z, zOff + i + j * LANES);
                IntVector b = x.reinterpretAsInts();
                magnitudeMax = magnitudeMax.max(b.and(0x7fffffff));
                word = word.or(b.not().and(b.neg()).lanewise(VectorOperators.LSHR, 31).lanewise(VectorOperators.LSHL, j));
                if (slope == 0) {
                    x.blend(zero, x.compare(VectorOperators.LE, zero)).intoArray(a, aOff + i + j * LANES);
                } else {
                    x.mul(slopes).blend(x, x.compare(VectorOperators.GT, zero)).intoArray(a, aOff + i + j * LANES);
                }
            }
            word.intoArray(bits, w);
        }
        boolean nan = magnitudeMax.reduceLanes(VectorOperators.MAX) >= NAN_FLOOR;
        if (i < n) {
            for (int l = 0; l < LANES; l++) {
                bits[w + l] = 0;
            }
            for (int e = 0; i + e < n; e++) {
                float x = z[zOff + i + e];
                nan |= x != x;
                bits[w + e % LANES] |= (x > 0 ? 1 : 0) << (e / LANES);
                a[aOff + i + e] = forwardScalar(slope, x);
            }
        }
        return nan;
    }

    /** {@link #backward} from the transposed bit layout. */
    static void backwardBlocked(float below, int[] bits, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int belowBits = Float.floatToRawIntBits(below);
        int i = 0;
        int w = 0;
        for (int bound = n - n % BLOCK; i < bound; i += BLOCK, w += LANES) {
            IntVector word = IntVector.fromArray(I, bits, w);
            for (int j = 0; j < Integer.SIZE; j++) {
                IntVector set = word.lanewise(VectorOperators.LSHL, Integer.SIZE - 1 - j).lanewise(VectorOperators.ASHR, 31);
                IntVector slopeBits = set.and(ONE_BITS).or(set.not().and(belowBits));
                FloatVector.fromArray(F, dA, dAOff + i + j * LANES).mul(slopeBits.reinterpretAsFloats())
                        .intoArray(dZ, dZOff + i + j * LANES);
            }
        }
        for (int e = 0; i + e < n; e++) {
            boolean set = (bits[w + e % LANES] >>> (e / LANES) & 1) != 0;
            dZ[dZOff + i + e] = dA[dAOff + i + e] * (set ? 1f : below);
        }
    }
}

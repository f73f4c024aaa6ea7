package org.actlab.random;

import java.util.random.RandomGenerator;

/**
 * A seeded generator that reproduces JDK 17's {@link java.util.SplittableRandom} bit for bit:
 * the same seed gives the same {@code nextLong}, {@code nextInt}, bounded {@code nextInt},
 * {@code nextDouble}, {@code nextFloat}, {@code nextBoolean}, {@code nextGaussian} and
 * {@code split()} as {@code new SplittableRandom(seed)}, so every seed that actlab recorded before it
 * switched to this class keeps its results.
 *
 * <p>Why a copy of the algorithm and not the JDK class: the browser build (TeaVM) has no
 * {@code SplittableRandom}, and its {@code RandomGenerator} defaults compute {@code nextGaussian}
 * and {@code nextInt(bound)} with other algorithms. Every method this class answers is therefore
 * written out here, in plain integer and {@code double} arithmetic that WebAssembly evaluates exactly
 * as the JVM does. The one platform-supplied function is {@link Math#exp} in the rare rejection
 * steps of {@link #nextGaussian()} (under 2% of calls); a browser's {@code exp} differing by an
 * ulp changes a draw only if a point lands within an ulp of the curve.
 *
 * <p>The algorithm is Steele, Lea and Flood's SplitMix ("Fast splittable pseudorandom number
 * generators", OOPSLA 2014): a 64-bit counter advanced by an odd {@code gamma}, each output a
 * mix of the counter. {@link #nextGaussian()} is McFarland's modified ziggurat (2016), the method
 * JDK 17 uses, with the JDK's tables in {@link ZigguratTables}.
 *
 * <p>Not thread-safe, like {@code SplittableRandom}: give each thread its own {@link #split()}.
 */
public final class PortableRandom implements RandomGenerator {

    /** The odd constant 2^64 / golden ratio, gamma of every root generator. */
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long seed;
    private final long gamma;

    /** A generator whose stream equals {@code new SplittableRandom(seed)}'s. */
    public PortableRandom(long seed) {
        this(seed, GOLDEN_GAMMA);
    }

    private PortableRandom(long seed, long gamma) {
        this.seed = seed;
        this.gamma = gamma;
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser: the 64-bit output function. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The 32-bit output function: the high half of a differently mixed counter. */
    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }

    /**
     * The gamma of a split-off generator: MurmurHash3's finaliser forced odd, and flipped to
     * alternating bits when it has fewer than 24 bit transitions (a weak increment).
     */
    private static long mixGamma(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        z = (z ^ (z >>> 33)) | 1L;
        int transitions = Long.bitCount(z ^ (z >>> 1));
        return transitions < 24 ? z ^ 0xaaaaaaaaaaaaaaaaL : z;
    }

    private long nextSeed() {
        return seed += gamma;
    }

    /**
     * A new generator that shares no state with this one, as {@code SplittableRandom.split()}:
     * its seed is this generator's next long, its gamma a mix of the counter after that.
     */
    public PortableRandom split() {
        long childSeed = nextLong();
        return new PortableRandom(childSeed, mixGamma(nextSeed()));
    }

    @Override
    public long nextLong() {
        return mix64(nextSeed());
    }

    @Override
    public int nextInt() {
        return mix32(nextSeed());
    }

    /** Uniform in [0, 1) on the 2^-53 grid: the top 53 bits of {@link #nextLong()}. */
    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, 1) on the 2^-24 grid: the top 24 bits of {@link #nextInt()}. */
    @Override
    public float nextFloat() {
        return (nextInt() >>> 8) * 0x1.0p-24f;
    }

    /** The sign bit of {@link #nextInt()}. */
    @Override
    public boolean nextBoolean() {
        return nextInt() < 0;
    }

    /**
     * Uniform in [0, bound). A power-of-two bound masks the low bits of one {@link #nextInt()};
     * any other bound takes the top 31 bits modulo the bound and rejects the draws of the last,
     * incomplete block of {@code bound} values (so the result is exactly uniform).
     *
     * @throws IllegalArgumentException if {@code bound <= 0}, naming the value
     */
    @Override
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        int m = bound - 1;
        int r = nextInt();
        if ((bound & m) == 0) {
            return r & m;
        }
        int u = r >>> 1;
        // u - r is the start of u's block of bound values; if the block ends past 2^31 - 1 the
        // sum overflows to a negative number and u is one of the over-represented draws.
        while (u + m - (r = u % bound) < 0) {
            u = nextInt() >>> 1;
        }
        return r;
    }

    /**
     * A standard normal draw: McFarland's modified ziggurat with Walker's alias method over the
     * overhangs and Marsaglia and Tsang's tail, as JDK 17 computes it. More than 98% of calls use
     * one {@link #nextLong()} and one multiplication.
     */
    @Override
    public double nextGaussian() {
        long u1 = nextLong();
        long layer = u1 & ZigguratTables.normalLayerMask;
        if (layer < ZigguratTables.normalNumberOfLayers) {
            // The table holds x / 2^63, so the signed 64-bit draw gives a signed point in the layer.
            return ZigguratTables.normalX[(int) layer] * u1;
        }
        double sign = u1 >= 0 ? 1.0 : -1.0;
        u1 = (u1 << 1) >>> 1;
        int j = aliasIndex(nextLong(), ZigguratTables.normalAliasMask, ZigguratTables.normalAliasThreshold,
                ZigguratTables.normalAliasMap, ZigguratTables.normalSignCorrectionMask);
        double[] xs = ZigguratTables.normalX;
        double[] ys = ZigguratTables.normalY;
        int inflection = ZigguratTables.normalInflectionIndex;
        double x;
        if (j > inflection) {
            // Concave overhang: the lower-left triangle lies wholly under the curve.
            for (;; u1 = nextLong() >>> 1) {
                long u2 = nextLong() >>> 1;
                x = coordinate(xs, j, u1);
                long diff = u2 - u1;
                if (diff >= 0) {
                    break;
                }
                if (diff <= -ZigguratTables.normalConcaveMargin) {
                    continue;
                }
                if (coordinate(ys, j, u2) <= Math.exp(-0.5 * x * x)) {
                    break;
                }
            }
        } else if (j == 0) {
            // Tail beyond x0 (Marsaglia and Tsang): accept x0 + e1/x0 when e2 >= (e1/x0)^2 / 2.
            do {
                x = (1.0 / ZigguratTables.normalX0) * nextExponential();
            } while (nextExponential() < 0.5 * x * x);
            x += ZigguratTables.normalX0;
        } else if (j < inflection) {
            x = convexOverhang(xs, ys, j, u1, ZigguratTables.normalConvexMargin, true);
        } else {
            // The overhang that holds the inflection point: both margins apply.
            for (;; u1 = nextLong() >>> 1) {
                long u2 = nextLong() >>> 1;
                x = coordinate(xs, j, u1);
                long diff = u2 - u1;
                if (diff >= ZigguratTables.normalConvexMargin) {
                    break;
                }
                if (diff <= -ZigguratTables.normalConcaveMargin) {
                    continue;
                }
                if (coordinate(ys, j, u2) <= Math.exp(-0.5 * x * x)) {
                    break;
                }
            }
        }
        return sign * x;
    }

    /**
     * An exponential draw with mean 1 (the same modified ziggurat, every overhang convex), as JDK 17
     * computes it; the Gaussian tail consumes two of these.
     */
    @Override
    public double nextExponential() {
        long u1 = nextLong();
        long layer = u1 & ZigguratTables.exponentialLayerMask;
        if (layer < ZigguratTables.exponentialNumberOfLayers) {
            return ZigguratTables.exponentialX[(int) layer] * (u1 >>> 1);
        }
        double[] xs = ZigguratTables.exponentialX;
        double[] ys = ZigguratTables.exponentialY;
        for (double extra = 0.0; ; ) {
            int j = aliasIndex(nextLong(), ZigguratTables.exponentialAliasMask,
                    ZigguratTables.exponentialAliasThreshold, ZigguratTables.exponentialAliasMap,
                    ZigguratTables.exponentialSignCorrectionMask);
            if (j > 0) {
                return convexOverhang(xs, ys, j, u1 >>> 1, ZigguratTables.exponentialConvexMargin, false) + extra;
            }
            // The tail beyond x0 is x0 plus a fresh exponential (memorylessness); loop, not recurse.
            extra += ZigguratTables.exponentialX0;
            u1 = nextLong();
            layer = u1 & ZigguratTables.exponentialLayerMask;
            if (layer < ZigguratTables.exponentialNumberOfLayers) {
                return ZigguratTables.exponentialX[(int) layer] * (u1 >>> 1) + extra;
            }
        }
    }

    /**
     * A draw from convex overhang {@code j}, starting with {@code u1} (63 bits): the upper-right
     * triangle lies wholly above the curve, so a point there is reflected into the lower-left one
     * instead of being rejected; a point within {@code margin} of the chord is accepted without the
     * density, which is e^{-x²/2} ({@code normal}) or e^{-x}. Draws again until a point is accepted.
     */
    private double convexOverhang(double[] xs, double[] ys, int j, long u1, long margin, boolean normal) {
        for (;; u1 = nextLong() >>> 1) {
            long u2 = nextLong() >>> 1;
            long diff = u2 - u1;
            if (diff < 0) {
                diff = -diff;
                u2 = u1;
                u1 -= diff;
            }
            double x = coordinate(xs, j, u1);
            if (diff >= margin) {
                return x;
            }
            if (coordinate(ys, j, u2) <= (normal ? Math.exp(-0.5 * x * x) : Math.exp(-x))) {
                return x;
            }
        }
    }

    /** Walker's alias method: the low bits pick a column, the whole draw decides column or alias. */
    private static int aliasIndex(long draw, int mask, long[] threshold, byte[] alias, int signMask) {
        int j = (int) draw & mask;
        if (draw >= threshold[j]) {
            j = alias[j] & signMask;
        }
        return j;
    }

    /** The point at fraction {@code u / 2^63} across overhang {@code j}, from its edge {@code t[j]}. */
    private static double coordinate(double[] t, int j, long u) {
        return (t[j] * 0x1.0p63) + ((t[j - 1] - t[j]) * (double) u);
    }
}

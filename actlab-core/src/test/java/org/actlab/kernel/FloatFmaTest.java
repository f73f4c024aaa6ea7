package org.actlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link EmulatedFma#fma} (its fast path and its fallback) and the fallback {@link EmulatedFma#roundedToOdd}
 * alone, each against the JDK's {@link Math#fma(float, float, float)} (exact by
 * specification): every triple of special and edge values, tens of millions of random triples,
 * and triples built to land the exact sum on or next to a float rounding midpoint, where rounding
 * twice goes wrong. The naive {@code (float) ((double) a * b + c)} is checked on the same
 * adversarial triples and must fail some, so the test is known to reach the hard cases.
 */
class FloatFmaTest {

    private static final float[] EDGES = {
        0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 2 * Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL,
        Float.MIN_NORMAL - Float.MIN_VALUE, 1f, -1f, Math.nextUp(1f), Math.nextDown(1f), 1.5f, 3f, -3f,
        0.1f, -0.1f, 1e-20f, 1e20f, 0x1p-75f, 0x1p-74f, 0x1p64f, Float.MAX_VALUE, -Float.MAX_VALUE,
        Math.nextDown(Float.MAX_VALUE), 0x1p127f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
    };

    @Test
    void everyTripleOfEdgeValues() {
        for (float a : EDGES) {
            for (float b : EDGES) {
                for (float c : EDGES) {
                    check(a, b, c);
                }
            }
        }
    }

    /** Exact zeros keep IEEE's sign rules: x + (−x) = +0, (−0) + (−0) = −0. */
    @Test
    void signedZeros() {
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(EmulatedFma.fma(2f, 3f, -6f)));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(EmulatedFma.fma(-0f, 5f, -0f)));
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(EmulatedFma.fma(-0f, 5f, 0f)));
        // A tiny negative exact result rounds to −0 in float.
        assertEquals(Float.floatToRawIntBits(-0f),
                Float.floatToRawIntBits(EmulatedFma.fma(-Float.MIN_VALUE, 0.25f, 0f)));
    }

    /** Overflow to infinity, and a product that overflows float but is brought back by c. */
    @Test
    void overflowAndRecovery() {
        assertEquals(Float.POSITIVE_INFINITY, EmulatedFma.fma(Float.MAX_VALUE, 2f, 0f));
        assertEquals(Float.NEGATIVE_INFINITY, EmulatedFma.fma(Float.MAX_VALUE, -2f, -Float.MAX_VALUE));
        assertEquals(Float.MAX_VALUE, EmulatedFma.fma(Float.MAX_VALUE, 2f, -Float.MAX_VALUE));
        assertTrue(Float.isNaN(EmulatedFma.fma(Float.POSITIVE_INFINITY, 0f, 1f)));
        assertTrue(Float.isNaN(EmulatedFma.fma(Float.POSITIVE_INFINITY, 1f, Float.NEGATIVE_INFINITY)));
    }

    /** Random bit patterns: every exponent, NaNs, infinities, subnormals. */
    @Test
    void randomBitPatterns() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 8_000_000; i++) {
            check(Float.intBitsToFloat(r.nextInt()), Float.intBitsToFloat(r.nextInt()), Float.intBitsToFloat(r.nextInt()));
        }
    }

    /** Operands of nearby magnitude, where the sum's bits overlap the product's: cancellations, carries. */
    @Test
    void randomNearbyMagnitudes() {
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < 10_000_000; i++) {
            int e = r.nextInt(-140, 120);
            float a = scaled(r, e / 2);
            float b = scaled(r, e - e / 2);
            float c = scaled(r, e + r.nextInt(-30, 31));
            check(a, b, c);
        }
    }

    /**
     * c chosen so that a·b + c falls on, or one float-ulp-of-c beside, the midpoint between two
     * floats (including subnormal results), and exact cancellations c = −round(a·b).
     */
    @Test
    void adversarialTriplesNearRoundingMidpoints() {
        SplittableRandom r = new SplittableRandom(3);
        int naiveWrong = 0;
        int cases = 0;
        for (int i = 0; i < 3_000_000; i++) {
            int e = r.nextInt(-150, 120);
            float a = scaled(r, e / 2);
            float b = scaled(r, e - e / 2);
            double p = (double) a * b;
            // A float near p, and the midpoint above it (exact in double).
            float near = (float) (p * (1 + 0x1p-10 * (r.nextDouble() - 0.5)));
            if (Float.isInfinite(near) || near == 0) {
                continue;
            }
            double mid = ((double) near + Math.nextUp(near)) / 2;
            float c0 = (float) (mid - p);
            for (float c : new float[] {c0, Math.nextUp(c0), Math.nextDown(c0), -(float) p, -Math.nextUp((float) p)}) {
                check(a, b, c);
                cases++;
                if (Float.floatToIntBits((float) (p + c)) != Float.floatToIntBits(Math.fma(a, b, c))) {
                    naiveWrong++;
                }
            }
        }
        assertTrue(cases > 10_000_000, "cases " + cases);
        assertTrue(naiveWrong > 0, "the naive route never rounded twice wrongly: the cases are not adversarial");
    }

    /**
     * The fast path's boundaries, hand-built: a sum that rounds in double onto a float midpoint from
     * above (the naive route then rounds to even, the wrong way), the midpoint above
     * {@code Float.MAX_VALUE} (ties to even: infinity) and beside it, and sums next to {@code 2^-126},
     * where float's grid turns subnormal.
     */
    @Test
    void fastPathBoundaries() {
        // x = (1 + 2^-23) - 2^-24 (1 - 2^-46) = 1 + 2^-24 + 2^-70: just above the midpoint between 1 and
        // 1 + 2^-23, so fma = 1 + 2^-23; in double it rounds onto the midpoint, and then to even, 1.
        float a = (1 + 0x1p-23f) * 0x1p-12f;
        float b = -(1 - 0x1p-23f) * 0x1p-12f;
        float c = 1 + 0x1p-23f;
        assertEquals(1 + 0x1p-23f, Math.fma(a, b, c));
        assertEquals(1f, (float) ((double) a * b + c), "the naive route rounds twice here");
        check(a, b, c);
        check(-a, -b, c);
        check(-a, b, -c);
        // 2^128 - 2^103: halfway between Float.MAX_VALUE and 2^128; ties to even goes up, to infinity.
        assertEquals(Float.POSITIVE_INFINITY, Math.fma(Float.MAX_VALUE, 1f, 0x1p103f));
        check(Float.MAX_VALUE, 1f, 0x1p103f);
        check(Float.MAX_VALUE, 1f, Math.nextDown(0x1p103f));
        check(Float.MAX_VALUE, -1f, -0x1p103f);
        check(Float.MAX_VALUE, 1f + 0x1p-23f, -0x1p103f);
        // Around 2^-126: products a hair below and above it, with c of either sign beside it.
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < 200_000; i++) {
            float x = scaled(r, -63);
            float y = scaled(r, -63 + r.nextInt(-2, 3));
            float z = (r.nextBoolean() ? 1 : -1) * Float.intBitsToFloat(0x0080_0000 + r.nextInt(-64, 65));
            check(x, y, z);
            check(x, y, 0f);
        }
    }

    @Test
    void routeChoice() {
        assertTrue(FloatFma.choose("auto", "Linux") instanceof IntrinsicFma);
        assertEquals(FloatFma.EMULATED, FloatFma.choose("auto", "TeaVM"));
        assertTrue(FloatFma.choose("intrinsic", "Linux") instanceof IntrinsicFma);
        assertEquals(FloatFma.EMULATED, FloatFma.choose("emulated", "Linux"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FloatFma.choose("fast", "Linux"));
        assertTrue(e.getMessage().contains("fast"), e.getMessage());
        // The JVM running the tests takes the intrinsic unless told otherwise.
        assertEquals(!"emulated".equals(System.getProperty(FloatFma.PROPERTY)), FloatFma.intrinsic());
        // Both routes through the interface: (1 + 2^-23)^2 - 1 = 2^-22 + 2^-46, a tie in float.
        float a = 1f + 0x1p-23f;
        float b = 1f + 0x1p-23f;
        float c = -1f;
        assertEquals(Math.fma(a, b, c), FloatFma.EMULATED.fma(a, b, c));
        assertEquals(Math.fma(a, b, c), new IntrinsicFma().fma(a, b, c));
    }

    /** A random float with a random sign and significand, times 2^exponent. */
    private static float scaled(SplittableRandom r, int exponent) {
        float m = 1f + r.nextInt(1 << 23) * 0x1p-23f;
        return (r.nextBoolean() ? m : -m) * (float) Math.scalb(1.0, exponent);
    }

    private static void check(float a, float b, float c) {
        int expected = Float.floatToIntBits(Math.fma(a, b, c));
        int actual = Float.floatToIntBits(EmulatedFma.fma(a, b, c));
        int odd = Float.floatToIntBits(EmulatedFma.roundedToOdd(a, b, c));
        if (expected != actual || expected != odd) {
            String call = "(" + Float.toHexString(a) + ", " + Float.toHexString(b) + ", " + Float.toHexString(c) + ")";
            assertEquals(Integer.toHexString(expected), Integer.toHexString(actual), "emulated" + call);
            assertEquals(Integer.toHexString(expected), Integer.toHexString(odd), "roundedToOdd" + call);
        }
    }
}

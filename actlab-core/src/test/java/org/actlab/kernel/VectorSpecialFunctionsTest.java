package org.actlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.actlab.accuracy.Ulps;
import org.actlab.activation.Activation;
import org.actlab.activation.Standard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The vector loops of gelu (erf form), tanhshrink and sin ({@link VectorErf}, {@link VectorSmooth},
 * {@link VectorTrig}) against references computed here in {@link BigDecimal} at 160 digits from the
 * definitions (erf from its Taylor series, tanh from e^{2x}, sin and cos from their series after a
 * reduction by a 160-digit π): within 1 ULP for value and derivative, on inputs chosen where the
 * kernels switch formulas or cancel (the root of gelu', the erfc interval edges, tanhshrink's series
 * edge, the floats nearest multiples of π/2, the reduction's bound 2^20), subnormals and random
 * inputs; the derivatives' references are also checked against central differences of the value
 * references. The special values (±0, ±∞, NaN, huge |x|, the far tails' signs of zero) are pinned.
 */
class VectorSpecialFunctionsTest {

    private static final MathContext MC = new MathContext(160, RoundingMode.HALF_EVEN);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static BigDecimal pi;
    private static ActivationKernels vector;

    @BeforeAll
    static void setUp() {
        vector = Kernels.vector();
        assertTrue(vector != null, "tests run with --add-modules jdk.incubator.vector");
        // Machin: π = 16 atan(1/5) − 4 atan(1/239).
        pi = atanInverse(5).multiply(BigDecimal.valueOf(16)).subtract(atanInverse(239).multiply(BigDecimal.valueOf(4)), MC);
    }

    // ---- references in BigDecimal ----

    private static BigDecimal atanInverse(int n) {
        BigDecimal x = BigDecimal.ONE.divide(BigDecimal.valueOf(n), MC);
        BigDecimal x2 = x.multiply(x, MC);
        BigDecimal term = x;
        BigDecimal sum = x;
        BigDecimal epsilon = BigDecimal.ONE.movePointLeft(170);
        for (int k = 1; term.abs().compareTo(epsilon) > 0; k++) {
            term = term.multiply(x2, MC).negate();
            sum = sum.add(term.divide(BigDecimal.valueOf(2L * k + 1), MC), MC);
        }
        return sum;
    }

    /** e^x: Taylor series of e^{x/2^m} with |x/2^m| < 1/64, squared m times. */
    static BigDecimal exp(BigDecimal x) {
        int m = 0;
        BigDecimal y = x;
        while (y.abs().compareTo(BigDecimal.valueOf(1, 2)) > 0) {
            y = y.divide(TWO, MC);
            m++;
        }
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        for (int k = 1; k < 60; k++) {
            term = term.multiply(y, MC).divide(BigDecimal.valueOf(k), MC);
            sum = sum.add(term, MC);
        }
        for (int i = 0; i < m; i++) {
            sum = sum.multiply(sum, MC);
        }
        return sum;
    }

    /** erf(x) = 2/√π Σ (−1)^n x^{2n+1}/(n! (2n+1)); at 160 digits the terms (up to e^{x²}) leave 100 for |x| <= 11. */
    static BigDecimal erf(BigDecimal x) {
        BigDecimal x2 = x.multiply(x, MC);
        BigDecimal power = x;
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal epsilon = BigDecimal.ONE.movePointLeft(150);
        for (int n = 0; ; n++) {
            BigDecimal term = power.divide(BigDecimal.valueOf(2L * n + 1), MC);
            sum = n % 2 == 0 ? sum.add(term, MC) : sum.subtract(term, MC);
            if (n > 2 * x2.doubleValue() + 10 && term.abs().compareTo(epsilon) < 0) {
                break;
            }
            power = power.multiply(x2, MC).divide(BigDecimal.valueOf(n + 1), MC);
        }
        return sum.multiply(TWO, MC).divide(pi.sqrt(MC), MC);
    }

    /** Φ(x) = (1 + erf(x/√2))/2. */
    static BigDecimal normalCdf(BigDecimal x) {
        return BigDecimal.ONE.add(erf(x.divide(TWO.sqrt(MC), MC)), MC).divide(TWO, MC);
    }

    static BigDecimal gelu(BigDecimal x) {
        return x.multiply(normalCdf(x), MC);
    }

    /** gelu'(x) = Φ(x) + x e^{−x²/2}/√(2π). */
    static BigDecimal geluSlope(BigDecimal x) {
        BigDecimal density = exp(x.multiply(x, MC).divide(TWO, MC).negate()).divide(TWO.multiply(pi, MC).sqrt(MC), MC);
        return normalCdf(x).add(x.multiply(density, MC), MC);
    }

    static BigDecimal tanh(BigDecimal x) {
        BigDecimal e = exp(x.multiply(TWO, MC));
        return e.subtract(BigDecimal.ONE, MC).divide(e.add(BigDecimal.ONE, MC), MC);
    }

    static BigDecimal tanhshrink(BigDecimal x) {
        return x.subtract(tanh(x), MC);
    }

    static BigDecimal tanhshrinkSlope(BigDecimal x) {
        BigDecimal t = tanh(x);
        return t.multiply(t, MC);
    }

    /** sin(x + quarterTurns · π/2), reduced by the nearest multiple of π/2, then the series. */
    static BigDecimal sin(BigDecimal x, int quarterTurns) {
        BigDecimal halfPi = pi.divide(TWO, MC);
        BigDecimal k = x.divide(halfPi, MC).setScale(0, RoundingMode.HALF_EVEN);
        BigDecimal r = x.subtract(k.multiply(halfPi, MC), MC);
        int q = k.add(BigDecimal.valueOf(quarterTurns)).remainder(BigDecimal.valueOf(4)).intValue();
        q = (q + 4) % 4;
        BigDecimal r2 = r.multiply(r, MC);
        BigDecimal s = r;
        BigDecimal c = BigDecimal.ONE;
        BigDecimal sTerm = r;
        BigDecimal cTerm = BigDecimal.ONE;
        for (int n = 1; n < 50; n++) {
            sTerm = sTerm.multiply(r2, MC).divide(BigDecimal.valueOf((2L * n) * (2L * n + 1)), MC).negate();
            cTerm = cTerm.multiply(r2, MC).divide(BigDecimal.valueOf((2L * n - 1) * (2L * n)), MC).negate();
            s = s.add(sTerm, MC);
            c = c.add(cTerm, MC);
        }
        return switch (q) {
            case 0 -> s;
            case 1 -> c;
            case 2 -> s.negate();
            default -> c.negate();
        };
    }

    // ---- inputs ----

    /** n floats on each side of x (x included). */
    private static void around(List<Float> out, float x, int n) {
        float lo = x;
        float hi = x;
        out.add(x);
        for (int i = 0; i < n; i++) {
            lo = Math.nextDown(lo);
            hi = Math.nextUp(hi);
            out.add(lo);
            out.add(hi);
        }
    }

    private static float[] inputs(float range, float... edges) {
        List<Float> z = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 600; i++) {
            z.add((float) random.nextDouble(-range, range));
        }
        for (int i = 0; i < 60; i++) {
            // Every scale down to the subnormals, both signs.
            z.add((float) ((random.nextBoolean() ? 1 : -1) * Math.pow(2, -random.nextDouble(0, 149))));
        }
        for (float e : edges) {
            around(z, e, 8);
            around(z, -e, 8);
        }
        z.addAll(List.of(Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1e-20f, -1e-20f));
        float[] out = new float[z.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = z.get(i);
        }
        return out;
    }

    /** Runs both passes on the vector path and checks them against the references (dA = 1). */
    private static void checkWithinOneUlp(Activation f, float[] z, Function<BigDecimal, BigDecimal> value,
                                          Function<BigDecimal, BigDecimal> slope) {
        int n = z.length;
        ActivationKernels.Evaluated at = vector.evaluate(f, z);
        float[] a = at.values();
        float[] dZ = at.slopes();
        double worstValue = 0;
        double worstSlope = 0;
        for (int i = 0; i < n; i++) {
            BigDecimal x = new BigDecimal(z[i]);
            double fx = value.apply(x).doubleValue();
            double dfx = slope.apply(x).doubleValue();
            double ev = Ulps.error(a[i], fx);
            double ed = Ulps.error(dZ[i], dfx);
            assertTrue(ev <= 1, f.id() + "(" + z[i] + ") = " + a[i] + ", exact " + fx + ": " + ev + " ULP");
            assertTrue(ed <= 1, f.id() + "'(" + z[i] + ") = " + dZ[i] + ", exact " + dfx + ": " + ed + " ULP");
            worstValue = Math.max(worstValue, ev);
            worstSlope = Math.max(worstSlope, ed);
        }
        System.out.printf("%s vector: max %.4f ULP f, %.4f ULP f' over %d inputs%n", f.id(), worstValue, worstSlope, n);
    }

    @Test
    void geluIsWithinOneUlpOfItsDefinition() {
        // −0.7517915: the root of gelu' (Φ + x φ cancels); ±0.6629126 and ±5.656854: |x/√2| = 0.46875
        // and 4, where the erfc intervals meet; −14.5: where gelu underflows float.
        checkWithinOneUlp(Standard.GELU, inputs(16, -0.7517915f, 0.6629126f, 5.656854f, 14.5f, 1f),
                VectorSpecialFunctionsTest::gelu, VectorSpecialFunctionsTest::geluSlope);
    }

    @Test
    void tanhshrinkIsWithinOneUlpOfItsDefinition() {
        // 0.1: where the series gives way to x − tanh x.
        checkWithinOneUlp(Standard.TANHSHRINK, inputs(20, 0.1f, 1e-3f, 0.5f, 9f),
                VectorSpecialFunctionsTest::tanhshrink, VectorSpecialFunctionsTest::tanhshrinkSlope);
    }

    @Test
    void sinIsWithinOneUlpOfItsDefinitionUpToTheReductionBound() {
        // 252.89821: the float nearest a multiple of π/2 below 2^20 (2^-27.8 from 161 π/2); 2^20: the bound.
        checkWithinOneUlp(Standard.SIN, inputs(2000, 252.89821f, 4.712389f, 1.5707964f, 0.7853982f, 0x1p20f,
                        52516.434f, 785398.2f),
                x -> sin(x, 0), x -> sin(x, 1));
    }

    @Test
    void derivativeReferencesAgreeWithCentralDifferencesOfTheValueReferences() {
        BigDecimal h = BigDecimal.ONE.movePointLeft(30);
        for (double v : new double[] {-3.2, -0.75, 0.05, 0.4, 2.5, 9.25}) {
            BigDecimal x = new BigDecimal(v);
            List<Function<BigDecimal, BigDecimal>[]> pairs = List.of(
                    pair(VectorSpecialFunctionsTest::gelu, VectorSpecialFunctionsTest::geluSlope),
                    pair(VectorSpecialFunctionsTest::tanhshrink, VectorSpecialFunctionsTest::tanhshrinkSlope),
                    pair(t -> sin(t, 0), t -> sin(t, 1)));
            for (Function<BigDecimal, BigDecimal>[] p : pairs) {
                BigDecimal difference = p[0].apply(x.add(h)).subtract(p[0].apply(x.subtract(h)), MC)
                        .divide(h.multiply(TWO), MC);
                BigDecimal slope = p[1].apply(x);
                assertTrue(difference.subtract(slope, MC).abs().compareTo(BigDecimal.ONE.movePointLeft(40)) < 0,
                        "at " + v + ": difference " + difference.doubleValue() + ", slope " + slope.doubleValue());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Function<BigDecimal, BigDecimal>[] pair(Function<BigDecimal, BigDecimal> f,
                                                           Function<BigDecimal, BigDecimal> df) {
        return new Function[] {f, df};
    }

    // ---- special values, pinned ----

    private static float[][] run(Activation f, float... z) {
        ActivationKernels.Evaluated at = vector.evaluate(f, z);
        return new float[][] {at.values(), at.slopes()};
    }

    private static void assertBits(float expected, float actual, String what) {
        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(actual), what + ": expected " + expected
                + ", got " + actual);
    }

    @Test
    void geluPinsItsSpecialValues() {
        float[] z = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1e30f, -1e30f, -20f, -40f,
                -Float.MAX_VALUE, Float.MAX_VALUE, 3f, -3f, 0.5f, 7f, 9f};
        float[][] r = run(Standard.GELU, z);
        float[] value = {0f, -0f, Float.POSITIVE_INFINITY, -0f, Float.NaN, 1e30f, -0f, -0f, -0f, -0f, Float.MAX_VALUE};
        // f' = Φ + x φ: 1/2 at ±0; 1 and 0 at ±∞; at −20 the double is about −1e-87, so −0 in float;
        // at −40 and beyond e^{−x²/2} underflows to 0 in double and the sum is 0 + (−0) = +0, as the scalar.
        float[] slope = {0.5f, 0.5f, 1f, 0f, Float.NaN, 1f, 0f, -0f, 0f, 0f, 1f};
        for (int i = 0; i < value.length; i++) {
            assertBits(value[i], r[0][i], "gelu(" + z[i] + ")");
            assertBits(slope[i], r[1][i], "gelu'(" + z[i] + ")");
        }
        // The whole vector agrees with the scalar twin's bits here, signs of zero included.
        for (int i = 0; i < z.length; i++) {
            assertBits(Standard.GELU.apply(z[i]), r[0][i], "gelu(" + z[i] + ") against the scalar");
            assertBits(Standard.GELU.derivative(z[i]), r[1][i], "gelu'(" + z[i] + ") against the scalar");
        }
    }

    @Test
    void tanhshrinkPinsItsSpecialValues() {
        float[] z = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1e30f, -1e30f,
                Float.MIN_VALUE, -Float.MIN_VALUE, 100f, -100f, Float.MAX_VALUE, -Float.MAX_VALUE, 1e-15f, 2f, -2f};
        float[][] r = run(Standard.TANHSHRINK, z);
        // x³/3 underflows for subnormal x: ±0 with x's sign; tanh = ±1 exactly in double for |x| >= 20.
        float[] value = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1e30f, -1e30f, 0f, -0f,
                99f, -99f, Float.MAX_VALUE, -Float.MAX_VALUE};
        float[] slope = {0f, 0f, 1f, 1f, Float.NaN, 1f, 1f, 0f, 0f, 1f, 1f, 1f, 1f};
        for (int i = 0; i < value.length; i++) {
            assertBits(value[i], r[0][i], "tanhshrink(" + z[i] + ")");
            assertBits(slope[i], r[1][i], "tanhshrink'(" + z[i] + ")");
        }
    }

    @Test
    void sinPinsItsSpecialValues() {
        float[] z = {0f, -0f, Float.NaN, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, -1e-30f, 0.5f};
        float[][] r = run(Standard.SIN, z);
        float[] value = {0f, -0f, Float.NaN, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, -1e-30f};
        float[] slope = {1f, 1f, Float.NaN, 1f, 1f, 1f, 1f};
        for (int i = 0; i < value.length; i++) {
            assertBits(value[i], r[0][i], "sin(" + z[i] + ")");
            assertBits(slope[i], r[1][i], "sin'(" + z[i] + ")");
        }
    }

    /**
     * A vector with one lane beyond 2^20 (or infinite) runs the scalar twin for that vector: its
     * lanes give Math.sin's and Math.cos's floats exactly, and ±∞ give NaN; vectors after it are
     * computed again (checked against the reference).
     */
    @Test
    void sinBeyondTheBoundRunsTheScalarTwinForThatVector() {
        int lanes = VectorTranscendentals.LANES;
        float[] z = new float[3 * lanes];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) random.nextDouble(-100, 100);
        }
        z[1] = 3.0e7f;
        z[lanes + 2] = Float.NEGATIVE_INFINITY;
        float[][] r = run(Standard.SIN, z);
        for (int i = 0; i < 2 * lanes; i++) {
            assertBits(Standard.SIN.apply(z[i]), r[0][i], "sin(" + z[i] + ")");
            assertBits(Standard.SIN.derivative(z[i]), r[1][i], "sin'(" + z[i] + ")");
        }
        assertTrue(Float.isNaN(r[0][lanes + 2]) && Float.isNaN(r[1][lanes + 2]), "sin(-inf) and cos(-inf) are NaN");
        for (int i = 2 * lanes; i < z.length; i++) {
            BigDecimal x = new BigDecimal(z[i]);
            assertTrue(Ulps.error(r[0][i], sin(x, 0).doubleValue()) <= 1, "sin(" + z[i] + ")");
            assertTrue(Ulps.error(r[1][i], sin(x, 1).doubleValue()) <= 1, "cos(" + z[i] + ")");
        }
    }
}

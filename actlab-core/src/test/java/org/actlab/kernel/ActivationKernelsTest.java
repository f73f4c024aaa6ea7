package org.actlab.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.actlab.activation.Activation;
import org.actlab.activation.Celu;
import org.actlab.activation.Elu;
import org.actlab.activation.HardShrink;
import org.actlab.activation.HardTanh;
import org.actlab.activation.Isru;
import org.actlab.activation.LeakyRelu;
import org.actlab.activation.PRelu;
import org.actlab.activation.RRelu;
import org.actlab.activation.SoftShrink;
import org.actlab.activation.Softplus;
import org.actlab.activation.Squareplus;
import org.actlab.activation.Standard;
import org.actlab.activation.Threshold;
import org.actlab.activation.ThresholdedRelu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both kernel paths against independent double-precision references (sigmoid, tanh and their
 * derivatives), against the scalar {@link Activation} bit for bit (piecewise-linear functions and
 * everything that falls back), and on the mechanics: tails, offsets, in-place use, bounds,
 * prelu's slope gradient and rrelu's random slopes.
 */
class ActivationKernelsTest {

    /** Piecewise-linear activations: every path must give exactly the scalar's floats. */
    static final List<Activation> PIECEWISE = List.of(Standard.IDENTITY, Standard.RELU, Standard.RELU6,
            new LeakyRelu(0.01f), new LeakyRelu(-0.5f), new LeakyRelu(0f), new PRelu(0.25f), new RRelu(),
            new HardTanh(), new HardTanh(-2f, 0.5f), new Threshold(0.5f, -3f), new ThresholdedRelu(1f),
            Standard.HARD_SIGMOID, Standard.HARD_SWISH, Standard.SOFTSIGN, Standard.CUBE, Standard.SPARSE_PLUS);

    /** Vectorised in the scalar's own operations, so also bit-identical on every path. */
    static final List<Activation> ALGEBRAIC = List.of(new Isru(), new Isru(0.01f), new Squareplus(4f),
            new Squareplus(0.5f), Standard.BENT_IDENTITY, new SoftShrink(0.5f), new SoftShrink(2f),
            new HardShrink(0.5f), Standard.RATIONAL_TANH);

    static final double SELU_SCALE = 1.0507009873554804934193349852946;
    static final double SELU_ALPHA = 1.6732632423543772848170429916717;

    static final float[] SPECIALS = {0f, -0f, Float.NaN, Float.intBitsToFloat(0xffc00001), Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL,
            Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f, 3f, -3f, 6f, -6f, 0.5f, 0.01f, -0.01f, 1e-30f, -1e-30f,
            9.01f, -9.01f, 16.6f, -16.6f, 20f, -20f, 44f, 52.3f, 87.3f, -87.3f, 88.8f, -88.8f, 103.97f, -103.97f,
            104f, -104f, 120f, -120f, 121f, -121f, 1e10f, -1e10f, 2.5e-8f, -2.5e-8f};

    static Stream<ActivationKernels> kernels() {
        ActivationKernels vector = Kernels.vector();
        return vector == null ? Stream.of(Kernels.scalar()) : Stream.of(Kernels.scalar(), vector);
    }

    // ---- references: double formulas, independent of the catalogue's code ----

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    static double sigmoidSlope(double x) {
        double t = Math.exp(-Math.abs(x));
        return t / ((1 + t) * (1 + t));
    }

    static double tanhSlope(double x) {
        double c = Math.cosh(Math.min(Math.abs(x), 300));
        return 1 / (c * c);
    }

    static double elu(double alpha, double x) {
        return x > 0 ? x : alpha * Math.expm1(x);
    }

    static double eluSlope(double alpha, double x) {
        return x > 0 ? 1 : alpha * Math.exp(x);
    }

    static double silu(double x) {
        return x == Double.NEGATIVE_INFINITY ? -0.0 : x * sigmoid(x);
    }

    static double geluTanh(double x) {
        if (x == Double.NEGATIVE_INFINITY) {
            return -0.0;
        }
        double u = Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x);
        return x * sigmoid(2 * u);
    }

    /**
     * The distance in floats between {@code got} and the float nearest {@code reference}; NaN
     * matches only NaN, and a zero only the zero of the same sign.
     */
    static long ulps(float got, double reference) {
        float expected = (float) reference;
        if (Float.isNaN(expected) || Float.isNaN(got)) {
            return Float.isNaN(expected) && Float.isNaN(got) ? 0 : Long.MAX_VALUE;
        }
        if (expected == 0 && got == 0) {
            return Float.floatToRawIntBits(expected) == Float.floatToRawIntBits(got) ? 0 : Long.MAX_VALUE;
        }
        return Math.abs(ordinal(got) - ordinal(expected));
    }

    /** Floats in order as integers: −0 and +0 both map to 0. */
    static long ordinal(float f) {
        int bits = Float.floatToRawIntBits(f);
        return bits < 0 ? -(long) (bits & 0x7fffffff) : bits;
    }

    // ---- inputs ----

    /** Every float of the binade [2^e, 2^{e+1}) with the given sign. */
    static float[] binade(int exponent, boolean negative) {
        float[] z = new float[1 << 23];
        int base = (exponent + 127) << 23 | (negative ? 0x80000000 : 0);
        for (int m = 0; m < z.length; m++) {
            z[m] = Float.intBitsToFloat(base | m);
        }
        return z;
    }

    /** Random bit patterns (all of float's range, NaNs included) and normal samples of several scales. */
    static float[] randomInputs(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] z = new float[n];
        for (int i = 0; i < n; i++) {
            switch (i % 4) {
                case 0 -> z[i] = Float.intBitsToFloat(random.nextInt());
                case 1 -> z[i] = (float) (random.nextGaussian() * 3);
                case 2 -> z[i] = (float) (random.nextGaussian() * 40);
                default -> z[i] = (float) (random.nextDouble(-1, 1) * Math.pow(2, -random.nextInt(1, 140)));
            }
        }
        System.arraycopy(SPECIALS, 0, z, 0, SPECIALS.length);
        return z;
    }

    record Transcendental(Activation f, DoubleUnaryOperator value, DoubleUnaryOperator slope) {
        @Override
        public String toString() {
            return f.id();
        }
    }

    static final List<Transcendental> SEEDS = List.of(
            new Transcendental(Standard.SIGMOID, ActivationKernelsTest::sigmoid, ActivationKernelsTest::sigmoidSlope),
            new Transcendental(Standard.TANH, Math::tanh, ActivationKernelsTest::tanhSlope));

    /** The other exp-based functions the vector path computes itself (null slope: forward only). */
    static final List<Transcendental> OTHERS = List.of(
            new Transcendental(new Elu(), x -> elu(1, x), x -> eluSlope(1, x)),
            new Transcendental(new Elu(0.3f), x -> elu(0.3f, x), x -> eluSlope(0.3f, x)),
            new Transcendental(new Elu(-2.5e38f), x -> elu(-2.5e38f, x), x -> eluSlope(-2.5e38f, x)),
            new Transcendental(Standard.SELU, x -> x > 0 ? SELU_SCALE * x : SELU_SCALE * elu(SELU_ALPHA, x),
                    x -> x > 0 ? SELU_SCALE : SELU_SCALE * eluSlope(SELU_ALPHA, x)),
            new Transcendental(new Celu(0.7f), x -> x > 0 ? x : 0.7f * Math.expm1(x / 0.7f),
                    x -> x > 0 ? 1 : Math.exp(x / 0.7f)),
            new Transcendental(Standard.EXPONENTIAL, Math::exp, Math::exp),
            new Transcendental(Standard.GAUSSIAN, x -> Math.exp(-x * x), 
                    x -> Double.isInfinite(x) ? (x > 0 ? -0.0 : 0.0) : -2 * x * Math.exp(-x * x)),
            new Transcendental(Standard.RECTIFIED_TANH, x -> x > 0 ? Math.tanh(x) : 0, x -> x > 0 ? tanhSlope(x) : 0),
            new Transcendental(Standard.SILU, ActivationKernelsTest::silu, null),
            new Transcendental(Standard.GELU_TANH, ActivationKernelsTest::geluTanh, null));

    static Stream<Object[]> transcendentals() {
        return kernels().flatMap(k -> SEEDS.stream().map(t -> new Object[] {k, t}));
    }

    static Stream<Object[]> allTranscendentals() {
        return kernels().flatMap(k -> Stream.concat(SEEDS.stream(), OTHERS.stream()).map(t -> new Object[] {k, t}));
    }

    /** Runs forward and backward (dA = 1) and checks both against the reference, within 1 ULP. */
    static void checkWithinOneUlp(ActivationKernels kernels, Transcendental t, float[] z, String where) {
        ActivationKernels.Evaluated at = kernels.evaluate(t.f(), z);
        float[] a = at.values();
        float[] dZ = at.slopes();
        for (int i = 0; i < z.length; i++) {
            float x = z[i];
            double value = Float.isNaN(x) ? Double.NaN : t.value().applyAsDouble(x);
            if (ulps(a[i], value) > 1) {
                fail(kernels.name() + " " + t.f().id() + "(" + x + ") = " + a[i] + ", reference " + value
                        + " (" + where + ")");
            }
            if (t.slope() == null) {
                continue;
            }
            double slope = Float.isNaN(x) ? Double.NaN : t.slope().applyAsDouble(x);
            if (ulps(dZ[i], slope) > 1) {
                fail(kernels.name() + " " + t.f().id() + "'(" + x + ") = " + dZ[i] + ", reference " + slope
                        + " (" + where + ")");
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("transcendentals")
    void transcendentalsAreWithinOneUlpOnWholeBinades(ActivationKernels kernels, Transcendental t) {
        // Around the centre (where cancellation would show), the knee, and deep in both tails.
        int[][] binades = {{-1, 1}, {2, 0}, {-12, 1}};
        for (int[] b : binades) {
            checkWithinOneUlp(kernels, t, binade(b[0], b[1] == 1), "binade 2^" + b[0] + (b[1] == 1 ? " negative" : ""));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("allTranscendentals")
    void transcendentalsAreWithinOneUlpOnRandomInputs(ActivationKernels kernels, Transcendental t) {
        checkWithinOneUlp(kernels, t, randomInputs(42, 1 << 21), "random");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void transcendentalsHaveTheirLimitsAndTinyTails(ActivationKernels kernels) {
        float[] z = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 20f, -20f, -100f, 200f,
                Float.MIN_VALUE, -Float.MIN_VALUE};
        ActivationKernels.Evaluated sigmoid = kernels.evaluate(Standard.SIGMOID, z);
        ActivationKernels.Evaluated tanhAt = kernels.evaluate(Standard.TANH, z);
        float[] sig = sigmoid.values();
        float[] tanh = tanhAt.values();
        float[] sigSlope = sigmoid.slopes();
        float[] tanhSlope = tanhAt.slopes();
        assertArrayEquals(new float[] {0.5f, 0.5f, 1f, 0f, Float.NaN, 1f, 2.0611537e-9f, 3.783506e-44f, 1f, 0.5f, 0.5f},
                sig, 0f);
        assertArrayEquals(new float[] {0f, -0f, 1f, -1f, Float.NaN, 1f, -1f, -1f, 1f, Float.MIN_VALUE,
                -Float.MIN_VALUE},
                tanh, 0f);
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(tanh[1]), "tanh(-0) = -0");
        // e^-20 / (1+e^-20)^2 and 4 e^-40: the tails that 1 - f^2 would flush to 0.
        assertEquals(2.0611537e-9f, sigSlope[5], 0f);
        assertEquals(2.0611537e-9f, sigSlope[6], 0f);
        assertEquals((float) (4 * Math.exp(-40)), tanhSlope[5], Math.ulp((float) (4 * Math.exp(-40))));
        assertTrue(tanhSlope[5] > 0, "tanh'(20) is tiny, not 0");
        assertEquals(0.25f, sigSlope[0], 0f);
        assertEquals(1f, tanhSlope[0], 0f);
        assertEquals(0f, sigSlope[2], 0f);
        assertEquals(0f, tanhSlope[3], 0f);
        assertTrue(Float.isNaN(sigSlope[4]) && Float.isNaN(tanhSlope[4]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void pathsAgreeWithinOneUlpWithTheScalarActivation(ActivationKernels kernels) {
        float[] z = randomInputs(7, 1 << 18);
        List<Activation> functions = List.of(Standard.SIGMOID, Standard.TANH, new Elu(), Standard.SELU, new Celu(0.7f),
                Standard.EXPONENTIAL, Standard.SILU, Standard.GELU_TANH, Standard.GAUSSIAN, Standard.RECTIFIED_TANH,
                Standard.MISH, Standard.LOG_SIGMOID, new Softplus(), new Softplus(2f, 5f), new Softplus(0.5f, -3f),
                Standard.ARCTAN, Standard.GELU, Standard.TANHSHRINK, Standard.SIN);
        for (Activation f : functions) {
            ActivationKernels.Evaluated at = kernels.evaluate(f, z);
            float[] a = at.values();
            float[] dZ = at.slopes();
            for (int i = 0; i < z.length; i++) {
                assertTrue(ulps(a[i], f.apply(z[i])) <= 1, () -> f.id() + " differs from apply");
                assertTrue(ulps(dZ[i], f.derivative(z[i])) <= 1, () -> f.id() + " differs from derivative");
            }
        }
    }

    // ---- piecewise-linear and fallback functions: bit-identical to the scalar Activation ----

    static Stream<Object[]> piecewise() {
        List<Activation> all = new java.util.ArrayList<>(PIECEWISE);
        // Vectorised with the scalar's own double operations: bit-identical too.
        all.addAll(ALGEBRAIC);
        return kernels().flatMap(k -> all.stream().map(f -> new Object[] {k, f}));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("piecewise")
    void piecewiseKernelsEqualTheScalarActivationBitForBit(ActivationKernels kernels, Activation f) {
        float[] z = randomInputs(3, 1 << 16);
        float[] dA = randomInputs(4, 1 << 16);
        float[] a = new float[z.length];
        float[] dZ = new float[z.length];
        kernels.forward(f, z, 0, a, 0, z.length);
        kernels.backward(f, z, 0, a, 0, dA, 0, dZ, 0, z.length, null);
        for (int i = 0; i < z.length; i++) {
            float expected = f.apply(z[i]);
            // For rrelu, a is the inference output here, so backward must use the exact inference slope.
            float expectedGradient = dA[i] * f.derivative(z[i]);
            if (Float.floatToIntBits(a[i]) != Float.floatToIntBits(expected)) {
                fail(kernels.name() + " " + f.spec() + "(" + z[i] + ") = " + a[i] + ", apply gives " + expected);
            }
            if (Float.floatToIntBits(dZ[i]) != Float.floatToIntBits(expectedGradient)) {
                fail(kernels.name() + " " + f.spec() + " backward at z=" + z[i] + ", dA=" + dA[i] + ": " + dZ[i]
                        + ", expected " + expectedGradient);
            }
        }
    }

    /**
     * relu', leaky_relu', prelu' and threshold(0)' choose the slope from z's bits on the vector path
     * (no mask): every pair of special z and dA (signed zeros, subnormals, ±Inf, NaNs with payloads
     * and either sign) must give the scalar twin's bits exactly, NaN payloads included, except
     * where both are NaN: which operand's payload a multiply keeps then depends on the operand
     * order C2 picks for a commutative instruction, so only NaN is required.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void stepDerivativesKeepTheScalarBitsOnSpecialValues(ActivationKernels kernels) {
        float[] specials = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, -1e-40f, Float.MIN_NORMAL, 1f, -1f,
            Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
            Float.intBitsToFloat(0x7fc00123), Float.intBitsToFloat(0xffc00456), Float.intBitsToFloat(0x7f800001),
            Float.intBitsToFloat(0xff800001)};
        int n = specials.length * specials.length;
        float[] z = new float[n];
        float[] dA = new float[n];
        for (int i = 0; i < n; i++) {
            z[i] = specials[i / specials.length];
            dA[i] = specials[i % specials.length];
        }
        for (Activation f : List.of(Standard.RELU, new LeakyRelu(0.01f), new PRelu(0.25f), new Threshold(0f, 2f))) {
            float[] got = new float[n];
            float[] expected = new float[n];
            kernels.backward(f, z, 0, new float[n], 0, dA, 0, got, 0, n, null);
            Kernels.scalar().backward(f, z, 0, new float[n], 0, dA, 0, expected, 0, n, null);
            for (int i = 0; i < n; i++) {
                int index = i;
                if (Float.isNaN(z[i]) && Float.isNaN(dA[i])) {
                    assertTrue(Float.isNaN(got[i]), () -> kernels.name() + " " + f.spec() + "' of two NaNs");
                    continue;
                }
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(got[i]),
                        () -> kernels.name() + " " + f.spec() + "' at z=" + z[index] + " (bits " + Integer.toHexString(
                                Float.floatToRawIntBits(z[index])) + "), dA=" + dA[index]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void kinksTakePyTorchsValues(ActivationKernels kernels) {
        float[] kinks = {0f, -0f};
        float[] one = {1f, 1f};
        float[] out = new float[2];
        kernels.backward(Standard.RELU, kinks, 0, new float[2], 0, one, 0, out, 0, 2, null);
        assertArrayEquals(new float[] {0f, 0f}, out, 0f, "relu'(0) = 0");
        kernels.backward(new LeakyRelu(0.01f), kinks, 0, new float[2], 0, one, 0, out, 0, 2, null);
        assertArrayEquals(new float[] {0.01f, 0.01f}, out, 0f, "leaky_relu'(0) = slope");
        kernels.backward(new PRelu(0.25f), kinks, 0, new float[2], 0, one, 0, out, 0, 2, null);
        assertArrayEquals(new float[] {0.25f, 0.25f}, out, 0f, "prelu'(0) = slope");
        kernels.forward(Standard.RELU, kinks, 0, out, 0, 2);
        assertEquals(0, Float.floatToRawIntBits(out[1]), "relu(-0) = +0, as apply gives");
    }

    // ---- mechanics ----

    static List<Activation> vectorised() {
        List<Activation> all = new java.util.ArrayList<>(PIECEWISE);
        Stream.concat(SEEDS.stream(), OTHERS.stream()).forEach(t -> all.add(t.f()));
        all.addAll(List.of(Standard.MISH, Standard.LOG_SIGMOID, new Softplus(), new Softplus(2f, 5f)));
        all.addAll(ALGEBRAIC);
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void everyLengthAndOffsetGivesThePositionIndependentResult(ActivationKernels kernels) {
        float[] z = randomInputs(11, 80);
        float[] dA = randomInputs(12, 80);
        for (Activation f : vectorised()) {
            float[] wholeA = new float[80];
            float[] wholeDZ = new float[80];
            kernels.forward(f, z, 0, wholeA, 0, 80);
            kernels.backward(f, z, 0, wholeA, 0, dA, 0, wholeDZ, 0, 80, null);
            for (int offset : new int[] {0, 1, 3, 7}) {
                for (int n = 0; n <= 70; n++) {
                    float[] a = new float[n + 9];
                    float[] dZ = new float[n + 9];
                    Arrays.fill(a, 42f);
                    Arrays.fill(dZ, 42f);
                    kernels.forward(f, z, offset, a, 9 - offset, n);
                    kernels.backward(f, z, offset, wholeA, offset, dA, offset, dZ, 9 - offset, n, null);
                    for (int i = 0; i < a.length; i++) {
                        boolean inside = i >= 9 - offset && i < 9 - offset + n;
                        float expectedA = inside ? wholeA[offset + i - (9 - offset)] : 42f;
                        float expectedDZ = inside ? wholeDZ[offset + i - (9 - offset)] : 42f;
                        if (Float.floatToIntBits(a[i]) != Float.floatToIntBits(expectedA)
                                || Float.floatToIntBits(dZ[i]) != Float.floatToIntBits(expectedDZ)) {
                            fail(kernels.name() + " " + f.spec() + " n=" + n + " offset=" + offset + " index " + i);
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void forwardWorksInPlace(ActivationKernels kernels) {
        for (Activation f : vectorised()) {
            float[] z = randomInputs(13, 1000);
            float[] expected = new float[1000];
            kernels.forward(f, z, 0, expected, 0, 1000);
            kernels.forward(f, z, 0, z, 0, 1000);
            assertArrayEquals(expected, z, 0f, f.spec());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void slicesOutsideTheirArraysAreRejectedWithTheNumbers(ActivationKernels kernels) {
        float[] small = new float[10];
        float[] big = new float[100];
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> kernels.forward(Standard.SIGMOID, small, 5, big, 0, 6));
        assertTrue(e.getMessage().contains("offset 5") && e.getMessage().contains("length 10"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.forward(Standard.RELU, big, 0, small, 0, 11));
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.forward(Standard.RELU, big, -1, big, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.forward(Standard.RELU, big, 0, big, 0, -1));
        assertThrows(IndexOutOfBoundsException.class,
                () -> kernels.backward(Standard.TANH, big, 0, big, 0, small, 0, big, 0, 11, null));
        assertThrows(IndexOutOfBoundsException.class,
                () -> kernels.backward(Standard.TANH, big, 0, big, 0, big, 0, small, 1, 10, null));
        assertThrows(IndexOutOfBoundsException.class,
                () -> kernels.backward(new RRelu(), big, 0, small, 0, big, 0, big, 0, 11, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void preluSlopeGradientIsTheSumOverNonPositiveInputs(ActivationKernels kernels) {
        // By hand: (-2)(1) + 0(7) + (-0.5)(4) = -4; the 3 > 0 contributes nothing.
        float[] z = {-2f, 3f, 0f, -0.5f};
        float[] dA = {1f, 5f, 7f, 4f};
        float[] dZ = new float[4];
        float[] dParams = {1.5f};
        kernels.backward(new PRelu(0.25f), z, 0, new float[4], 0, dA, 0, dZ, 0, 4, dParams);
        assertEquals(-2.5f, dParams[0], 0f);
        assertArrayEquals(new float[] {0.25f, 5f, 1.75f, 1f}, dZ, 0f);

        float[] manyZ = randomInputs(21, 10_001);
        float[] manyDA = new float[manyZ.length];
        SplittableRandom random = new SplittableRandom(22);
        double sum = 0;
        for (int i = 0; i < manyZ.length; i++) {
            manyZ[i] = (float) random.nextGaussian();
            manyDA[i] = (float) random.nextGaussian();
            if (manyZ[i] <= 0) {
                sum += (double) manyZ[i] * manyDA[i];
            }
        }
        float[] accumulated = {0f};
        kernels.backward(new PRelu(0.1f), manyZ, 0, new float[manyZ.length], 0, manyDA, 0,
                new float[manyZ.length], 0, manyZ.length, accumulated);
        assertEquals((float) sum, accumulated[0], Math.ulp((float) sum));
        // Nothing to accumulate into: fine.
        kernels.backward(new PRelu(0.1f), manyZ, 0, new float[manyZ.length], 0, manyDA, 0,
                new float[manyZ.length], 0, manyZ.length, new float[0]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void rreluTrainingDrawsSlopesInRangeReproducibly(ActivationKernels kernels) {
        RRelu f = new RRelu(0.1f, 0.3f);
        int n = 5000;
        float[] z = new float[n];
        SplittableRandom inputs = new SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            z[i] = (float) (inputs.nextGaussian() * 4);
        }
        z[0] = 0f;
        z[1] = Float.NaN;
        z[2] = Float.NEGATIVE_INFINITY;
        float[] a = new float[n];
        float[] again = new float[n];
        kernels.forwardTraining(f, z, 0, a, 0, n, new SplittableRandom(99));
        kernels.forwardTraining(f, z, 0, again, 0, n, new SplittableRandom(99));
        assertArrayEquals(a, again, 0f, "same seed, same slopes");
        float[] other = new float[n];
        Kernels.scalar().forwardTraining(f, z, 0, other, 0, n, new SplittableRandom(99));
        assertArrayEquals(other, a, 0f, "both paths consume the random stream alike");

        double lowest = 1;
        double highest = 0;
        for (int i = 3; i < n; i++) {
            if (z[i] > 0) {
                assertEquals(z[i], a[i], 0f);
            } else if (z[i] < 0) {
                double slope = (double) a[i] / z[i];
                lowest = Math.min(lowest, slope);
                highest = Math.max(highest, slope);
            }
        }
        assertTrue(lowest >= 0.1f * (1 - 1e-6) && highest <= 0.3f * (1 + 1e-6), lowest + " " + highest);
        assertTrue(lowest < 0.11 && highest > 0.29, "slopes spread over the range: " + lowest + " " + highest);
        assertEquals(0f, a[0], 0f);
        assertTrue(Float.isNaN(a[1]));
        assertEquals(Float.NEGATIVE_INFINITY, a[2], 0f);

        // Backward recovers each drawn slope as a/z; 1 for z > 0; the inference slope at 0 and -inf.
        float[] dA = new float[n];
        Arrays.fill(dA, 2f);
        float[] dZ = new float[n];
        kernels.backward(f, z, 0, a, 0, dA, 0, dZ, 0, n, null);
        assertEquals(2 * f.inferenceSlope(), dZ[0], 0f);
        assertTrue(Float.isNaN(dZ[1]));
        assertEquals(2 * f.inferenceSlope(), dZ[2], 0f);
        for (int i = 3; i < n; i++) {
            float expected = z[i] > 0 ? 2f : 2f * (a[i] / z[i]);
            assertEquals(expected, dZ[i], 0f, "at " + z[i]);
        }
        // The inference forward uses the mean slope.
        kernels.forward(f, z, 0, a, 0, n);
        for (int i = 3; i < n; i++) {
            assertEquals(f.apply(z[i]), a[i], 0f);
        }
    }

    /**
     * The one rrelu backward (the engine calls it too): NaN gives NaN, z = −∞ and ±0 the inference
     * slope, +∞ gives 1, whatever a holds there; both paths give the same bits.
     */
    @Test
    void rreluBackwardPinsItsSpecialValuesOnBothPaths() {
        RRelu f = new RRelu(0.125f, 0.375f);
        float s = 0.25f;
        float[] z = {Float.NaN, Float.NEGATIVE_INFINITY, -0f, 0f, Float.POSITIVE_INFINITY, -2f, 3f, -2f, Float.NaN};
        float[] a = {Float.NaN, Float.NEGATIVE_INFINITY, 0f, 0f, Float.POSITIVE_INFINITY, -0.5f, 3f, -0.5f, 1f};
        float[] dA = {1f, 1f, 1f, 1f, 1f, 1f, 1f, 4f, 1f};
        float[] expected = {Float.NaN, s, s, s, 1f, 0.25f, 1f, 1f, Float.NaN};
        kernels().forEach(k -> {
            // Long enough that the vector path runs whole vectors as well as its tail.
            int copies = 40;
            int m = z.length;
            float[] zz = new float[m * copies];
            float[] aa = new float[m * copies];
            float[] dd = new float[m * copies];
            for (int c = 0; c < copies; c++) {
                System.arraycopy(z, 0, zz, c * m, m);
                System.arraycopy(a, 0, aa, c * m, m);
                System.arraycopy(dA, 0, dd, c * m, m);
            }
            float[] dZ = new float[m * copies];
            k.backward(f, zz, 0, aa, 0, dd, 0, dZ, 0, m * copies, null);
            for (int i = 0; i < m * copies; i++) {
                assertEquals(Float.floatToIntBits(expected[i % m]), Float.floatToIntBits(dZ[i]),
                        k.name() + " at z = " + zz[i] + ", a = " + aa[i]);
            }
        });
    }

    @Test
    void bothPathsExistInTestJvms() {
        assertNotNull(Kernels.vector(), "tests run with --add-modules jdk.incubator.vector");
        assertTrue(Kernels.vector().name().startsWith("vector("), Kernels.vector().name());
        assertEquals("scalar", Kernels.scalar().name());
    }
}

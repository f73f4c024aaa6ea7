package org.actlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.actlab.accuracy.Reference;
import org.actlab.accuracy.Ulps;
import org.actlab.activation.Activation;
import org.actlab.activation.Standard;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bench-only float-lane routes ({@link FloatLanesRoute} and {@link FloatChainRoute}) are measured against the contract they claim (within 1 ULP of
 * {@link Reference}, values and derivatives) and against the property the shipped kernels have:
 * an element's result depends on its own x only, whatever its neighbours, offset or the length.
 * NaNs compare as NaN, not by bits: which NaN operand x86 propagates depends on how the JIT
 * ordered the operands, in this route as in the shipped double-lane loops.
 */
class FloatLanesRouteTest {

    private static final int N = 1 << 16;

    /** Random floats of every magnitude and sign, with the special values and the range edges planted. */
    private static float[] inputs(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] z = new float[N];
        for (int i = 0; i < N; i++) {
            z[i] = i % 3 == 0 ? Float.intBitsToFloat(random.nextInt()) : (float) (random.nextDouble() * 200 - 100);
        }
        float[] special = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE,
                -Float.MIN_VALUE, 86f, -86f, Math.nextUp(86f), -Math.nextUp(86f), 43f, -43f, Math.nextUp(43f),
                -Math.nextUp(43f), 0.17328f, -0.17328f, 0.1733f, 0.01083f, -0.010831f, 0.0108304f, 1e-8f, -1e-8f, 20f, -20f, -87.3f, -103f, -104f};
        for (int i = 0; i < special.length; i++) {
            z[37 * i + 5] = special[i];
        }
        return z;
    }

    @ParameterizedTest
    @ValueSource(strings = {"float-lanes", "float-chain"})
    void valuesAndDerivativesAreWithinOneUlp(String route) {
        float[] z = inputs(20261129);
        float[] ones = new float[N];
        Arrays.fill(ones, 1f);
        for (Activation f : new Activation[] {Standard.SIGMOID, Standard.TANH}) {
            float[] a = new float[N];
            float[] slope = new float[N];
            forward(route, f, z, 0, a, 0, N);
            backward(route, f, z, 0, ones, 0, slope, 0, N);
            for (int i = 0; i < N; i++) {
                double value = Ulps.error(a[i], Reference.value(f, z[i]));
                double derivative = Ulps.error(slope[i], Reference.derivative(f, z[i]));
                int at = i;
                assertTrue(value <= 1, () -> f.id() + "(" + z[at] + ") = " + a[at] + ": " + value + " ULP");
                assertTrue(derivative <= 1, () -> f.id() + "'(" + z[at] + ") = " + slope[at] + ": " + derivative + " ULP");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"float-lanes", "float-chain"})
    void everyElementIgnoresItsNeighboursOffsetAndLength(String route) {
        float[] z = inputs(7);
        float[] dA = inputs(8);
        for (Activation f : new Activation[] {Standard.SIGMOID, Standard.TANH}) {
            float[] whole = new float[N];
            float[] wholeSlope = new float[N];
            forward(route, f, z, 0, whole, 0, N);
            backward(route, f, z, 0, dA, 0, wholeSlope, 0, N);
            for (int offset : new int[] {1, 5, 16, 17}) {
                for (int length : new int[] {1, 15, 16, 33, 1000}) {
                    float[] a = new float[length + 3];
                    float[] slope = new float[length + 3];
                    forward(route, f, z, offset, a, 3, length);
                    backward(route, f, z, offset, dA, offset, slope, 3, length);
                    for (int i = 0; i < length; i++) {
                        assertEquals(Float.floatToIntBits(whole[offset + i]), Float.floatToIntBits(a[3 + i]),
                                f.id() + " at offset " + offset + ", length " + length + ", element " + i);
                        assertEquals(Float.floatToIntBits(wholeSlope[offset + i]),
                                Float.floatToIntBits(slope[3 + i]),
                                f.id() + "' at offset " + offset + ", length " + length + ", element " + i);
                    }
                }
            }
            float[] inPlace = z.clone();
            forward(route, f, inPlace, 0, inPlace, 0, N);
            for (int i = 0; i < N; i++) {
                assertEquals(Float.floatToIntBits(whole[i]), Float.floatToIntBits(inPlace[i]), f.id() + " in place");
            }
        }
    }

    private static void forward(String route, Activation f, float[] z, int zOff, float[] a, int aOff, int n) {
        SigmoidTanhRoutes.forward(route, f == Standard.SIGMOID, z, zOff, a, aOff, n);
    }

    private static void backward(String route, Activation f, float[] z, int zOff, float[] dA, int dAOff, float[] dZ,
                                 int dZOff, int n) {
        SigmoidTanhRoutes.backward(route, f == Standard.SIGMOID, z, zOff, dA, dAOff, dZ, dZOff, n);
    }
}

package org.actlab.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The optimisers' bulk updates: both paths against exact arithmetic, and bit for bit against each other. */
class UpdateKernelsTest {

    private static UpdateKernels vector() {
        UpdateKernels vector = JvmProvider.vectorUpdates();
        assertNotNull(vector, "test JVMs run with jdk.incubator.vector");
        return vector;
    }

    /** w − rate·g with the product and the difference each rounded to double, then to float: in BigDecimal. */
    private static float reference(float w, float g, double rate) {
        // BigDecimal holds every double and float exactly, and its product exactly; doubleValue rounds once.
        double product = new BigDecimal(rate).multiply(new BigDecimal(g)).doubleValue();
        double difference = new BigDecimal(w).subtract(new BigDecimal(product)).doubleValue();
        return (float) difference;
    }

    @Test
    void sgdIsTheDoubleUpdateOnBothPaths() {
        for (UpdateKernels kernels : new UpdateKernels[] {UpdateKernels.scalar(), vector()}) {
            // 1 − 0.1·0.5 = 0.95, rounded to the nearest float.
            float[] w = {1f, -2f, 0.25f};
            kernels.sgd(w, new float[] {0.5f, 4f, 0f}, 0.1);
            assertArrayEquals(new float[] {0.95f, -2.4f, 0.25f}, w, 0f, kernels.getClass().getSimpleName());
        }
    }

    @Test
    void bothPathsMatchExactArithmeticAndEachOther() {
        SplittableRandom random = new SplittableRandom(20261129);
        // Lengths around the lane counts (4, 8, 16) so that the vector loop's tail is taken.
        for (int length : new int[] {0, 1, 7, 8, 9, 15, 16, 17, 33, 1000}) {
            float[] w = new float[length];
            float[] g = new float[length];
            for (int i = 0; i < length; i++) {
                w[i] = (float) random.nextGaussian(0, 0.1);
                g[i] = (float) random.nextGaussian(0, 1e-3);
            }
            float[] scalar = w.clone();
            float[] vector = w.clone();
            double rate = 0.01 + random.nextDouble() * 0.1;
            UpdateKernels.scalar().sgd(scalar, g, rate);
            vector().sgd(vector, g, rate);
            for (int i = 0; i < length; i++) {
                assertEquals(reference(w[i], g[i], rate), scalar[i], 0f, "element " + i + " of " + length);
            }
            assertArrayEquals(scalar, vector, 0f, "length " + length);
        }
    }

    @Test
    void nonFiniteAndSubnormalValuesGiveTheSameBits() {
        float[] w = {Float.NaN, Float.POSITIVE_INFINITY, 1f, Float.MIN_VALUE, -0f, 3.4e38f, 1e-30f, 0f,
                1f, 2f, Float.NEGATIVE_INFINITY, -1f, 5f, 6f, 7f, 8f, 9f};
        float[] g = {1f, 1f, Float.NaN, Float.MIN_VALUE, 0f, -3.4e38f, 1e-30f, Float.POSITIVE_INFINITY,
                0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 1e-45f};
        float[] scalar = w.clone();
        float[] vector = w.clone();
        UpdateKernels.scalar().sgd(scalar, g, 0.5);
        vector().sgd(vector, g, 0.5);
        for (int i = 0; i < w.length; i++) {
            assertEquals(Float.floatToRawIntBits(scalar[i]), Float.floatToRawIntBits(vector[i]), "element " + i);
        }
        // 3.4e38 + 0.5·3.4e38 overflows the float range: infinity, on both paths.
        assertEquals(Float.POSITIVE_INFINITY, scalar[5]);
    }

    @Test
    void mismatchedLengthsAreRejectedWithBothLengths() {
        for (UpdateKernels kernels : new UpdateKernels[] {UpdateKernels.scalar(), vector()}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> kernels.sgd(new float[3], new float[4], 0.1));
            assertEquals("3 parameters but 4 gradient values", e.getMessage());
        }
    }

    @Test
    void theVectorPathIsTheDefault() {
        // Test JVMs run with the Vector API and the default "auto" path.
        assertSame(vector(), Kernels.updates());
    }
}

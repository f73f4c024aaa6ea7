package org.actlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.actlab.activation.Activation;
import org.actlab.activation.LeakyRelu;
import org.actlab.activation.Standard;
import org.junit.jupiter.api.Test;

/**
 * The bench-only 1-bit mask route ({@link StepMaskRoute}, both bit layouts) gives the floats of the
 * scalar twin and of the shipped vector loops, forward and backward, into dZ and written over dA:
 * on every non-NaN special value of z crossed with every special value of dA (signed zeros,
 * subnormals, ±Inf, NaN payloads in dA), on random floats, and at every length to 80 and a long
 * one from odd offsets (both layouts' scalar tails). A NaN anywhere in z is reported, so that a
 * caller runs the shipped loop, which reads z.
 */
class StepMaskRouteTest {

    private static final float[] SPECIALS = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, -1e-40f,
        Float.MIN_NORMAL, -Float.MIN_NORMAL, 1f, -1f, 0.5f, -3f, Float.MAX_VALUE, -Float.MAX_VALUE,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    private static final float[] NANS = {Float.NaN, Float.intBitsToFloat(0x7fc00123), Float.intBitsToFloat(0xffc00456)};

    /** relu and leaky_relu with nonzero slopes (the route's slope 0 is relu's forward, see StepMaskRoute). */
    private static final List<Activation> FUNCTIONS = List.of(Standard.RELU, new LeakyRelu(0.01f), new LeakyRelu(-0.5f),
            new LeakyRelu(3f));

    private static float below(Activation f) {
        return f instanceof LeakyRelu leaky ? leaky.slope() : 0f;
    }

    /** Specials crossed with specials (and dA's NaNs), then random floats of every kind. */
    private static float[][] inputs() {
        float[] ups = new float[SPECIALS.length + NANS.length];
        System.arraycopy(SPECIALS, 0, ups, 0, SPECIALS.length);
        System.arraycopy(NANS, 0, ups, SPECIALS.length, NANS.length);
        int crossed = SPECIALS.length * ups.length;
        int n = crossed + 3000;
        float[] z = new float[n];
        float[] dA = new float[n];
        for (int i = 0; i < crossed; i++) {
            z[i] = SPECIALS[i / ups.length];
            dA[i] = ups[i % ups.length];
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = crossed; i < n; i++) {
            float x;
            do {
                x = i % 2 == 0 ? Float.intBitsToFloat(random.nextInt()) : (float) random.nextGaussian();
            } while (x != x);
            z[i] = x;
            dA[i] = i % 3 == 0 ? Float.intBitsToFloat(random.nextInt()) : (float) random.nextGaussian();
        }
        return new float[][] {z, dA};
    }

    @Test
    void bothLayoutsGiveTheShippedFloatsOnEveryPath() {
        float[][] in = inputs();
        float[] z = in[0];
        float[] dA = in[1];
        List<ActivationKernels> shipped = Kernels.vector() == null ? List.of(Kernels.scalar())
                : List.of(Kernels.scalar(), Kernels.vector());
        for (Activation f : FUNCTIONS) {
            for (int n : lengths(z.length)) {
                for (int offset : new int[] {0, 3}) {
                    int m = Math.min(n, z.length - offset);
                    for (ActivationKernels kernels : shipped) {
                        float[] a = new float[m];
                        float[] dZ = new float[m];
                        kernels.forward(f, z, offset, a, 0, m);
                        kernels.backward(f, z, offset, a, 0, dA, offset, dZ, 0, m, null);
                        check(f, kernels.name(), z, dA, offset, m, a, dZ);
                    }
                }
            }
        }
    }

    private static int[] lengths(int longest) {
        int[] lengths = new int[82];
        for (int n = 0; n <= 80; n++) {
            lengths[n] = n;
        }
        lengths[81] = longest;
        return lengths;
    }

    private static void check(Activation f, String path, float[] z, float[] dA, int offset, int n, float[] a, float[] dZ) {
        float below = below(f);
        String where = f.spec() + " against the " + path + " kernels, n=" + n + ", offset " + offset;
        float[] gotA = new float[n + 1];
        short[] bits = new short[StepMaskRoute.words(n)];
        assertFalse(StepMaskRoute.forward(below, z, offset, gotA, 1, bits, n), where);
        assertSameBits(a, 0, gotA, 1, n, "forward, " + where);
        float[] gotBlockedA = new float[n + 1];
        int[] blocked = new int[StepMaskRoute.blockedWords(n)];
        assertFalse(StepMaskRoute.forwardBlocked(below, z, offset, gotBlockedA, 1, blocked, n), where);
        assertSameBits(a, 0, gotBlockedA, 1, n, "blocked forward, " + where);

        float[] gotDz = new float[n + 2];
        StepMaskRoute.backward(below, bits, dA, offset, gotDz, 2, n);
        assertSameBits(dZ, 0, gotDz, 2, n, "backward, " + where);
        float[] over = dA.clone();
        StepMaskRoute.backward(below, bits, over, offset, over, offset, n);
        assertSameBits(dZ, 0, over, offset, n, "backward over dA, " + where);
        StepMaskRoute.backwardBlocked(below, blocked, dA, offset, gotDz, 2, n);
        assertSameBits(dZ, 0, gotDz, 2, n, "blocked backward, " + where);
        over = dA.clone();
        StepMaskRoute.backwardBlocked(below, blocked, over, offset, over, offset, n);
        assertSameBits(dZ, 0, over, offset, n, "blocked backward over dA, " + where);
    }

    private static void assertSameBits(float[] expected, int expectedOff, float[] got, int gotOff, int n, String where) {
        for (int i = 0; i < n; i++) {
            int index = i;
            assertEquals(Float.floatToRawIntBits(expected[expectedOff + i]), Float.floatToRawIntBits(got[gotOff + i]),
                    () -> where + ", element " + index + ": " + got[gotOff + index] + ", expected " + expected[expectedOff + index]);
        }
    }

    @Test
    void aNanAnywhereInZIsReported() {
        for (int n : new int[] {1, 15, 16, 17, 511, 512, 513, 2000}) {
            for (int at : new int[] {0, n / 2, n - 1}) {
                for (float nan : NANS) {
                    float[] z = new float[n];
                    java.util.Arrays.fill(z, -1f);
                    z[at] = nan;
                    String where = "NaN " + Integer.toHexString(Float.floatToRawIntBits(nan)) + " at " + at + " of " + n;
                    assertTrue(StepMaskRoute.forward(0.01f, z, 0, new float[n], 0, new short[StepMaskRoute.words(n)], n),
                            where);
                    assertTrue(StepMaskRoute.forwardBlocked(0.01f, z, 0, new float[n], 0,
                            new int[StepMaskRoute.blockedWords(n)], n), where);
                }
            }
        }
    }
}

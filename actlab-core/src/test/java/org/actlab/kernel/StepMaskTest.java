package org.actlab.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.activation.LeakyRelu;
import org.actlab.activation.PRelu;
import org.actlab.activation.RRelu;
import org.actlab.activation.Standard;
import org.actlab.activation.Threshold;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The step-mask passes ({@link ActivationKernels#forwardWithMask}, {@link ActivationKernels#backwardFromMask})
 * against the z-reading passes of the same path, bit for bit: random and special data, lengths
 * around the block size, offsets, in place and not, NaN in z (the fallback) and in dA; the mask's
 * documented layout and NaN word; and the kink values by hand.
 */
class StepMaskTest {

    static final List<Activation> STEPS = List.of(Standard.RELU, new LeakyRelu(0.01f), new LeakyRelu(-0.5f),
            new LeakyRelu(3f), new LeakyRelu(0f));

    /** Lengths: empty, inside one block, around the block size, several blocks with tails. */
    static final int[] LENGTHS = {0, 1, 15, 16, 17, 100, 511, 512, 513, 1023, 1024, 1040, 2048 + 37, 4096};

    static Stream<Object[]> cases() {
        return ActivationKernelsTest.kernels().flatMap(k -> STEPS.stream().map(f -> new Object[] {k, f}));
    }

    /** {@link ActivationKernelsTest#randomInputs} (all bit patterns, scales down to subnormals) with every NaN replaced. */
    static float[] withoutNaN(float[] z) {
        float[] out = z.clone();
        for (int i = 0; i < out.length; i++) {
            if (Float.isNaN(out[i])) {
                out[i] = (i & 1) == 0 ? -0f : 1e-40f * i;
            }
        }
        return out;
    }

    /**
     * The two passes' results must carry the same bits, except for two NaN cases where only NaN is
     * required: z and dA both NaN (which operand's payload a multiply keeps depends on the operand
     * order C2 picks, as in {@code ActivationKernelsTest.stepDerivativesKeepTheScalarBitsOnSpecialValues}),
     * and dA a signaling NaN (the JVM has no signaling NaNs, JVMS §2.3.2: C2 may fold a scalar
     * dA · 1 to dA and keep the signaling bit that a multiply would clear, so even one pass gives
     * either, depending on whether its scalar tail is compiled yet).
     */
    static void assertSameBits(float[] expected, float[] got, float[] z, int zOff, float[] dA, int dAOff, int off, int n,
                               String what) {
        for (int i = 0; i < got.length; i++) {
            boolean inside = i >= off && i < off + n;
            if (inside && dA != null && Float.isNaN(dA[dAOff + i - off])
                    && (Float.isNaN(z[zOff + i - off]) || (Float.floatToRawIntBits(dA[dAOff + i - off]) & 0x400000) == 0)) {
                if (!Float.isNaN(got[i])) {
                    fail(what + " at " + i + ": " + got[i] + ", expected NaN");
                }
                continue;
            }
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(got[i])) {
                fail(what + " at " + i + (inside ? " (z=" + z[zOff + i - off] + ")" : " (outside the slice)")
                        + ": " + got[i] + ", expected " + expected[i]);
            }
        }
    }

    /**
     * forwardWithMask + backwardFromMask against forward + backward on one path, for z and dA of
     * length n at the given offsets (every slice and the mask in their own array with other
     * offsets, sentinels around them), into a separate dZ and over dA.
     */
    static void check(ActivationKernels kernels, Activation f, float[] zs, float[] dAs, int n, int offset) {
        String what = kernels.name() + " " + f.spec() + " n=" + n + " offset=" + offset;
        int zOff = offset;
        int aOff = (offset * 3 + 1) % 17;
        int dAOff = (offset + 5) % 11;
        int dZOff = (offset * 7 + 2) % 13;
        int maskOff = (offset + 3) % 7;
        float[] z = new float[zOff + n + 4];
        System.arraycopy(zs, 0, z, zOff, n);
        float[] dA = new float[dAOff + n + 4];
        System.arraycopy(dAs, 0, dA, dAOff, n);

        float[] expectedA = filled(aOff + n + 5, 42f);
        kernels.forward(f, z, zOff, expectedA, aOff, n);
        float[] expectedDZ = filled(dZOff + n + 6, -7f);
        kernels.backward(f, z, zOff, expectedA, aOff, dA, dAOff, expectedDZ, dZOff, n, null);

        float[] a = filled(expectedA.length, 42f);
        int[] mask = new int[maskOff + StepMask.length(n) + 3];
        Arrays.fill(mask, 0x5a5a5a5a);
        kernels.forwardWithMask(f, z, zOff, a, aOff, mask, maskOff, n);
        assertSameBits(expectedA, a, z, zOff, null, 0, aOff, n, what + " forward");
        for (int i = 0; i < mask.length; i++) {
            if (i < maskOff || i >= maskOff + StepMask.length(n)) {
                assertEquals(0x5a5a5a5a, mask[i], what + ": mask word " + i + " outside the mask written");
            }
        }

        float[] dZ = filled(expectedDZ.length, -7f);
        kernels.backwardFromMask(f, z, zOff, mask, maskOff, dA, dAOff, dZ, dZOff, n);
        assertSameBits(expectedDZ, dZ, z, zOff, dA, dAOff, dZOff, n, what + " backward");

        // In place: dZ over dA, from the mask and from z, against the separate dZ.
        float[] over = dA.clone();
        kernels.backwardFromMask(f, z, zOff, mask, maskOff, over, dAOff, over, dAOff, n);
        float[] overFromZ = dA.clone();
        kernels.backward(f, z, zOff, expectedA, aOff, overFromZ, dAOff, overFromZ, dAOff, n, null);
        float[] expectedOver = dA.clone();
        System.arraycopy(expectedDZ, dZOff, expectedOver, dAOff, n);
        assertSameBits(expectedOver, over, z, zOff, dA, dAOff, dAOff, n, what + " backward from the mask in place");
        assertSameBits(expectedOver, overFromZ, z, zOff, dA, dAOff, dAOff, n, what + " backward from z in place");

        // Forward in place (z == a): the mask is recorded before a overwrites z.
        float[] inPlace = z.clone();
        int[] maskInPlace = new int[maskOff + StepMask.length(n)];
        kernels.forwardWithMask(f, inPlace, zOff, inPlace, zOff, maskInPlace, maskOff, n);
        float[] expectedInPlace = z.clone();
        System.arraycopy(expectedA, aOff, expectedInPlace, zOff, n);
        assertSameBits(expectedInPlace, inPlace, z, zOff, null, 0, zOff, n, what + " forward in place");
        assertArrayEquals(Arrays.copyOfRange(mask, maskOff, maskOff + StepMask.length(n)),
                Arrays.copyOfRange(maskInPlace, maskOff, maskOff + StepMask.length(n)), what + ": in-place mask");
    }

    static float[] filled(int n, float value) {
        float[] a = new float[n];
        Arrays.fill(a, value);
        return a;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void maskPassesEqualTheZReadingPassesOnRandomData(ActivationKernels kernels, Activation f) {
        float[] z = withoutNaN(ActivationKernelsTest.randomInputs(21, 4096 + 40));
        float[] dA = ActivationKernelsTest.randomInputs(22, 4096 + 40);
        for (int n : LENGTHS) {
            for (int offset : new int[] {0, 3, 12}) {
                check(kernels, f, Arrays.copyOfRange(z, offset, offset + n), Arrays.copyOfRange(dA, 3 * offset, 3 * offset + n),
                        n, offset);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void aNaNInZFallsBackToTheZReadingPassWherever(ActivationKernels kernels, Activation f) {
        float[] base = withoutNaN(ActivationKernelsTest.randomInputs(23, 1100));
        float[] dA = ActivationKernelsTest.randomInputs(24, 1100);
        float[] nans = {Float.NaN, Float.intBitsToFloat(0xffc00001), Float.intBitsToFloat(0x7f800001),
            Float.intBitsToFloat(0xff800123)};
        int n = 1100;
        for (int at : new int[] {0, 15, 16, 511, 512, 700, 1023, 1024, 1099}) {
            for (float nan : nans) {
                float[] z = base.clone();
                z[at] = nan;
                check(kernels, f, z, dA, n, at % 5);
                int[] mask = new int[StepMask.length(n)];
                kernels.forwardWithMask(f, z, 0, new float[n], 0, mask, 0, n);
                assertTrue(StepMask.sawNaN(mask, 0, n), kernels.name() + ": NaN at " + at);
            }
        }
        int[] mask = new int[StepMask.length(n)];
        kernels.forwardWithMask(f, base, 0, new float[n], 0, mask, 0, n);
        assertFalse(StepMask.sawNaN(mask, 0, n), kernels.name() + ": no NaN");
        // A NaN outside the slice is not the slice's.
        float[] z = base.clone();
        z[n - 1] = Float.NaN;
        kernels.forwardWithMask(f, z, 0, new float[n], 0, mask, 0, n - 1);
        assertFalse(StepMask.sawNaN(mask, 0, n - 1), kernels.name() + ": NaN after the slice");
    }

    /** Every special z (with and without NaN) crossed with every special dA, NaN payloads and ±∞ included. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void specialValuesCrossedGiveTheZReadingBits(ActivationKernels kernels, Activation f) {
        float[] specials = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, -1e-40f, Float.MIN_NORMAL,
            -Float.MIN_NORMAL, 1f, -1f, 3e38f, -3e38f, Float.MAX_VALUE, -Float.MAX_VALUE, 1e30f, -1e30f,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0x7fc00123),
            Float.intBitsToFloat(0xffc00456), Float.intBitsToFloat(0x7f800001), Float.intBitsToFloat(0xff800001)};
        int count = specials.length * specials.length;
        // Repeated past a block and a half, so that the crossing lands in whole blocks and in the tail.
        int n = 2 * count + 613;
        float[] z = new float[n];
        float[] dA = new float[n];
        for (int i = 0; i < n; i++) {
            z[i] = specials[i % count / specials.length];
            dA[i] = specials[i % specials.length];
        }
        check(kernels, f, z, dA, n, 1);
        check(kernels, f, withoutNaN(z), dA, n, 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.actlab.kernel.ActivationKernelsTest#kernels")
    void kinksInfinitiesAndNaNInDAAreTheProductByHand(ActivationKernels kernels) {
        // z:  +0, −0, −∞, +∞, subnormal, −subnormal, 2, −2
        float[] z = {0f, -0f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, 2f, -2f};
        float[] dA = {1f, -1f, Float.POSITIVE_INFINITY, Float.NaN, -3f, Float.NEGATIVE_INFINITY, Float.NaN, -0f};
        int n = z.length;
        int[] mask = new int[StepMask.length(n)];
        float[] a = new float[n];
        float[] dZ = new float[n];
        kernels.forwardWithMask(Standard.RELU, z, 0, a, 0, mask, 0, n);
        kernels.backwardFromMask(Standard.RELU, z, 0, mask, 0, dA, 0, dZ, 0, n);
        // relu'(±0) = 0 (so −1·0 = −0); ∞·0 = NaN; relu'(+∞) = 1; relu'(subnormal > 0) = 1; −∞·0 = NaN; NaN·1; −0·0 = −0.
        float[] expected = {0f, -0f, Float.NaN, Float.NaN, -3f, Float.NaN, Float.NaN, -0f};
        for (int i = 0; i < n; i++) {
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(dZ[i]),
                    kernels.name() + " relu' at z=" + z[i] + ", dA=" + dA[i] + ": " + dZ[i]);
        }
        assertEquals(0, Float.floatToRawIntBits(a[1]), "relu(−0) = +0");
        kernels.forwardWithMask(new LeakyRelu(0.25f), z, 0, a, 0, mask, 0, n);
        kernels.backwardFromMask(new LeakyRelu(0.25f), z, 0, mask, 0, dA, 0, dZ, 0, n);
        // leaky_relu'(±0) = slope, as PyTorch; slope·∞ = ∞.
        float[] leaky = {0.25f, -0.25f, Float.POSITIVE_INFINITY, Float.NaN, -3f, Float.NEGATIVE_INFINITY, Float.NaN, -0f};
        for (int i = 0; i < n; i++) {
            assertEquals(Float.floatToIntBits(leaky[i]), Float.floatToIntBits(dZ[i]),
                    kernels.name() + " leaky_relu' at z=" + z[i] + ", dA=" + dA[i] + ": " + dZ[i]);
        }
    }

    /** The layout as {@link StepMask}'s class comment states it, and the same words on both paths. */
    @Test
    void theMaskHasTheDocumentedLayoutOnBothPaths() {
        int n = 3 * 512 + 77;
        SplittableRandom random = new SplittableRandom(25);
        float[] z = new float[n];
        for (int i = 0; i < n; i++) {
            z[i] = (float) random.nextGaussian();
        }
        z[5] = 0f;
        z[6] = -0f;
        z[7] = Float.MIN_VALUE;
        z[8] = Float.POSITIVE_INFINITY;
        z[9] = Float.NEGATIVE_INFINITY;
        int[] expected = new int[(n + 511) / 512 * 16 + 1];
        for (int i = 0; i < n; i++) {
            if (z[i] > 0) {
                int block = i / 512;
                int row = i % 512 / 16;
                int column = i % 16;
                expected[16 * block + column] |= 1 << row;
            }
        }
        assertEquals(expected.length, StepMask.length(n));
        ActivationKernelsTest.kernels().forEach(kernels -> {
            for (Activation f : STEPS) {
                int[] mask = new int[expected.length];
                kernels.forwardWithMask(f, z, 0, new float[n], 0, mask, 0, n);
                assertArrayEquals(expected, mask, kernels.name() + " " + f.spec());
            }
        });
    }

    @Test
    void lengthsAndTheActivationsThatHaveAMask() {
        assertEquals(1, StepMask.length(0));
        assertEquals(17, StepMask.length(1));
        assertEquals(17, StepMask.length(512));
        assertEquals(33, StepMask.length(513));
        assertEquals(1 + 2048 * 16, StepMask.length(1 << 20));
        assertThrows(IllegalArgumentException.class, () -> StepMask.length(-1));
        assertTrue(StepMask.applies(Standard.RELU));
        assertTrue(StepMask.applies(new LeakyRelu()));
        assertTrue(StepMask.applies(new LeakyRelu(0f)));
        for (Activation f : List.of(Standard.RELU6, Standard.SIGMOID, Standard.IDENTITY, new PRelu(0.25f), new RRelu(),
                new Threshold(0f, 0f), Activations.parse("thresholded_relu"))) {
            assertFalse(StepMask.applies(f), f.spec());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.actlab.kernel.ActivationKernelsTest#kernels")
    void wrongActivationsAndShortMasksAreRejectedWithTheNumbers(ActivationKernels kernels) {
        float[] z = new float[600];
        int[] mask = new int[StepMask.length(600)];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> kernels.forwardWithMask(new PRelu(0.25f), z, 0, z, 0, mask, 0, 600));
        assertTrue(e.getMessage().contains("prelu"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> kernels.backwardFromMask(Standard.SIGMOID, z, 0, mask, 0, z, 0, z, 0, 600));
        IndexOutOfBoundsException o = assertThrows(IndexOutOfBoundsException.class,
                () -> kernels.forwardWithMask(Standard.RELU, z, 0, new float[600], 0, mask, 1, 600));
        assertTrue(o.getMessage().contains("offset 1") && o.getMessage().contains("length 33"), o.getMessage());
        assertThrows(IndexOutOfBoundsException.class,
                () -> kernels.backwardFromMask(Standard.RELU, z, 0, new int[32], 0, z, 0, z, 0, 600));
        assertThrows(IndexOutOfBoundsException.class,
                () -> kernels.backwardFromMask(Standard.RELU, z, 0, mask, 0, z, 1, z, 0, 600));
        assertThrows(IndexOutOfBoundsException.class,
                () -> kernels.forwardWithMask(Standard.RELU, z, 1, z, 0, mask, 0, 600));
    }
}

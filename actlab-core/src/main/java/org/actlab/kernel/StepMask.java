package org.actlab.kernel;

import java.util.Arrays;
import org.actlab.activation.Activation;
import org.actlab.activation.Kind;
import org.actlab.activation.LeakyRelu;
import org.actlab.activation.Standard;

/**
 * The step mask of relu and leaky_relu, stated once for both kernel paths: which activations have
 * one, its layout, and its NaN rule. {@link ActivationKernels#forwardWithMask} records z &gt; 0 as one
 * bit per element while it computes a = f(z); {@link ActivationKernels#backwardFromMask} then forms
 * dZ = dA · f'(z) from dA and the bits, without reading z: 4.125 bytes read per element instead of
 * 8, which is what lets the backward pass keep up with a copy at 1M floats (issue 11 target 3;
 * docs/BENCHMARKS.md, "relu′ in place and from a 1-bit mask" and "The step mask in the kernels").
 *
 * <p>Only relu and leaky_relu: f' takes two values, 1 for z &gt; 0 and {@link #below} otherwise
 * (0 for relu, the slope for leaky_relu, at z = ±0 too), so one bit says which. Every other
 * activation keeps the z-reading backward pass.
 *
 * <p>Layout (int words, the same on both paths, so that the scalar twin needs no Vector API):
 * elements go in blocks of {@value #BLOCK}; block b owns the {@value #WIDTH} ints from
 * {@code WIDTH·b}, and bit j of the block's int l belongs to its element {@code WIDTH·j + l}. A
 * 16-lane vector of the block's j-th row of 16 elements thus finds its bits at shift j in 16
 * consecutive ints, and neither pass moves bits between lanes (no {@code VectorMask} conversion,
 * which JDK 17 may not intrinsify). A last, partial block keeps the same places. After the
 * blocks, one int records whether any z was NaN.
 *
 * <p>NaN: a bit cannot hold f'(NaN), which is the NaN itself. When the forward pass saw a NaN z,
 * the backward pass reads z for the whole slice, exactly as {@link ActivationKernels#backward}, so
 * the result is always that pass's bits. (The bit of a NaN is the sign-clear test below; unused.)
 */
public final class StepMask {

    /** Ints per block, one per element of a row: the lanes of a 512-bit float vector. */
    static final int WIDTH = 16;
    /** Elements per block: 32 rows of {@link #WIDTH}, one bit of each int per row. */
    static final int BLOCK = Integer.SIZE * WIDTH;

    private StepMask() {
    }

    /** Whether f's backward pass can run from a step mask: relu and leaky_relu (any slope). */
    public static boolean applies(Activation f) {
        return f == Standard.RELU || Kind.of(f) == Kind.LEAKY_RELU;
    }

    /**
     * Ints a step mask of n elements takes: {@value #WIDTH} per started block of {@value #BLOCK},
     * and the NaN word.
     */
    public static int length(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("a step mask needs n >= 0 elements, got " + n);
        }
        return (n / BLOCK + (n % BLOCK == 0 ? 0 : 1)) * WIDTH + 1;
    }

    /** Whether the forward pass that recorded this mask of n elements saw a NaN z. */
    public static boolean sawNaN(int[] mask, int maskOff, int n) {
        return mask[maskOff + length(n) - 1] != 0;
    }

    /** f'(z) for z &lt;= 0 (also ±0 and −∞): relu's 0, leaky_relu's slope. */
    static float below(Activation f) {
        return f == Standard.RELU ? 0f : ((LeakyRelu) f).slope();
    }

    /**
     * z &gt; 0 as 0 or 1 from z's bits b: (~b &amp; −b) has its sign bit set exactly when b's sign is
     * clear and b ≠ 0 (so also for a NaN with the sign clear, which the NaN word covers). Integer
     * operations only, as the vector loops compute it lane by lane.
     */
    static int bit(float z) {
        int b = Float.floatToRawIntBits(z);
        return (~b & -b) >>> 31;
    }

    /** The int of a slice's element i, relative to the mask's offset. */
    static int word(int i) {
        return i / BLOCK * WIDTH + i % WIDTH;
    }

    /** The place of element i's bit in its int. */
    static int shift(int i) {
        return i % BLOCK / WIDTH;
    }

    /**
     * The bits of elements [from, n) of z into the mask (from a multiple of {@value #BLOCK}; the
     * blocks' words are cleared first), without the NaN word; returns whether any of them was NaN.
     */
    static boolean recordBits(float[] z, int zOff, int[] mask, int maskOff, int from, int n) {
        Arrays.fill(mask, maskOff + word(from), maskOff + length(n) - 1, 0);
        boolean nan = false;
        for (int i = from; i < n; i++) {
            float x = z[zOff + i];
            nan |= x != x;
            mask[maskOff + word(i)] |= bit(x) << shift(i);
        }
        return nan;
    }

    /** Writes the NaN word of a mask of n elements. */
    static void recordNaN(int[] mask, int maskOff, int n, boolean nan) {
        mask[maskOff + length(n) - 1] = nan ? 1 : 0;
    }

    /**
     * dZ = dA · (1 where the bit is set, else {@code below}) for elements [from, n): the product of
     * the z-reading backward loops, with the same two factors. The scalar twin's loop, and the
     * vector loop's tail.
     */
    static void multiply(float below, int[] mask, int maskOff, float[] dA, int dAOff, float[] dZ, int dZOff,
                         int from, int n) {
        for (int i = from; i < n; i++) {
            boolean above = (mask[maskOff + word(i)] >>> shift(i) & 1) != 0;
            dZ[dZOff + i] = dA[dAOff + i] * (above ? 1f : below);
        }
    }

    /** The checks of {@link ActivationKernels#forwardWithMask} on every path. */
    static void checkForward(Activation f, float[] z, int zOff, float[] a, int aOff, int[] mask, int maskOff, int n) {
        check(f, mask, maskOff, n);
        ActivationKernels.checkSlice("z", z, zOff, n);
        ActivationKernels.checkSlice("a", a, aOff, n);
    }

    /** The checks of {@link ActivationKernels#backwardFromMask} on every path. */
    static void checkBackward(Activation f, float[] z, int zOff, int[] mask, int maskOff, float[] dA, int dAOff,
                              float[] dZ, int dZOff, int n) {
        check(f, mask, maskOff, n);
        ActivationKernels.checkSlice("z", z, zOff, n);
        ActivationKernels.checkSlice("dA", dA, dAOff, n);
        ActivationKernels.checkSlice("dZ", dZ, dZOff, n);
    }

    /** The checks of both passes: f has a step mask, and the mask of n elements lies inside its array. */
    private static void check(Activation f, int[] mask, int maskOff, int n) {
        if (!applies(f)) {
            throw new IllegalArgumentException(f.spec() + " has no step mask: only relu and leaky_relu do");
        }
        int length = length(n);
        if (maskOff < 0 || maskOff > mask.length - length) {
            throw new IndexOutOfBoundsException("mask: offset " + maskOff + " + length " + length + " for " + n
                    + " elements outside array of length " + mask.length);
        }
    }
}

package org.actlab.kernel;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.actlab.activation.Activation;
import org.actlab.activation.Kind;
import org.actlab.activation.RRelu;

/**
 * Bulk activation kernels over {@code float[]} slices, writing into buffers the caller supplies.
 *
 * <p>Two implementations exist with the same results to the accuracy contract of
 * {@link Activation}: a scalar twin and a Vector API one. {@link Kernels#activations()} returns the
 * one chosen at start-up. Slices may not overlap unless they are the same slice: in-place use
 * {@code z == a, zOff == aOff} is allowed for every forward pass, and {@code dZ == dA, dZOff == dAOff}
 * for the backward passes of the activations with a {@link StepMask} (relu, leaky_relu), from z or
 * from the mask: they read each element's dA before they write its dZ and never read it again.
 */
public interface ActivationKernels {

    /** A short name for reports: {@code "scalar"} or {@code "vector(512 bit)"}. */
    String name();

    /** a[aOff + i] = f(z[zOff + i]) for i in [0, n). */
    void forward(Activation f, float[] z, int zOff, float[] a, int aOff, int n);

    /**
     * The training-time forward pass. For stochastic activations (rrelu) it draws from
     * {@code rng}: one slope per element with z &lt;= 0, in element order (none for z > 0 or NaN, as
     * PyTorch); for all others it equals {@link #forward}. Written once, here, for every
     * implementation: the draws are serial by nature, so each path runs the scalar twin's rrelu
     * loop and all consume the same stream.
     */
    default void forwardTraining(Activation f, float[] z, int zOff, float[] a, int aOff, int n, RandomGenerator rng) {
        if (Kind.of(f) == Kind.RRELU) {
            checkSlice("z", z, zOff, n);
            checkSlice("a", a, aOff, n);
            ScalarActivationKernels.rreluTraining((RRelu) f, z, zOff, a, aOff, n, rng);
        } else {
            forward(f, z, zOff, a, aOff, n);
        }
    }

    /**
     * dZ[dZOff + i] = dA[dAOff + i] * f'(z[zOff + i]) for i in [0, n), where {@code a} holds the
     * forward outputs for the same z (kernels may use them where that keeps full accuracy).
     *
     * <p>rrelu needs {@code a}: its backward recovers each element's training slope as a/z
     * (for finite z &lt; 0; the inference slope at z = 0 and z = −∞), so pass the outputs of the
     * {@link #forwardTraining} call being differentiated.
     *
     * <p>For activations with learnable parameters, {@code dParams[j]} is incremented by
     * sum_i dA_i * df/dθ_j(z_i); pass {@code null} or an empty array to skip that.
     */
    void backward(Activation f, float[] z, int zOff, float[] a, int aOff, float[] dA, int dAOff,
                  float[] dZ, int dZOff, int n, float[] dParams);

    /**
     * {@link #forward}, and f's {@link StepMask} of the same z into
     * {@code mask[maskOff, maskOff + StepMask.length(n))}: the z &gt; 0 bits and whether any z was
     * NaN, for {@link #backwardFromMask}. a gets the same bits as from {@link #forward}; a may be z
     * (in place), though then the backward pass cannot read z should the mask record a NaN. The
     * scalar twin runs this default (the bits, then {@link #forward}); the vector path does both
     * in one pass.
     *
     * @throws IllegalArgumentException when f has no step mask ({@link StepMask#applies})
     */
    default void forwardWithMask(Activation f, float[] z, int zOff, float[] a, int aOff, int[] mask, int maskOff, int n) {
        // The scalar twin's pass, and any other implementation's: the bits first (z may be a), then its forward.
        StepMask.checkForward(f, z, zOff, a, aOff, mask, maskOff, n);
        StepMask.recordNaN(mask, maskOff, n, StepMask.recordBits(z, zOff, mask, maskOff, 0, n));
        forward(f, z, zOff, a, aOff, n);
    }

    /**
     * dZ = dA · f'(z) from the {@link StepMask} that {@link #forwardWithMask} recorded for these z:
     * bit for bit what {@link #backward} gives (it takes the product, so NaN or ±∞ in dA times a
     * slope of 0 gives NaN as there; as there, a NaN dA gives NaN whose signaling bit the JVM does
     * not fix, JVMS §2.3.2). Reads dA and the bits only, unless the mask records a NaN z:
     * then it reads z, which must still hold the forward pass's inputs, and runs {@link #backward}'s
     * loop. dZ may be dA (in place). The bits do not depend on the slope, so the mask of any
     * activation with one serves.
     *
     * @throws IllegalArgumentException when f has no step mask ({@link StepMask#applies})
     */
    default void backwardFromMask(Activation f, float[] z, int zOff, int[] mask, int maskOff, float[] dA, int dAOff,
                                  float[] dZ, int dZOff, int n) {
        StepMask.checkBackward(f, z, zOff, mask, maskOff, dA, dAOff, dZ, dZOff, n);
        if (StepMask.sawNaN(mask, maskOff, n)) {
            // relu and leaky_relu read neither a nor learnable parameters: z stands in for a.
            backward(f, z, zOff, z, zOff, dA, dAOff, dZ, dZOff, n, null);
        } else {
            StepMask.multiply(StepMask.below(f), mask, maskOff, dA, dAOff, dZ, dZOff, 0, n);
        }
    }

    /**
     * f and f' at every point of {@code z}: {@link #forward}, then {@link #backward} with dL/da = 1,
     * so the derivatives are the ones the training path computes (learnable parameters' gradients
     * are skipped). For {@code actlab eval}, the experiments and the tests that check the kernels
     * point by point; it allocates its arrays, so the training loop calls the two passes itself,
     * on buffers it owns.
     */
    default Evaluated evaluate(Activation f, float[] z) {
        int n = z.length;
        float[] a = new float[n];
        float[] ones = new float[n];
        float[] dZ = new float[n];
        Arrays.fill(ones, 1f);
        forward(f, z, 0, a, 0, n);
        backward(f, z, 0, a, 0, ones, 0, dZ, 0, n, null);
        return new Evaluated(a, dZ);
    }

    /**
     * What {@link #evaluate} returns; the arrays are the caller's.
     *
     * @param values f(z[i])
     * @param slopes f'(z[i]), from the backward pass with dL/da = 1
     */
    record Evaluated(float[] values, float[] slopes) {
    }

    /** Checks that a slice lies inside its array, with a message that names the numbers. */
    static void checkSlice(String what, float[] array, int offset, int n) {
        if (offset < 0 || n < 0 || offset > array.length - n) {
            throw new IndexOutOfBoundsException(what + ": offset " + offset + " + length " + n
                    + " outside array of length " + array.length);
        }
    }
}

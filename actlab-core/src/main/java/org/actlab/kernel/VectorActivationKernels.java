package org.actlab.kernel;

import java.util.random.RandomGenerator;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.actlab.activation.Activation;
import org.actlab.activation.Celu;
import org.actlab.activation.Elu;
import org.actlab.activation.HardTanh;
import org.actlab.activation.LeakyRelu;
import org.actlab.activation.PRelu;
import org.actlab.activation.RRelu;
import org.actlab.activation.Standard;
import org.actlab.activation.Threshold;
import org.actlab.activation.ThresholdedRelu;

/**
 * The Vector API kernels. The only place in actlab that touches {@code jdk.incubator.vector},
 * together with the other {@code Vector*} classes of this package.
 *
 * <p>Vectorised in double lanes ({@link VectorTranscendentals}): sigmoid, tanh, elu, selu, celu,
 * exponential, gaussian, rectified_tanh, softsign, cube, sparse_plus and hard_swish, forward and
 * backward; silu, gelu_tanh and hard_sigmoid forward.
 * In float lanes ({@link VectorPiecewise}): identity, relu, relu6, leaky_relu, prelu (with its slope
 * gradient), rrelu (inference forward and backward), hard_tanh, threshold, thresholded_relu, and
 * hard_sigmoid backward. Everything else, the backward passes of silu and gelu_tanh, and rrelu's
 * training forward (a sequential random stream) run the scalar twin.
 */
final class VectorActivationKernels implements ActivationKernels {

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    @Override
    public String name() {
        return "vector(" + F.vectorBitSize() + " bit)";
    }

    @Override
    public void forward(Activation f, float[] z, int zOff, float[] a, int aOff, int n) {
        ActivationKernels.checkSlice("z", z, zOff, n);
        ActivationKernels.checkSlice("a", a, aOff, n);
        if (f instanceof Standard) {
            switch ((Standard) f) {
                case IDENTITY:
                    System.arraycopy(z, zOff, a, aOff, n);
                    return;
                case SIGMOID:
                    VectorTranscendentals.sigmoidForward(z, zOff, a, aOff, n);
                    return;
                case TANH:
                    VectorTranscendentals.tanhForward(z, zOff, a, aOff, n);
                    return;
                case RELU:
                    VectorPiecewise.thresholdForward(f, 0f, 0f, z, zOff, a, aOff, n);
                    return;
                case RELU6:
                    VectorPiecewise.clampForward(f, 0f, true, 6f, z, zOff, a, aOff, n);
                    return;
                case SELU:
                    VectorTranscendentals.seluForward(z, zOff, a, aOff, n);
                    return;
                case EXPONENTIAL:
                    VectorTranscendentals.exponentialForward(z, zOff, a, aOff, n);
                    return;
                case SILU:
                    VectorTranscendentals.siluForward(z, zOff, a, aOff, n);
                    return;
                case GELU_TANH:
                    VectorTranscendentals.geluTanhForward(z, zOff, a, aOff, n);
                    return;
                case HARD_SIGMOID:
                    VectorTranscendentals.hardSigmoidForward(z, zOff, a, aOff, n);
                    return;
                case HARD_SWISH:
                    VectorTranscendentals.hardSwishForward(z, zOff, a, aOff, n);
                    return;
                case SOFTSIGN:
                    VectorTranscendentals.softsignForward(z, zOff, a, aOff, n);
                    return;
                case CUBE:
                    VectorTranscendentals.cubeForward(z, zOff, a, aOff, n);
                    return;
                case SPARSE_PLUS:
                    VectorTranscendentals.sparsePlusForward(z, zOff, a, aOff, n);
                    return;
                case GAUSSIAN:
                    VectorTranscendentals.gaussianForward(z, zOff, a, aOff, n);
                    return;
                case RECTIFIED_TANH:
                    VectorTranscendentals.rectifiedTanhForward(z, zOff, a, aOff, n);
                    return;
                default:
                    break;
            }
        } else if (f instanceof LeakyRelu && ((LeakyRelu) f).slope() != 0) {
            VectorPiecewise.leakyForward(f, ((LeakyRelu) f).slope(), z, zOff, a, aOff, n);
            return;
        } else if (f instanceof PRelu && ((PRelu) f).slope() != 0) {
            VectorPiecewise.leakyForward(f, ((PRelu) f).slope(), z, zOff, a, aOff, n);
            return;
        } else if (f instanceof RRelu && ((RRelu) f).inferenceSlope() != 0) {
            VectorPiecewise.leakyForward(f, ((RRelu) f).inferenceSlope(), z, zOff, a, aOff, n);
            return;
        } else if (f instanceof Elu) {
            VectorTranscendentals.eluForward(((Elu) f).alpha(), z, zOff, a, aOff, n);
            return;
        } else if (f instanceof Celu) {
            VectorTranscendentals.celuForward(((Celu) f).alpha(), z, zOff, a, aOff, n);
            return;
        } else if (f instanceof HardTanh) {
            HardTanh h = (HardTanh) f;
            VectorPiecewise.clampForward(f, h.min(), false, h.max(), z, zOff, a, aOff, n);
            return;
        } else if (f instanceof Threshold) {
            Threshold t = (Threshold) f;
            VectorPiecewise.thresholdForward(f, t.threshold(), t.value(), z, zOff, a, aOff, n);
            return;
        } else if (f instanceof ThresholdedRelu) {
            VectorPiecewise.thresholdForward(f, ((ThresholdedRelu) f).theta(), 0f, z, zOff, a, aOff, n);
            return;
        }
        ScalarActivationKernels.forwardUnchecked(f, z, zOff, a, aOff, n);
    }

    @Override
    public void forwardTraining(Activation f, float[] z, int zOff, float[] a, int aOff, int n, RandomGenerator rng) {
        if (f instanceof RRelu) {
            ActivationKernels.checkSlice("z", z, zOff, n);
            ActivationKernels.checkSlice("a", a, aOff, n);
            // One draw per non-positive element, in order: the same stream as the scalar twin.
            ScalarActivationKernels.rreluTraining((RRelu) f, z, zOff, a, aOff, n, rng);
        } else {
            forward(f, z, zOff, a, aOff, n);
        }
    }

    @Override
    public void backward(Activation f, float[] z, int zOff, float[] a, int aOff, float[] dA, int dAOff,
                         float[] dZ, int dZOff, int n, float[] dParams) {
        ActivationKernels.checkSlice("z", z, zOff, n);
        ActivationKernels.checkSlice("dA", dA, dAOff, n);
        ActivationKernels.checkSlice("dZ", dZ, dZOff, n);
        if (f instanceof PRelu) {
            PRelu p = (PRelu) f;
            VectorPiecewise.leakyBackward(f, p.slope(), z, zOff, dA, dAOff, dZ, dZOff, n);
            if (dParams != null && dParams.length > 0) {
                dParams[0] += (float) VectorPiecewise.leakySlopeGradient(z, zOff, dA, dAOff, n);
            }
            return;
        }
        if (!backwardWithoutParameters(f, z, zOff, a, aOff, dA, dAOff, dZ, dZOff, n)) {
            ScalarActivationKernels.backwardUnchecked(f, z, zOff, a, aOff, dA, dAOff, dZ, dZOff, n);
        }
        ScalarActivationKernels.accumulateParameterGradients(f, z, zOff, dA, dAOff, n, dParams);
    }

    /** The vectorised backward passes of activations without learnable parameters; false if none applies. */
    private static boolean backwardWithoutParameters(Activation f, float[] z, int zOff, float[] a, int aOff,
                                                     float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        if (f instanceof Standard) {
            switch ((Standard) f) {
                case IDENTITY:
                    VectorPiecewise.identityBackward(f, z, zOff, dA, dAOff, dZ, dZOff, n);
                    return true;
                case SIGMOID:
                    VectorTranscendentals.sigmoidBackward(z, zOff, dA, dAOff, dZ, dZOff, n);
                    return true;
                case TANH:
                    VectorTranscendentals.tanhBackward(z, zOff, dA, dAOff, dZ, dZOff, n);
                    return true;
                case RELU:
                    VectorPiecewise.thresholdBackward(f, 0f, z, zOff, dA, dAOff, dZ, dZOff, n);
                    return true;
                case RELU6:
                    VectorPiecewise.intervalBackward(f, 0f, 6f, 1f, z, zOff, dA, dAOff, dZ, dZOff, n);
                    return true;
                case SELU:
                    VectorTranscendentals.seluBackward(z, zOff, dA, dAOff, dZ, dZOff, n);
                    return true;
                case EXPONENTIAL:
                    VectorTranscendentals.exponentialBackward(z, zOff, dA, dAOff, dZ, dZOff, n);
                    return true;
                case HARD_SIGMOID:
                    // 1/6 in float: the scalar's (float) (1.0 / 6), the same correctly rounded value.
                    VectorPiecewise.intervalBackward(f, -3f, 3f, 1f / 6, z, zOff, dA, dAOff, dZ, dZOff, n);
                    return true;
                case HARD_SWISH:
                    VectorTranscendentals.hardSwishBackward(z, zOff, dA, dAOff, dZ, dZOff, n);
                    return true;
                case SOFTSIGN:
                    VectorTranscendentals.softsignBackward(z, zOff, dA, dAOff, dZ, dZOff, n);
                    return true;
                case CUBE:
                    VectorTranscendentals.cubeBackward(z, zOff, dA, dAOff, dZ, dZOff, n);
                    return true;
                case SPARSE_PLUS:
                    VectorTranscendentals.sparsePlusBackward(z, zOff, dA, dAOff, dZ, dZOff, n);
                    return true;
                case GAUSSIAN:
                    VectorTranscendentals.gaussianBackward(z, zOff, dA, dAOff, dZ, dZOff, n);
                    return true;
                case RECTIFIED_TANH:
                    VectorTranscendentals.rectifiedTanhBackward(z, zOff, dA, dAOff, dZ, dZOff, n);
                    return true;
                default:
                    return false;
            }
        }
        if (f instanceof LeakyRelu) {
            VectorPiecewise.leakyBackward(f, ((LeakyRelu) f).slope(), z, zOff, dA, dAOff, dZ, dZOff, n);
            return true;
        }
        if (f instanceof RRelu) {
            ActivationKernels.checkSlice("a", a, aOff, n);
            VectorPiecewise.rreluBackward((RRelu) f, z, zOff, a, aOff, dA, dAOff, dZ, dZOff, n);
            return true;
        }
        if (f instanceof Elu) {
            VectorTranscendentals.eluBackward(((Elu) f).alpha(), z, zOff, dA, dAOff, dZ, dZOff, n);
            return true;
        }
        if (f instanceof Celu) {
            VectorTranscendentals.celuBackward(((Celu) f).alpha(), z, zOff, dA, dAOff, dZ, dZOff, n);
            return true;
        }
        if (f instanceof HardTanh) {
            HardTanh h = (HardTanh) f;
            VectorPiecewise.intervalBackward(f, h.min(), h.max(), 1f, z, zOff, dA, dAOff, dZ, dZOff, n);
            return true;
        }
        if (f instanceof Threshold) {
            VectorPiecewise.thresholdBackward(f, ((Threshold) f).threshold(), z, zOff, dA, dAOff, dZ, dZOff, n);
            return true;
        }
        if (f instanceof ThresholdedRelu) {
            VectorPiecewise.thresholdBackward(f, ((ThresholdedRelu) f).theta(), z, zOff, dA, dAOff, dZ, dZOff, n);
            return true;
        }
        return false;
    }
}

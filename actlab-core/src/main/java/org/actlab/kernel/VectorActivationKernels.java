package org.actlab.kernel;

import java.util.Map;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.actlab.activation.Activation;
import org.actlab.activation.Celu;
import org.actlab.activation.Elu;
import org.actlab.activation.HardShrink;
import org.actlab.activation.HardTanh;
import org.actlab.activation.Isru;
import org.actlab.activation.Kind;
import org.actlab.activation.LeakyRelu;
import org.actlab.activation.PRelu;
import org.actlab.activation.RRelu;
import org.actlab.activation.SoftShrink;
import org.actlab.activation.Softplus;
import org.actlab.activation.Squareplus;
import org.actlab.activation.Standard;
import org.actlab.activation.Threshold;
import org.actlab.activation.ThresholdedRelu;

/**
 * The Vector API kernels. The only place in actlab that touches {@code jdk.incubator.vector},
 * together with the other {@code Vector*} classes of this package.
 *
 * <p>Which class computes what: {@link VectorTranscendentals} (double lanes, one exp core):
 * sigmoid, tanh, elu, selu, celu, exponential, gaussian, rectified_tanh, softsign, cube,
 * sparse_plus, hard_swish forward and backward, silu, gelu_tanh, hard_sigmoid forward;
 * {@link VectorSmooth} (double lanes, on that exp core): softplus, log_sigmoid, mish forward and
 * backward, silu and gelu_tanh backward; {@link VectorAlgebraic} (double lanes, the scalar's own
 * operations): isru, squareplus, bent_identity, rational_tanh, arctan; {@link VectorPiecewise} (float lanes): identity,
 * relu, relu6, leaky_relu, prelu (with its slope gradient), rrelu (inference forward, backward),
 * hard_tanh, threshold, thresholded_relu, softshrink, hardshrink, hard_sigmoid backward. What runs
 * the scalar twin instead is listed with the reason in {@link #SCALAR_FORWARD} and
 * {@link #SCALAR_BACKWARD}; rrelu's training forward (a sequential random stream) also does.
 */
final class VectorActivationKernels implements ActivationKernels {

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    /*
     * The documented opt-outs: catalogue functions (by id, at their catalogue defaults) whose
     * forward or backward pass runs the scalar twin on this path, and why. The catalogue test
     * fails when a function falls back without an entry here, or has an entry but a vector loop.
     */
    private static final String NOT_YET = "not vectorised yet: the scalar twin runs";

    /** Forward passes that run the scalar twin. */
    static final Map<String, String> SCALAR_FORWARD = Map.ofEntries(
            Map.entry("gelu", NOT_YET + " (needs a vector erfc within 1 ULP)"),
            Map.entry("tanhshrink", NOT_YET),
            Map.entry("sin", "no vector sin: the scalar's Math.sin has a full-range argument reduction"));

    /** Backward passes that run the scalar twin. */
    static final Map<String, String> SCALAR_BACKWARD = Map.ofEntries(
            Map.entry("gelu", NOT_YET + " (needs a vector erfc within 1 ULP)"),
            Map.entry("tanhshrink", NOT_YET),
            Map.entry("sin", "no vector cos: the scalar's Math.cos has a full-range argument reduction"));

    @Override
    public String name() {
        return "vector(" + F.vectorBitSize() + " bit)";
    }

    @Override
    public void forward(Activation f, float[] z, int zOff, float[] a, int aOff, int n) {
        ActivationKernels.checkSlice("z", z, zOff, n);
        ActivationKernels.checkSlice("a", a, aOff, n);
        if (!forwardFast(f, z, zOff, a, aOff, n)) {
            ScalarActivationKernels.forwardUnchecked(f, z, zOff, a, aOff, n);
        }
    }

    /** The vector forward loop for f, or false (having written nothing) where the scalar twin runs. */
    static boolean forwardFast(Activation f, float[] z, int zOff, float[] a, int aOff, int n) {
        switch (Kind.of(f)) {
            case STANDARD:
                return standardForward((Standard) f, z, zOff, a, aOff, n);
            case LEAKY_RELU:
                return leakyForward(f, ((LeakyRelu) f).slope(), z, zOff, a, aOff, n);
            case PRELU:
                return leakyForward(f, ((PRelu) f).slope(), z, zOff, a, aOff, n);
            case RRELU:
                return leakyForward(f, ((RRelu) f).inferenceSlope(), z, zOff, a, aOff, n);
            case ELU:
                VectorTranscendentals.eluForward(((Elu) f).alpha(), z, zOff, a, aOff, n);
                return true;
            case CELU:
                VectorTranscendentals.celuForward(((Celu) f).alpha(), z, zOff, a, aOff, n);
                return true;
            case SOFTPLUS: {
                Softplus p = (Softplus) f;
                VectorSmooth.softplusForward(p.beta(), p.threshold(), z, zOff, a, aOff, n);
                return true;
            }
            case SOFT_SHRINK:
                VectorPiecewise.shrinkForward(f, ((SoftShrink) f).lambda(), true, z, zOff, a, aOff, n);
                return true;
            case HARD_SHRINK:
                VectorPiecewise.shrinkForward(f, ((HardShrink) f).lambda(), false, z, zOff, a, aOff, n);
                return true;
            case ISRU:
                VectorAlgebraic.isruForward(f, ((Isru) f).alpha(), z, zOff, a, aOff, n);
                return true;
            case SQUAREPLUS:
                VectorAlgebraic.squareplusForward(f, ((Squareplus) f).b(), z, zOff, a, aOff, n);
                return true;
            case HARD_TANH: {
                HardTanh h = (HardTanh) f;
                VectorPiecewise.clampForward(f, h.min(), false, h.max(), z, zOff, a, aOff, n);
                return true;
            }
            case THRESHOLD: {
                Threshold t = (Threshold) f;
                VectorPiecewise.thresholdForward(f, t.threshold(), t.value(), z, zOff, a, aOff, n);
                return true;
            }
            case THRESHOLDED_RELU:
                VectorPiecewise.thresholdForward(f, ((ThresholdedRelu) f).theta(), 0f, z, zOff, a, aOff, n);
                return true;
            default:
                return false;
        }
    }

    /** Slope 0 stays scalar: its 0 · x would give −0 for x &lt; 0 where the scalar gives +0. */
    private static boolean leakyForward(Activation f, float slope, float[] z, int zOff, float[] a, int aOff, int n) {
        if (slope == 0) {
            return false;
        }
        VectorPiecewise.leakyForward(f, slope, z, zOff, a, aOff, n);
        return true;
    }

    private static boolean standardForward(Standard f, float[] z, int zOff, float[] a, int aOff, int n) {
        switch (f) {
            case IDENTITY:
                System.arraycopy(z, zOff, a, aOff, n);
                return true;
            case SIGMOID:
                VectorTranscendentals.sigmoidForward(z, zOff, a, aOff, n);
                return true;
            case TANH:
                VectorTranscendentals.tanhForward(z, zOff, a, aOff, n);
                return true;
            case RELU:
                VectorPiecewise.thresholdForward(f, 0f, 0f, z, zOff, a, aOff, n);
                return true;
            case RELU6:
                VectorPiecewise.clampForward(f, 0f, true, 6f, z, zOff, a, aOff, n);
                return true;
            case SELU:
                VectorTranscendentals.seluForward(z, zOff, a, aOff, n);
                return true;
            case EXPONENTIAL:
                VectorTranscendentals.exponentialForward(z, zOff, a, aOff, n);
                return true;
            case SILU:
                VectorTranscendentals.siluForward(z, zOff, a, aOff, n);
                return true;
            case GELU_TANH:
                VectorTranscendentals.geluTanhForward(z, zOff, a, aOff, n);
                return true;
            case HARD_SIGMOID:
                VectorTranscendentals.hardSigmoidForward(z, zOff, a, aOff, n);
                return true;
            case HARD_SWISH:
                VectorTranscendentals.hardSwishForward(z, zOff, a, aOff, n);
                return true;
            case SOFTSIGN:
                VectorTranscendentals.softsignForward(z, zOff, a, aOff, n);
                return true;
            case CUBE:
                VectorTranscendentals.cubeForward(z, zOff, a, aOff, n);
                return true;
            case SPARSE_PLUS:
                VectorTranscendentals.sparsePlusForward(z, zOff, a, aOff, n);
                return true;
            case GAUSSIAN:
                VectorTranscendentals.gaussianForward(z, zOff, a, aOff, n);
                return true;
            case RECTIFIED_TANH:
                VectorTranscendentals.rectifiedTanhForward(z, zOff, a, aOff, n);
                return true;
            case LOG_SIGMOID:
                VectorSmooth.logSigmoidForward(z, zOff, a, aOff, n);
                return true;
            case MISH:
                VectorSmooth.mishForward(z, zOff, a, aOff, n);
                return true;
            case BENT_IDENTITY:
                VectorAlgebraic.bentIdentityForward(f, z, zOff, a, aOff, n);
                return true;
            case RATIONAL_TANH:
                VectorAlgebraic.rationalTanhForward(f, z, zOff, a, aOff, n);
                return true;
            case ARCTAN:
                VectorAlgebraic.arctanForward(f, z, zOff, a, aOff, n);
                return true;
            default:
                return false;
        }
    }

    @Override
    public void backward(Activation f, float[] z, int zOff, float[] a, int aOff, float[] dA, int dAOff,
                         float[] dZ, int dZOff, int n, float[] dParams) {
        ScalarActivationKernels.checkBackward(f, z, zOff, a, aOff, dA, dAOff, dZ, dZOff, n);
        if (!backwardFast(f, z, zOff, a, aOff, dA, dAOff, dZ, dZOff, n)) {
            ScalarActivationKernels.backwardUnchecked(f, z, zOff, a, aOff, dA, dAOff, dZ, dZOff, n);
        }
        if (Kind.of(f) == Kind.PRELU) {
            if (dParams != null && dParams.length > 0) {
                dParams[0] += (float) VectorPiecewise.leakySlopeGradient(z, zOff, dA, dAOff, n);
            }
            return;
        }
        ScalarActivationKernels.accumulateParameterGradients(f, z, zOff, dA, dAOff, n, dParams);
    }

    /**
     * The vector backward loop for f (prelu's without its slope gradient), or false (having
     * written nothing) where the scalar twin runs.
     */
    static boolean backwardFast(Activation f, float[] z, int zOff, float[] a, int aOff,
                                float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        switch (Kind.of(f)) {
            case STANDARD:
                return standardBackward((Standard) f, z, zOff, dA, dAOff, dZ, dZOff, n);
            case LEAKY_RELU:
                VectorPiecewise.leakyBackward(f, ((LeakyRelu) f).slope(), z, zOff, dA, dAOff, dZ, dZOff, n);
                return true;
            case PRELU:
                VectorPiecewise.leakyBackward(f, ((PRelu) f).slope(), z, zOff, dA, dAOff, dZ, dZOff, n);
                return true;
            case RRELU:
                ActivationKernels.checkSlice("a", a, aOff, n);
                VectorPiecewise.rreluBackward((RRelu) f, z, zOff, a, aOff, dA, dAOff, dZ, dZOff, n);
                return true;
            case ELU:
                VectorTranscendentals.eluBackward(((Elu) f).alpha(), z, zOff, dA, dAOff, dZ, dZOff, n);
                return true;
            case CELU:
                VectorTranscendentals.celuBackward(((Celu) f).alpha(), z, zOff, dA, dAOff, dZ, dZOff, n);
                return true;
            case SOFTPLUS: {
                Softplus p = (Softplus) f;
                VectorSmooth.softplusBackward(p.beta(), p.threshold(), z, zOff, dA, dAOff, dZ, dZOff, n);
                return true;
            }
            case SOFT_SHRINK:
                VectorPiecewise.shrinkBackward(f, ((SoftShrink) f).lambda(), z, zOff, dA, dAOff, dZ, dZOff, n);
                return true;
            case HARD_SHRINK:
                VectorPiecewise.shrinkBackward(f, ((HardShrink) f).lambda(), z, zOff, dA, dAOff, dZ, dZOff, n);
                return true;
            case ISRU:
                VectorAlgebraic.isruBackward(f, ((Isru) f).alpha(), z, zOff, dA, dAOff, dZ, dZOff, n);
                return true;
            case SQUAREPLUS:
                VectorAlgebraic.squareplusBackward(f, ((Squareplus) f).b(), z, zOff, dA, dAOff, dZ, dZOff, n);
                return true;
            case HARD_TANH: {
                HardTanh h = (HardTanh) f;
                VectorPiecewise.intervalBackward(f, h.min(), h.max(), 1f, z, zOff, dA, dAOff, dZ, dZOff, n);
                return true;
            }
            case THRESHOLD:
                VectorPiecewise.thresholdBackward(f, ((Threshold) f).threshold(), z, zOff, dA, dAOff, dZ, dZOff, n);
                return true;
            case THRESHOLDED_RELU:
                VectorPiecewise.thresholdBackward(f, ((ThresholdedRelu) f).theta(), z, zOff, dA, dAOff, dZ, dZOff, n);
                return true;
            default:
                return false;
        }
    }

    private static boolean standardBackward(Standard f, float[] z, int zOff, float[] dA, int dAOff,
                                            float[] dZ, int dZOff, int n) {
        switch (f) {
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
            case LOG_SIGMOID:
                VectorSmooth.logSigmoidBackward(z, zOff, dA, dAOff, dZ, dZOff, n);
                return true;
            case MISH:
                VectorSmooth.mishBackward(f, z, zOff, dA, dAOff, dZ, dZOff, n);
                return true;
            case BENT_IDENTITY:
                VectorAlgebraic.bentIdentityBackward(f, z, zOff, dA, dAOff, dZ, dZOff, n);
                return true;
            case RATIONAL_TANH:
                VectorAlgebraic.rationalTanhBackward(f, z, zOff, dA, dAOff, dZ, dZOff, n);
                return true;
            case ARCTAN:
                VectorAlgebraic.arctanBackward(f, z, zOff, dA, dAOff, dZ, dZOff, n);
                return true;
            case SILU:
                VectorSmooth.siluBackward(f, z, zOff, dA, dAOff, dZ, dZOff, n);
                return true;
            case GELU_TANH:
                VectorSmooth.geluTanhBackward(f, z, zOff, dA, dAOff, dZ, dZOff, n);
                return true;
            default:
                return false;
        }
    }
}

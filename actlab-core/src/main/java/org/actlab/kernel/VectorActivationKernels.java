package org.actlab.kernel;

import java.util.EnumMap;
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
 * backward, silu and gelu_tanh backward, tanhshrink forward and backward (on {@link VectorTranscendentals#fullExp}, e^y to
 * a double ULP, and the 2^-31 core); {@link VectorErf} (double lanes, Cody's erfc on {@link VectorTranscendentals#fullExp}):
 * gelu forward and backward; {@link VectorTrig} (double lanes, Cody–Waite reduction below 2^20, the scalar
 * twin for a vector with a lane beyond): sin forward and backward; {@link VectorAlgebraic} (double lanes, the scalar's own
 * operations): isru, squareplus, bent_identity, rational_tanh, arctan; {@link VectorPiecewise} (float lanes): identity,
 * relu, relu6, leaky_relu, prelu (with its slope gradient), rrelu (inference forward, backward),
 * hard_tanh, threshold, thresholded_relu, softshrink, hardshrink, hard_sigmoid backward. What runs
 * the scalar twin instead is listed with the reason in {@link #SCALAR_FORWARD} and
 * {@link #SCALAR_BACKWARD}; rrelu's training forward (a sequential random stream) also does.
 * relu's and leaky_relu's passes with a {@link StepMask} are in {@link VectorPiecewise} too.
 */
final class VectorActivationKernels implements ActivationKernels {

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    /*
     * The documented opt-outs: catalogue functions (by id, at their catalogue defaults) whose
     * forward or backward pass runs the scalar twin on this path, and why. The catalogue test
     * fails when a function falls back without an entry here, or has an entry but a vector loop.
     * Empty: every catalogue function has vector loops both ways. (sin's loops hand a vector
     * with a lane beyond 2^20 to the scalar twin: a range opt-out, documented in VectorTrig.)
     */

    /** Forward passes that run the scalar twin. */
    static final Map<String, String> SCALAR_FORWARD = Map.of();

    /** Backward passes that run the scalar twin. */
    static final Map<String, String> SCALAR_BACKWARD = Map.of();

    /**
     * A forward loop, a = f(z) over a slice; false, having written nothing, where the scalar twin
     * must run after all (leaky slopes of 0).
     */
    @FunctionalInterface
    private interface Forward {
        boolean run(Activation f, float[] z, int zOff, float[] a, int aOff, int n);
    }

    /** A backward loop, dZ = dA · f'(z) over a slice; {@code a} holds the forward outputs (rrelu reads them). */
    @FunctionalInterface
    private interface Backward {
        void run(Activation f, float[] z, int zOff, float[] a, int aOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n);
    }

    /** A forward loop that always runs, as the kernel classes write them (f for the scalar tail). */
    @FunctionalInterface
    private interface OwnForward {
        void run(Activation f, float[] z, int zOff, float[] a, int aOff, int n);
    }

    /** A backward loop that reads neither a nor f's parameters' gradients, as the kernel classes write them. */
    @FunctionalInterface
    private interface OwnBackward {
        void run(Activation f, float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n);
    }

    /** A forward loop that needs only the slices. */
    @FunctionalInterface
    interface SliceForward {
        void run(float[] z, int zOff, float[] a, int aOff, int n);
    }

    /** A backward loop that needs only the slices. */
    @FunctionalInterface
    interface SliceBackward {
        void run(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n);
    }

    /** One activation's vector loops, forward and backward, declared together. */
    private record Loops(Forward forward, Backward backward) {
    }

    /*
     * Dispatch, in one place: each function with a vector path names its forward and backward
     * loops on one line (a parameterless one by its Standard constant, a parametrised one by its
     * Kind). A function with no entry runs the scalar twin both ways. The loops stay plain static
     * methods: only the slices cross the call, so no vector is boxed; the look-up costs one map read
     * and one interface call per kernel call, not per element.
     */
    private static final Map<Standard, Loops> STANDARD = new EnumMap<>(Standard.class);
    private static final Map<Kind, Loops> BY_KIND = new EnumMap<>(Kind.class);

    static {
        standard(Standard.IDENTITY, slices((z, zOff, a, aOff, n) -> System.arraycopy(z, zOff, a, aOff, n)),
                own(VectorPiecewise::identityBackward));
        standard(Standard.SIGMOID, slices(VectorTranscendentals::sigmoidForward), slices(VectorTranscendentals::sigmoidBackward));
        standard(Standard.TANH, slices(VectorTranscendentals::tanhForward), slices(VectorTranscendentals::tanhBackward));
        standard(Standard.RELU, own((f, z, zOff, a, aOff, n) -> VectorPiecewise.thresholdForward(f, 0f, 0f, z, zOff, a, aOff, n)),
                own((f, z, zOff, dA, dAOff, dZ, dZOff, n) -> VectorPiecewise.stepBackward(f, 0f, 0f, z, zOff, dA, dAOff, dZ, dZOff, n)));
        standard(Standard.RELU6, own((f, z, zOff, a, aOff, n) -> VectorPiecewise.clampForward(f, 0f, true, 6f, z, zOff, a, aOff, n)),
                own((f, z, zOff, dA, dAOff, dZ, dZOff, n) ->
                        VectorPiecewise.intervalBackward(f, 0f, 6f, 1f, z, zOff, dA, dAOff, dZ, dZOff, n)));
        standard(Standard.SELU, slices(VectorTranscendentals::seluForward), slices(VectorTranscendentals::seluBackward));
        standard(Standard.EXPONENTIAL, slices(VectorTranscendentals::exponentialForward),
                slices(VectorTranscendentals::exponentialBackward));
        standard(Standard.SILU, slices(VectorTranscendentals::siluForward), own(VectorSmooth::siluBackward));
        standard(Standard.GELU_TANH, slices(VectorTranscendentals::geluTanhForward), own(VectorSmooth::geluTanhBackward));
        // 1/6 in float: the scalar's (float) (1.0 / 6), the same correctly rounded value.
        standard(Standard.HARD_SIGMOID, slices(VectorTranscendentals::hardSigmoidForward),
                own((f, z, zOff, dA, dAOff, dZ, dZOff, n) ->
                        VectorPiecewise.intervalBackward(f, -3f, 3f, 1f / 6, z, zOff, dA, dAOff, dZ, dZOff, n)));
        standard(Standard.HARD_SWISH, slices(VectorTranscendentals::hardSwishForward),
                slices(VectorTranscendentals::hardSwishBackward));
        standard(Standard.SOFTSIGN, slices(VectorTranscendentals::softsignForward), slices(VectorTranscendentals::softsignBackward));
        standard(Standard.CUBE, slices(VectorTranscendentals::cubeForward), slices(VectorTranscendentals::cubeBackward));
        standard(Standard.SPARSE_PLUS, slices(VectorTranscendentals::sparsePlusForward),
                slices(VectorTranscendentals::sparsePlusBackward));
        standard(Standard.GAUSSIAN, slices(VectorTranscendentals::gaussianForward), slices(VectorTranscendentals::gaussianBackward));
        standard(Standard.RECTIFIED_TANH, slices(VectorTranscendentals::rectifiedTanhForward),
                slices(VectorTranscendentals::rectifiedTanhBackward));
        standard(Standard.LOG_SIGMOID, slices(VectorSmooth::logSigmoidForward), slices(VectorSmooth::logSigmoidBackward));
        standard(Standard.MISH, slices(VectorSmooth::mishForward), own(VectorSmooth::mishBackward));
        standard(Standard.BENT_IDENTITY, own(VectorAlgebraic::bentIdentityForward), own(VectorAlgebraic::bentIdentityBackward));
        standard(Standard.RATIONAL_TANH, own(VectorAlgebraic::rationalTanhForward), own(VectorAlgebraic::rationalTanhBackward));
        standard(Standard.ARCTAN, own(VectorAlgebraic::arctanForward), own(VectorAlgebraic::arctanBackward));
        standard(Standard.GELU, slices(VectorErf::geluForward), slices(VectorErf::geluBackward));
        standard(Standard.TANHSHRINK, slices(VectorSmooth::tanhshrinkForward), slices(VectorSmooth::tanhshrinkBackward));
        standard(Standard.SIN, own(VectorTrig::sinForward), own(VectorTrig::sinBackward));

        kind(Kind.LEAKY_RELU, (f, z, zOff, a, aOff, n) -> leakyForward(f, ((LeakyRelu) f).slope(), z, zOff, a, aOff, n),
                own((f, z, zOff, dA, dAOff, dZ, dZOff, n) ->
                        VectorPiecewise.stepBackward(f, 0f, ((LeakyRelu) f).slope(), z, zOff, dA, dAOff, dZ, dZOff, n)));
        kind(Kind.PRELU, (f, z, zOff, a, aOff, n) -> leakyForward(f, ((PRelu) f).slope(), z, zOff, a, aOff, n),
                own((f, z, zOff, dA, dAOff, dZ, dZOff, n) ->
                        VectorPiecewise.stepBackward(f, 0f, ((PRelu) f).slope(), z, zOff, dA, dAOff, dZ, dZOff, n)));
        kind(Kind.RRELU, (f, z, zOff, a, aOff, n) -> leakyForward(f, ((RRelu) f).inferenceSlope(), z, zOff, a, aOff, n),
                (f, z, zOff, a, aOff, dA, dAOff, dZ, dZOff, n) -> {
                    ActivationKernels.checkSlice("a", a, aOff, n);
                    VectorPiecewise.rreluBackward((RRelu) f, z, zOff, a, aOff, dA, dAOff, dZ, dZOff, n);
                });
        kind(Kind.ELU, own((f, z, zOff, a, aOff, n) -> VectorTranscendentals.eluForward(((Elu) f).alpha(), z, zOff, a, aOff, n)),
                own((f, z, zOff, dA, dAOff, dZ, dZOff, n) ->
                        VectorTranscendentals.eluBackward(((Elu) f).alpha(), z, zOff, dA, dAOff, dZ, dZOff, n)));
        kind(Kind.CELU, own((f, z, zOff, a, aOff, n) -> VectorTranscendentals.celuForward(((Celu) f).alpha(), z, zOff, a, aOff, n)),
                own((f, z, zOff, dA, dAOff, dZ, dZOff, n) ->
                        VectorTranscendentals.celuBackward(((Celu) f).alpha(), z, zOff, dA, dAOff, dZ, dZOff, n)));
        kind(Kind.SOFTPLUS, own((f, z, zOff, a, aOff, n) ->
                        VectorSmooth.softplusForward(((Softplus) f).beta(), ((Softplus) f).threshold(), z, zOff, a, aOff, n)),
                own((f, z, zOff, dA, dAOff, dZ, dZOff, n) -> VectorSmooth.softplusBackward(((Softplus) f).beta(),
                        ((Softplus) f).threshold(), z, zOff, dA, dAOff, dZ, dZOff, n)));
        kind(Kind.SOFT_SHRINK, own((f, z, zOff, a, aOff, n) ->
                        VectorPiecewise.shrinkForward(f, ((SoftShrink) f).lambda(), true, z, zOff, a, aOff, n)),
                own((f, z, zOff, dA, dAOff, dZ, dZOff, n) ->
                        VectorPiecewise.shrinkBackward(f, ((SoftShrink) f).lambda(), z, zOff, dA, dAOff, dZ, dZOff, n)));
        kind(Kind.HARD_SHRINK, own((f, z, zOff, a, aOff, n) ->
                        VectorPiecewise.shrinkForward(f, ((HardShrink) f).lambda(), false, z, zOff, a, aOff, n)),
                own((f, z, zOff, dA, dAOff, dZ, dZOff, n) ->
                        VectorPiecewise.shrinkBackward(f, ((HardShrink) f).lambda(), z, zOff, dA, dAOff, dZ, dZOff, n)));
        kind(Kind.ISRU, own((f, z, zOff, a, aOff, n) -> VectorAlgebraic.isruForward(f, ((Isru) f).alpha(), z, zOff, a, aOff, n)),
                own((f, z, zOff, dA, dAOff, dZ, dZOff, n) ->
                        VectorAlgebraic.isruBackward(f, ((Isru) f).alpha(), z, zOff, dA, dAOff, dZ, dZOff, n)));
        kind(Kind.SQUAREPLUS, own((f, z, zOff, a, aOff, n) ->
                        VectorAlgebraic.squareplusForward(f, ((Squareplus) f).b(), z, zOff, a, aOff, n)),
                own((f, z, zOff, dA, dAOff, dZ, dZOff, n) ->
                        VectorAlgebraic.squareplusBackward(f, ((Squareplus) f).b(), z, zOff, dA, dAOff, dZ, dZOff, n)));
        kind(Kind.HARD_TANH, own((f, z, zOff, a, aOff, n) ->
                        VectorPiecewise.clampForward(f, ((HardTanh) f).min(), false, ((HardTanh) f).max(), z, zOff, a, aOff, n)),
                own((f, z, zOff, dA, dAOff, dZ, dZOff, n) -> VectorPiecewise.intervalBackward(f, ((HardTanh) f).min(),
                        ((HardTanh) f).max(), 1f, z, zOff, dA, dAOff, dZ, dZOff, n)));
        kind(Kind.THRESHOLD, own((f, z, zOff, a, aOff, n) -> VectorPiecewise.thresholdForward(f, ((Threshold) f).threshold(),
                        ((Threshold) f).value(), z, zOff, a, aOff, n)),
                own((f, z, zOff, dA, dAOff, dZ, dZOff, n) ->
                        VectorPiecewise.stepBackward(f, ((Threshold) f).threshold(), 0f, z, zOff, dA, dAOff, dZ, dZOff, n)));
        kind(Kind.THRESHOLDED_RELU, own((f, z, zOff, a, aOff, n) ->
                        VectorPiecewise.thresholdForward(f, ((ThresholdedRelu) f).theta(), 0f, z, zOff, a, aOff, n)),
                own((f, z, zOff, dA, dAOff, dZ, dZOff, n) ->
                        VectorPiecewise.stepBackward(f, ((ThresholdedRelu) f).theta(), 0f, z, zOff, dA, dAOff, dZ, dZOff, n)));
    }

    private static void standard(Standard f, Forward forward, Backward backward) {
        STANDARD.put(f, new Loops(forward, backward));
    }

    private static void kind(Kind kind, Forward forward, Backward backward) {
        BY_KIND.put(kind, new Loops(forward, backward));
    }

    private static Forward own(OwnForward loop) {
        return (f, z, zOff, a, aOff, n) -> {
            loop.run(f, z, zOff, a, aOff, n);
            return true;
        };
    }

    private static Backward own(OwnBackward loop) {
        return (f, z, zOff, a, aOff, dA, dAOff, dZ, dZOff, n) -> loop.run(f, z, zOff, dA, dAOff, dZ, dZOff, n);
    }

    private static Forward slices(SliceForward loop) {
        return (f, z, zOff, a, aOff, n) -> {
            loop.run(z, zOff, a, aOff, n);
            return true;
        };
    }

    private static Backward slices(SliceBackward loop) {
        return (f, z, zOff, a, aOff, dA, dAOff, dZ, dZOff, n) -> loop.run(z, zOff, dA, dAOff, dZ, dZOff, n);
    }

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
        Loops loops = loops(f);
        return loops != null && loops.forward().run(f, z, zOff, a, aOff, n);
    }

    /** Slope 0 stays scalar: its 0 · x would give −0 for x &lt; 0 where the scalar gives +0. */
    private static boolean leakyForward(Activation f, float slope, float[] z, int zOff, float[] a, int aOff, int n) {
        if (slope == 0) {
            return false;
        }
        VectorPiecewise.leakyForward(f, slope, z, zOff, a, aOff, n);
        return true;
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

    /** leaky_relu with slope 0 runs the scalar twin, as its {@link #forward} does. */
    @Override
    public void forwardWithMask(Activation f, float[] z, int zOff, float[] a, int aOff, int[] mask, int maskOff, int n) {
        StepMask.checkForward(f, z, zOff, a, aOff, mask, maskOff, n);
        float slope = StepMask.below(f);
        if (f != Standard.RELU && slope == 0) {
            ActivationKernels.super.forwardWithMask(f, z, zOff, a, aOff, mask, maskOff, n);
        } else {
            VectorPiecewise.forwardWithMask(f, slope, z, zOff, a, aOff, mask, maskOff, n);
        }
    }

    @Override
    public void backwardFromMask(Activation f, float[] z, int zOff, int[] mask, int maskOff, float[] dA, int dAOff,
                                 float[] dZ, int dZOff, int n) {
        StepMask.checkBackward(f, z, zOff, mask, maskOff, dA, dAOff, dZ, dZOff, n);
        if (StepMask.sawNaN(mask, maskOff, n)) {
            backwardFast(f, z, zOff, null, 0, dA, dAOff, dZ, dZOff, n);
        } else {
            VectorPiecewise.backwardFromMask(StepMask.below(f), mask, maskOff, dA, dAOff, dZ, dZOff, n);
        }
    }

    /**
     * The vector backward loop for f (prelu's without its slope gradient), or false (having
     * written nothing) where the scalar twin runs.
     */
    static boolean backwardFast(Activation f, float[] z, int zOff, float[] a, int aOff,
                                float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        Loops loops = loops(f);
        if (loops == null) {
            return false;
        }
        loops.backward().run(f, z, zOff, a, aOff, dA, dAOff, dZ, dZOff, n);
        return true;
    }

    /** f's vector loops, or null where the scalar twin runs both ways. */
    private static Loops loops(Activation f) {
        Kind kind = Kind.of(f);
        return kind == Kind.STANDARD ? STANDARD.get((Standard) f) : BY_KIND.get(kind);
    }
}

package org.actlab.kernel;

import java.util.random.RandomGenerator;
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
 * The scalar twin: one element at a time through {@link Activation#apply} and
 * {@link Activation#derivative}, so its results are those of the catalogue by construction.
 *
 * <p>Speed comes from dispatching on the type once per call: each loop below calls {@code apply}
 * on a receiver whose exact class the JIT can see (an enum constant, or a final record), so the
 * call is inlined instead of being one megamorphic interface call per element.
 *
 * <p>rrelu: {@link ActivationKernels#forwardTraining} draws one slope per element with z &lt;= 0, in element order,
 * from {@link RRelu#drawSlope} (none for z > 0 or NaN, as PyTorch); {@link #backward} recovers that
 * slope as a/z for finite z &lt; 0 and uses the inference slope at z = 0 and z = −∞, where a/z says
 * nothing. a/z is the drawn slope to within an ULP, or coarser where s·z is subnormal.
 */
final class ScalarActivationKernels implements ActivationKernels {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void forward(Activation f, float[] z, int zOff, float[] a, int aOff, int n) {
        ActivationKernels.checkSlice("z", z, zOff, n);
        ActivationKernels.checkSlice("a", a, aOff, n);
        forwardUnchecked(f, z, zOff, a, aOff, n);
    }

    static void forwardUnchecked(Activation f, float[] z, int zOff, float[] a, int aOff, int n) {
        if (!forwardFast(f, z, zOff, a, aOff, n)) {
            for (int i = 0; i < n; i++) {
                a[aOff + i] = f.apply(z[zOff + i]);
            }
        }
    }

    /**
     * The loop for f's own type, or false (having written nothing) for a type outside the
     * catalogue. Records are final: each call below is monomorphic and inlined.
     */
    static boolean forwardFast(Activation f, float[] z, int zOff, float[] a, int aOff, int n) {
        switch (Kind.of(f)) {
            case STANDARD:
                forwardStandard((Standard) f, z, zOff, a, aOff, n);
                return true;
            case LEAKY_RELU: {
                LeakyRelu g = (LeakyRelu) f;
                for (int i = 0; i < n; i++) {
                    a[aOff + i] = g.apply(z[zOff + i]);
                }
                return true;
            }
            case PRELU: {
                PRelu g = (PRelu) f;
                for (int i = 0; i < n; i++) {
                    a[aOff + i] = g.apply(z[zOff + i]);
                }
                return true;
            }
            case RRELU: {
                RRelu g = (RRelu) f;
                for (int i = 0; i < n; i++) {
                    a[aOff + i] = g.apply(z[zOff + i]);
                }
                return true;
            }
            case ELU: {
                Elu g = (Elu) f;
                for (int i = 0; i < n; i++) {
                    a[aOff + i] = g.apply(z[zOff + i]);
                }
                return true;
            }
            case CELU: {
                Celu g = (Celu) f;
                for (int i = 0; i < n; i++) {
                    a[aOff + i] = g.apply(z[zOff + i]);
                }
                return true;
            }
            case SOFTPLUS: {
                Softplus g = (Softplus) f;
                for (int i = 0; i < n; i++) {
                    a[aOff + i] = g.apply(z[zOff + i]);
                }
                return true;
            }
            case HARD_TANH: {
                HardTanh g = (HardTanh) f;
                for (int i = 0; i < n; i++) {
                    a[aOff + i] = g.apply(z[zOff + i]);
                }
                return true;
            }
            case SOFT_SHRINK: {
                SoftShrink g = (SoftShrink) f;
                for (int i = 0; i < n; i++) {
                    a[aOff + i] = g.apply(z[zOff + i]);
                }
                return true;
            }
            case HARD_SHRINK: {
                HardShrink g = (HardShrink) f;
                for (int i = 0; i < n; i++) {
                    a[aOff + i] = g.apply(z[zOff + i]);
                }
                return true;
            }
            case THRESHOLD: {
                Threshold g = (Threshold) f;
                for (int i = 0; i < n; i++) {
                    a[aOff + i] = g.apply(z[zOff + i]);
                }
                return true;
            }
            case THRESHOLDED_RELU: {
                ThresholdedRelu g = (ThresholdedRelu) f;
                for (int i = 0; i < n; i++) {
                    a[aOff + i] = g.apply(z[zOff + i]);
                }
                return true;
            }
            case SQUAREPLUS: {
                Squareplus g = (Squareplus) f;
                for (int i = 0; i < n; i++) {
                    a[aOff + i] = g.apply(z[zOff + i]);
                }
                return true;
            }
            case ISRU: {
                Isru g = (Isru) f;
                for (int i = 0; i < n; i++) {
                    a[aOff + i] = g.apply(z[zOff + i]);
                }
                return true;
            }
            default:
                return false;
        }
    }

    @Override
    public void backward(Activation f, float[] z, int zOff, float[] a, int aOff, float[] dA, int dAOff,
                         float[] dZ, int dZOff, int n, float[] dParams) {
        checkBackward(f, z, zOff, a, aOff, dA, dAOff, dZ, dZOff, n);
        backwardUnchecked(f, z, zOff, a, aOff, dA, dAOff, dZ, dZOff, n);
        accumulateParameterGradients(f, z, zOff, dA, dAOff, n, dParams);
    }

    /** The slice checks of a backward call, on both paths: z, dA and dZ, and a where rrelu reads it. */
    static void checkBackward(Activation f, float[] z, int zOff, float[] a, int aOff, float[] dA, int dAOff,
                              float[] dZ, int dZOff, int n) {
        ActivationKernels.checkSlice("z", z, zOff, n);
        ActivationKernels.checkSlice("dA", dA, dAOff, n);
        ActivationKernels.checkSlice("dZ", dZ, dZOff, n);
        if (Kind.of(f) == Kind.RRELU) {
            ActivationKernels.checkSlice("a", a, aOff, n);
        }
    }

    /** dZ = dA · f'(z) without bounds checks (the caller made them) and without parameter gradients. */
    static void backwardUnchecked(Activation f, float[] z, int zOff, float[] a, int aOff, float[] dA, int dAOff,
                                  float[] dZ, int dZOff, int n) {
        if (!backwardFast(f, z, zOff, a, aOff, dA, dAOff, dZ, dZOff, n)) {
            for (int i = 0; i < n; i++) {
                dZ[dZOff + i] = dA[dAOff + i] * f.derivative(z[zOff + i]);
            }
        }
    }

    /** The backward loop for f's own type, or false (having written nothing) outside the catalogue. */
    static boolean backwardFast(Activation f, float[] z, int zOff, float[] a, int aOff, float[] dA, int dAOff,
                                float[] dZ, int dZOff, int n) {
        switch (Kind.of(f)) {
            case STANDARD:
                backwardStandard((Standard) f, z, zOff, dA, dAOff, dZ, dZOff, n);
                return true;
            case RRELU:
                rreluBackward((RRelu) f, z, zOff, a, aOff, dA, dAOff, dZ, dZOff, n);
                return true;
            case LEAKY_RELU: {
                LeakyRelu g = (LeakyRelu) f;
                for (int i = 0; i < n; i++) {
                    dZ[dZOff + i] = dA[dAOff + i] * g.derivative(z[zOff + i]);
                }
                return true;
            }
            case PRELU: {
                PRelu g = (PRelu) f;
                for (int i = 0; i < n; i++) {
                    dZ[dZOff + i] = dA[dAOff + i] * g.derivative(z[zOff + i]);
                }
                return true;
            }
            case ELU: {
                Elu g = (Elu) f;
                for (int i = 0; i < n; i++) {
                    dZ[dZOff + i] = dA[dAOff + i] * g.derivative(z[zOff + i]);
                }
                return true;
            }
            case CELU: {
                Celu g = (Celu) f;
                for (int i = 0; i < n; i++) {
                    dZ[dZOff + i] = dA[dAOff + i] * g.derivative(z[zOff + i]);
                }
                return true;
            }
            case SOFTPLUS: {
                Softplus g = (Softplus) f;
                for (int i = 0; i < n; i++) {
                    dZ[dZOff + i] = dA[dAOff + i] * g.derivative(z[zOff + i]);
                }
                return true;
            }
            case HARD_TANH: {
                HardTanh g = (HardTanh) f;
                for (int i = 0; i < n; i++) {
                    dZ[dZOff + i] = dA[dAOff + i] * g.derivative(z[zOff + i]);
                }
                return true;
            }
            case SOFT_SHRINK: {
                SoftShrink g = (SoftShrink) f;
                for (int i = 0; i < n; i++) {
                    dZ[dZOff + i] = dA[dAOff + i] * g.derivative(z[zOff + i]);
                }
                return true;
            }
            case HARD_SHRINK: {
                HardShrink g = (HardShrink) f;
                for (int i = 0; i < n; i++) {
                    dZ[dZOff + i] = dA[dAOff + i] * g.derivative(z[zOff + i]);
                }
                return true;
            }
            case THRESHOLD: {
                Threshold g = (Threshold) f;
                for (int i = 0; i < n; i++) {
                    dZ[dZOff + i] = dA[dAOff + i] * g.derivative(z[zOff + i]);
                }
                return true;
            }
            case THRESHOLDED_RELU: {
                ThresholdedRelu g = (ThresholdedRelu) f;
                for (int i = 0; i < n; i++) {
                    dZ[dZOff + i] = dA[dAOff + i] * g.derivative(z[zOff + i]);
                }
                return true;
            }
            case SQUAREPLUS: {
                Squareplus g = (Squareplus) f;
                for (int i = 0; i < n; i++) {
                    dZ[dZOff + i] = dA[dAOff + i] * g.derivative(z[zOff + i]);
                }
                return true;
            }
            case ISRU: {
                Isru g = (Isru) f;
                for (int i = 0; i < n; i++) {
                    dZ[dZOff + i] = dA[dAOff + i] * g.derivative(z[zOff + i]);
                }
                return true;
            }
            default:
                return false;
        }
    }

    /**
     * dParams[j] += Σ_i dA_i · ∂f/∂θ_j(z_i), summed in double (each float product is exact there)
     * and rounded once; prelu's ∂f/∂slope = z for z &lt;= 0, else 0.
     */
    static void accumulateParameterGradients(Activation f, float[] z, int zOff, float[] dA, int dAOff, int n,
                                             float[] dParams) {
        if (dParams == null || dParams.length == 0) {
            return;
        }
        int count = f.parameters().length;
        if (dParams.length < count) {
            throw new IllegalArgumentException(f.id() + " has " + count + " learnable parameters, dParams has "
                    + dParams.length);
        }
        if (count == 0) {
            return;
        }
        double[] sums = new double[count];
        float[] partial = new float[count];
        for (int i = 0; i < n; i++) {
            f.parameterDerivatives(z[zOff + i], partial);
            for (int j = 0; j < count; j++) {
                sums[j] += (double) dA[dAOff + i] * partial[j];
            }
        }
        for (int j = 0; j < count; j++) {
            dParams[j] += (float) sums[j];
        }
    }

    /** Training forward of rrelu: a = z for z > 0 or NaN, else s·z with s drawn per element. */
    static void rreluTraining(RRelu f, float[] z, int zOff, float[] a, int aOff, int n, RandomGenerator rng) {
        for (int i = 0; i < n; i++) {
            float x = z[zOff + i];
            if (x > 0 || x != x) {
                a[aOff + i] = x;
            } else {
                float slope = f.drawSlope(rng);
                // slope · −∞ is NaN for slope 0, whose limit is 0 (as Activation.apply does).
                a[aOff + i] = slope == 0 && x == Float.NEGATIVE_INFINITY ? 0 : slope * x;
            }
        }
    }

    /**
     * rrelu backward: f'(z) = 1 for z > 0; for finite z &lt; 0 the inference slope when a is the
     * inference output (exactly (lower+upper)/2 · z), else the drawn slope recovered as a/z; the
     * inference slope at 0 and −∞; NaN for NaN.
     */
    static void rreluBackward(RRelu f, float[] z, int zOff, float[] a, int aOff, float[] dA, int dAOff,
                              float[] dZ, int dZOff, int n) {
        float inference = f.inferenceSlope();
        for (int i = 0; i < n; i++) {
            float x = z[zOff + i];
            float slope;
            if (x > 0 || x != x) {
                slope = f.derivative(x);
            } else if (x < 0 && x != Float.NEGATIVE_INFINITY && a[aOff + i] != inference * x) {
                // A training output: its slope was drawn. (Where s·z is subnormal this recovery
                // loses bits; the gradient there is tiny anyway.)
                slope = a[aOff + i] / x;
            } else {
                // z = 0, z = −∞, or an inference output: the exact inference slope.
                slope = inference;
            }
            dZ[dZOff + i] = dA[dAOff + i] * slope;
        }
    }

    /*
     * One loop per constant, written out so that each apply/derivative call has a constant
     * receiver: the JIT then inlines the constant's own valueInDouble instead of dispatching.
     */
    private static void forwardStandard(Standard s, float[] z, int zOff, float[] a, int aOff, int n) {
        switch (s) {
            case IDENTITY:
                System.arraycopy(z, zOff, a, aOff, n);
                return;
            case SIGMOID:
                for (int i = 0; i < n; i++) {
                    a[aOff + i] = Standard.SIGMOID.apply(z[zOff + i]);
                }
                return;
            case TANH:
                for (int i = 0; i < n; i++) {
                    a[aOff + i] = Standard.TANH.apply(z[zOff + i]);
                }
                return;
            case RELU:
                // max(x, +0) is relu's apply exactly (−0 and −∞ give +0, NaN gives NaN) and needs no
                // branch, which random signs would mispredict half the time.
                for (int i = 0; i < n; i++) {
                    a[aOff + i] = Math.max(z[zOff + i], 0f);
                }
                return;
            default:
                for (int i = 0; i < n; i++) {
                    a[aOff + i] = s.apply(z[zOff + i]);
                }
        }
    }

    private static void backwardStandard(Standard s, float[] z, int zOff, float[] dA, int dAOff,
                                         float[] dZ, int dZOff, int n) {
        switch (s) {
            case SIGMOID:
                for (int i = 0; i < n; i++) {
                    dZ[dZOff + i] = dA[dAOff + i] * Standard.SIGMOID.derivative(z[zOff + i]);
                }
                return;
            case TANH:
                for (int i = 0; i < n; i++) {
                    dZ[dZOff + i] = dA[dAOff + i] * Standard.TANH.derivative(z[zOff + i]);
                }
                return;
            case RELU:
                for (int i = 0; i < n; i++) {
                    dZ[dZOff + i] = dA[dAOff + i] * Standard.RELU.derivative(z[zOff + i]);
                }
                return;
            default:
                for (int i = 0; i < n; i++) {
                    dZ[dZOff + i] = dA[dAOff + i] * s.derivative(z[zOff + i]);
                }
        }
    }
}

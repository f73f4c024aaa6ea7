package org.actlab.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.kernel.Gemm;
import org.actlab.kernel.Kernels;
import org.actlab.nn.NetworkSpec.LayerSpec;
import org.actlab.nn.NetworkSpec.Loss;
import org.actlab.nn.NetworkSpec.Output;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole-network gradient check: back-propagated dL/dθ of every weight, bias and learnable
 * activation parameter against a central difference of the float32 forward loss, for every
 * catalogue activation (in both hidden layers) and each output/loss pairing.
 *
 * <p>The difference quotient uses Richardson extrapolation, D = (4·D(h/2) − D(h))/3 with
 * D(h) = (L(θ+h) − L(θ−h))/(2h), whose truncation error is O(h⁴), so that h can be large enough
 * for float rounding (~1e-7·|L|/h) to stay small. A parameter is skipped when its perturbation
 * moves any pre-activation across a kink, detected as a jump in f' larger than a smooth function's
 * slope change over the moved distance would allow.
 */
class GradientCheckTest {

    private static final float H = 0x1p-8f;
    private static final int ROWS = 5;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        Object[][] pairings = {
                {Output.IDENTITY, Loss.MSE}, {Output.SIGMOID, Loss.BCE}, {Output.TANH, Loss.MSE}, {Output.SOFTMAX, Loss.SOFTMAX_CE},
        };
        for (Activation activation : Activations.catalogue()) {
            for (Object[] pairing : pairings) {
                cases.add(Arguments.of(activation.spec(), pairing[0], pairing[1]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}+{2}")
    @MethodSource("cases")
    void backPropagationMatchesFiniteDifferences(String activation, Output output, Loss loss) {
        NetworkSpec spec = new NetworkSpec(3, List.of(new LayerSpec(4, activation), new LayerSpec(3, activation)),
                2, output, loss, "normal(0,0.6)", "normal(0,0.3)");
        Network network = Network.create(spec, activation.hashCode());
        SplittableRandom random = new SplittableRandom(7);
        float[] x = new float[ROWS * 3];
        float[] y = new float[ROWS * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        for (int r = 0; r < ROWS; r++) {
            if (output == Output.SOFTMAX) {
                y[r * 2 + random.nextInt(2)] = 1;
            } else {
                for (int j = 0; j < 2; j++) {
                    y[r * 2 + j] = output == Output.SIGMOID ? random.nextInt(2) : (float) (random.nextDouble() * 1.6 - 0.8);
                }
            }
        }
        Gemm gemm = Kernels.gemm();
        Workspace w = new Workspace(network.layers(), ROWS);
        w.forward(network, gemm, org.actlab.kernel.Kernels.activations(), x, 0, ROWS, null);
        w.backward(network, gemm, org.actlab.kernel.Kernels.activations(), x, 0, y, 0, ROWS);

        // Float rounding in the forward pass perturbs each loss by about ε·|L| per operation along a
        // path; the difference quotient divides that by h (and Richardson by a further ~1.5).
        double loss0 = Math.abs(w.lossSum(network, y, 0, ROWS) / ROWS);
        double rounding = 16 * 0x1p-24 * Math.max(1, loss0) / H;
        int checked = 0;
        int skipped = 0;
        List<DenseLayer> layers = network.layers();
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            float[][] arrays = {layer.weights(), layer.bias()};
            float[][] analytic = {w.dW[l].clone(), w.dB[l].clone()};
            for (int which = 0; which < 2; which++) {
                float[] values = arrays[which];
                for (int i = 0; i < values.length; i++) {
                    float original = values[i];
                    int index = i;
                    double[] numeric = difference(network, x, y, w.z, v -> values[index] = v, original);
                    values[i] = original;
                    if (numeric == null) {
                        skipped++;
                        continue;
                    }
                    check(analytic[which][i], numeric[0], rounding, activation + " layer " + l + (which == 0 ? " W[" : " b[") + i + "]");
                    checked++;
                }
            }
            float[] parameters = layer.activation().parameters();
            for (int p = 0; p < parameters.length; p++) {
                Activation base = layer.activation();
                int index = p;
                double[] numeric = difference(network, x, y, w.z, v -> {
                    float[] changed = base.parameters();
                    changed[index] = v;
                    layer.activation(base.withParameters(changed));
                }, parameters[p]);
                layer.activation(base);
                if (numeric == null) {
                    skipped++;
                    continue;
                }
                check(w.dP[l][p], numeric[0], rounding, activation + " layer " + l + " activation parameter " + p);
                checked++;
            }
        }
        // Kinks may cost a few parameters, never most of them.
        assertTrue(checked >= 2 * skipped && checked > 20, activation + ": checked " + checked + ", skipped " + skipped);
    }

    private static void check(double analytic, double numeric, double rounding, String what) {
        double tolerance = 2e-3 * Math.max(Math.abs(analytic), Math.abs(numeric)) + rounding;
        assertTrue(Math.abs(analytic - numeric) <= tolerance,
                () -> what + ": back-propagation " + analytic + ", finite difference " + numeric);
    }

    private interface Setter {
        void set(float value);
    }

    /** The Richardson-extrapolated central difference, or null when a kink lies in the way. */
    private static double[] difference(Network network, float[] x, float[] y, float[][] z0, Setter setter, float original) {
        double[] losses = new double[4];
        float[] steps = {-H, H, -H / 2, H / 2};
        float[][][] zs = new float[4][][];
        for (int s = 0; s < 4; s++) {
            setter.set(original + steps[s]);
            Workspace w = new Workspace(network.layers(), ROWS);
            w.forward(network, Kernels.gemm(), org.actlab.kernel.Kernels.activations(), x, 0, ROWS, null);
            losses[s] = w.lossSum(network, y, 0, ROWS) / ROWS;
            zs[s] = w.z;
        }
        setter.set(original);
        if (crossesKink(network, zs[0], z0, zs[1])) {
            return null;
        }
        double wide = (losses[1] - losses[0]) / (2.0 * H);
        double narrow = (losses[3] - losses[2]) / H;
        return new double[] {(4 * narrow - wide) / 3};
    }

    /**
     * A kink between the pre-activations at θ−h and θ+h shows as f' at the midpoint (θ) sitting
     * on one side of the jump instead of near the mean of the two ends, as it does for any
     * function whose f' changes smoothly; a jump in f itself shows as a change larger than f'
     * allows.
     */
    private static boolean crossesKink(Network network, float[][] low, float[][] middle, float[][] high) {
        List<DenseLayer> layers = network.layers();
        // The output layer's own functions (identity, sigmoid, tanh, softmax) are smooth.
        for (int l = 0; l < layers.size() - 1; l++) {
            Activation f = layers.get(l).activation();
            for (int i = 0; i < ROWS * layers.get(l).units(); i++) {
                float a = low[l][i];
                float m = middle[l][i];
                float b = high[l][i];
                double moved = Math.abs(b - a);
                double da = f.derivative(a);
                double db = f.derivative(b);
                double dm = f.derivative(m);
                double slopeJump = Math.abs(dm - (da + db) / 2);
                double steepest = Math.max(Math.abs(dm), Math.max(Math.abs(da), Math.abs(db)));
                double valueJump = Math.abs(f.apply(b) - f.apply(a));
                if (slopeJump > 0.25 * Math.abs(db - da) + 1e-3 || valueJump > 2 * steepest * moved + 1e-6) {
                    return true;
                }
            }
        }
        return false;
    }
}

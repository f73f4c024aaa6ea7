package org.actlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.stream.Stream;
import org.actlab.activation.Standard;
import org.actlab.data.DataSets;
import org.actlab.data.Dataset;
import org.actlab.kernel.ActivationKernels;
import org.actlab.kernel.Kernels;
import org.actlab.nn.NetworkSpec.LayerSpec;
import org.actlab.nn.NetworkSpec.Loss;
import org.actlab.nn.NetworkSpec.Output;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * relu and leaky_relu layers back-propagate from the step masks of their forward pass
 * (ActivationKernels.backwardFromMask, written over dA, the two buffers then swapped); training that
 * way must give the bits of training from z.
 * Two copies of one network take the same SGD steps, one with masks and one without, on both kernel
 * paths; every step's loss, dZ, dW and dB and the final weights are compared bit for bit. Layer sizes give
 * masks of whole blocks (32 rows × 64 units = 2,048 elements) and with tails (37 units); one case
 * puts relu on the output layer under MSE, whose backward pass also runs the mask, and one batch
 * holds a NaN input, so that the masks record a NaN and the backward pass reads z.
 */
class StepMaskTrainingTest {

    private static final Dataset SPIRAL = DataSets.generate("spiral", 160, 0.1, 31);

    static Stream<Arguments> cases() {
        ActivationKernels vector = Kernels.vector();
        List<ActivationKernels> paths = vector == null ? List.of(Kernels.scalar()) : List.of(Kernels.scalar(), vector);
        return paths.stream().flatMap(k -> Stream.of(
                Arguments.of(k, "relu", false),
                Arguments.of(k, "leaky_relu", false),
                Arguments.of(k, "leaky_relu(slope=-0.3)", false),
                Arguments.of(k, "relu", true)));
    }

    @ParameterizedTest(name = "{0} {1} relu output {2}")
    @MethodSource("cases")
    void trainingFromTheMasksGivesTheBitsOfTrainingFromZ(ActivationKernels kernels, String activation, boolean reluOutput) {
        NetworkSpec spec = new NetworkSpec(2, List.of(new LayerSpec(64, activation), new LayerSpec(37, activation)), 1,
                reluOutput ? Output.IDENTITY : Output.SIGMOID, reluOutput ? Loss.MSE : Loss.BCE, "he_normal", "zeros");
        Network masked = Network.create(spec, 41);
        Network fromZ = masked.copy();
        if (reluOutput) {
            masked.layers().get(2).activation(Standard.RELU);
            fromZ.layers().get(2).activation(Standard.RELU);
        }
        int batch = 32;
        Backprop withMasks = new Backprop(masked, batch, Kernels.gemm(), kernels, true);
        Backprop withoutMasks = new Backprop(fromZ, batch, Kernels.gemm(), kernels, false);
        float learningRate = 0.05f;
        int steps = 40;
        int layers = masked.layers().size();
        for (int step = 0; step < steps; step++) {
            int start = step * batch % (SPIRAL.n() - batch);
            float[] x = SPIRAL.x();
            int xOff = start * SPIRAL.features();
            int yOff = start * SPIRAL.targets();
            double lossMasked = withMasks.forward(x, xOff, SPIRAL.y(), yOff, batch, null);
            double lossFromZ = withoutMasks.forward(x, xOff, SPIRAL.y(), yOff, batch, null);
            assertEquals(Double.doubleToRawLongBits(lossFromZ), Double.doubleToRawLongBits(lossMasked), "loss at step " + step);
            for (int l = 0; l < layers; l++) {
                boolean hasMask = l < layers - 1 || reluOutput;
                int units = masked.layers().get(l).units();
                assertEquals(hasMask ? batch * units : -1, withMasks.workspace.masked[l], "layer " + l + " recorded its mask");
                assertEquals(-1, withoutMasks.workspace.masked[l], "layer " + l + " without masks");
            }
            withMasks.backward();
            withoutMasks.backward();
            for (int l = 0; l < layers; l++) {
                String where = kernels.name() + " " + activation + " step " + step + " layer " + l;
                sameBits(withoutMasks.dW(l), withMasks.dW(l), where + " dW");
                sameBits(withoutMasks.dB(l), withMasks.dB(l), where + " dB");
                // dZ as the layer snapshots see it (the masked pass writes over dA and swaps the buffers).
                int size = batch * masked.layers().get(l).units();
                sameBits(java.util.Arrays.copyOf(withoutMasks.workspace.dZ[l], size),
                        java.util.Arrays.copyOf(withMasks.workspace.dZ[l], size), where + " dZ");
                sgd(masked.layers().get(l), withMasks, l, learningRate);
                sgd(fromZ.layers().get(l), withoutMasks, l, learningRate);
            }
        }
        boolean moved = false;
        Network initial = Network.create(spec, 41);
        for (int l = 0; l < layers; l++) {
            sameBits(fromZ.layers().get(l).weights(), masked.layers().get(l).weights(), "final weights of layer " + l);
            sameBits(fromZ.layers().get(l).bias(), masked.layers().get(l).bias(), "final biases of layer " + l);
            moved |= !java.util.Arrays.equals(initial.layers().get(l).weights(), masked.layers().get(l).weights());
        }
        assertTrue(moved, "the networks trained: their weights moved");

        // A batch with a NaN input: the first layer's z holds NaN, its mask records it, and the
        // backward pass reads z on both sides. (NaN payloads may differ where two NaNs multiply,
        // so the comparison is Arrays.equals', NaN equal to NaN.)
        float[] poisoned = SPIRAL.x().clone();
        poisoned[5] = Float.NaN;
        withMasks.forward(poisoned, 0, SPIRAL.y(), 0, batch, null);
        withoutMasks.forward(poisoned, 0, SPIRAL.y(), 0, batch, null);
        withMasks.backward();
        withoutMasks.backward();
        for (int l = 0; l < layers; l++) {
            if (!java.util.Arrays.equals(withoutMasks.dW(l), withMasks.dW(l))
                    || !java.util.Arrays.equals(withoutMasks.dB(l), withMasks.dB(l))) {
                fail(kernels.name() + " " + activation + ": gradients of the NaN batch differ in layer " + l);
            }
        }
        assertTrue(Float.isNaN(withMasks.dW(0)[0]) || Float.isNaN(withMasks.dB(0)[0]) || hasNaN(withMasks.dW(layers - 1)),
                "the NaN reached the gradients");
    }

    private static boolean hasNaN(float[] values) {
        for (float v : values) {
            if (Float.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    private static void sgd(DenseLayer layer, Backprop backprop, int l, float learningRate) {
        float[] w = layer.weights();
        float[] dW = backprop.dW(l);
        for (int i = 0; i < w.length; i++) {
            w[i] -= learningRate * dW[i];
        }
        float[] b = layer.bias();
        float[] dB = backprop.dB(l);
        for (int i = 0; i < b.length; i++) {
            b[i] -= learningRate * dB[i];
        }
    }

    private static void sameBits(float[] expected, float[] got, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(got[i])) {
                fail(what + " [" + i + "]: " + got[i] + " from the masks, " + expected[i] + " from z");
            }
        }
    }
}

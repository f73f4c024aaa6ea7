package org.actlab.nn;

import static org.actlab.nn.TrainConfig.BATCH;
import static org.actlab.nn.TrainConfig.EPOCHS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.actlab.data.Dataset;
import org.actlab.nn.NetworkSpec.LayerSpec;
import org.actlab.nn.NetworkSpec.Loss;
import org.actlab.nn.NetworkSpec.Output;
import org.junit.jupiter.api.Test;

/**
 * A 2-2-1 network (relu hidden layer, identity output, MSE) worked through by hand: forward
 * values, loss, every gradient and one SGD step at η = 0.1, for one sample x = (1, 2), y = 1.
 *
 * <pre>
 * W1 = [[0.5, −0.25], [−1, 0.75]]   b1 = [0.1, −0.7]
 * W2 = [[2, −1]]                    b2 = [0.5]
 *
 * z1 = W1·x + b1 = [0.5 − 0.5 + 0.1, −1 + 1.5 − 0.7] = [0.1, −0.2]
 * a1 = relu(z1)  = [0.1, 0]                    (the second unit is inactive: relu'(−0.2) = 0)
 * z2 = W2·a1 + b2 = 0.2 − 0 + 0.5 = 0.7,  a2 = 0.7
 * L  = ½(0.7 − 1)² = 0.045
 *
 * dZ2 = a2 − y = −0.3             dW2 = dZ2·a1ᵀ = [−0.03, 0]      db2 = −0.3
 * dA1 = W2ᵀ·dZ2 = [−0.6, 0.3]     dZ1 = dA1 ⊙ relu'(z1) = [−0.6, 0]
 * dW1 = dZ1·xᵀ = [[−0.6, −1.2], [0, 0]]                          db1 = [−0.6, 0]
 *
 * SGD, η = 0.1:  W1' = [[0.56, −0.13], [−1, 0.75]]   b1' = [0.16, −0.7]
 *                W2' = [[2.003, −1]]                 b2' = [0.53]
 * ‖ΔW1‖ = 0.1·√(0.36 + 1.44) = 0.1·√1.8 = 0.13416408,  ‖ΔW2‖ = 0.003
 * </pre>
 */
class HandComputedNetworkTest {

    private static final float TOLERANCE = 1e-6f;

    @Test
    void forwardGradientsAndOneSgdStepMatchTheHandComputation() {
        NetworkSpec spec = new NetworkSpec(2, List.of(new LayerSpec(2, "relu")), 1, Output.IDENTITY, Loss.MSE, "zeros", "zeros");
        Network network = Network.create(spec, 1);
        DenseLayer hidden = network.layers().get(0);
        DenseLayer output = network.layers().get(1);
        System.arraycopy(new float[] {0.5f, -0.25f, -1f, 0.75f}, 0, hidden.weights(), 0, 4);
        System.arraycopy(new float[] {0.1f, -0.7f}, 0, hidden.bias(), 0, 2);
        System.arraycopy(new float[] {2f, -1f}, 0, output.weights(), 0, 2);
        output.bias()[0] = 0.5f;

        Dataset one = new Dataset("one", new float[] {1, 2}, new float[] {1}, 1, 2, 1, Dataset.Task.REGRESSION);
        List<StepSnapshot> steps = new ArrayList<>();
        List<float[][]> copies = new ArrayList<>();
        TrainConfig config = TrainConfig.builder().set(EPOCHS, 1).set(BATCH, 1).optimizer("sgd", 0.1).build();
        new Trainer(network, config, one, null).addListener(TrainingListener.layerSteps(step -> {
            steps.add(step);
            for (LayerSnapshot layer : step.layers()) {
                // Views of the trainer's buffers: copy during the call.
                copies.add(new float[][] {slice(layer.z(), layer.units()), slice(layer.a(), layer.units()),
                        slice(layer.dZ(), layer.units()), layer.dW().clone(), layer.dB().clone(),
                        layer.weights().clone(), layer.bias().clone()});
            }
        })).run();

        assertEquals(1, steps.size());
        StepSnapshot step = steps.get(0);
        assertEquals(0.045, step.loss(), 1e-7);
        assertEquals(2, step.layers().size());
        float[][] h = copies.get(0);
        assertArrayEquals(new float[] {0.1f, -0.2f}, h[0], TOLERANCE, "z1");
        assertArrayEquals(new float[] {0.1f, 0f}, h[1], TOLERANCE, "a1");
        assertArrayEquals(new float[] {-0.6f, 0f}, h[2], TOLERANCE, "dZ1");
        assertArrayEquals(new float[] {-0.6f, -1.2f, 0f, 0f}, h[3], TOLERANCE, "dW1");
        assertArrayEquals(new float[] {-0.6f, 0f}, h[4], TOLERANCE, "db1");
        assertArrayEquals(new float[] {0.56f, -0.13f, -1f, 0.75f}, h[5], TOLERANCE, "W1 after the step");
        assertArrayEquals(new float[] {0.16f, -0.7f}, h[6], TOLERANCE, "b1 after the step");
        float[][] o = copies.get(1);
        assertArrayEquals(new float[] {0.7f}, o[0], TOLERANCE, "z2");
        assertArrayEquals(new float[] {0.7f}, o[1], TOLERANCE, "a2");
        assertArrayEquals(new float[] {-0.3f}, o[2], TOLERANCE, "dZ2");
        assertArrayEquals(new float[] {-0.03f, 0f}, o[3], TOLERANCE, "dW2");
        assertArrayEquals(new float[] {-0.3f}, o[4], TOLERANCE, "db2");
        assertArrayEquals(new float[] {2.003f, -1f}, o[5], TOLERANCE, "W2 after the step");
        assertArrayEquals(new float[] {0.53f}, o[6], TOLERANCE, "b2 after the step");
        assertEquals(0.1 * Math.sqrt(1.8), step.layers().get(0).updateNorm(), 1e-6);
        assertEquals(0.003, step.layers().get(1).updateNorm(), 1e-6);

        // The network's own forward pass now gives z2 = 2.003·0.16 − 1·0 + 0.53 with z1 = [0.16 + 0.56 − 0.26, ...].
        // z1' = [0.56·1 − 0.13·2 + 0.16, −1 + 1.5 − 0.7] = [0.46, −0.2]; a2' = 2.003·0.46 + 0.53 = 1.45138.
        float[] out = new float[1];
        network.predict(new float[] {1, 2}, 1, out);
        assertEquals(1.45138f, out[0], 1e-5f);
    }

    @Test
    void batchGradientIsTheMeanOfTheRowGradients() {
        // Two rows with the same network: the second row x = (0, 0), y = 0 gives z1 = b1 = [0.1, −0.7],
        // a1 = [0.1, 0], z2 = 0.2 + 0.5 = 0.7, dZ2 = 0.7. With the first row's −0.3 the batch mean of
        // dZ2 is (−0.3 + 0.7)/2 = 0.2, so db2 = 0.2 and dW2 = mean(dZ2·a1) = (−0.03 + 0.07)/2 = 0.02 for unit 0.
        // Loss = (0.045 + ½·0.49)/2 = 0.145.
        NetworkSpec spec = new NetworkSpec(2, List.of(new LayerSpec(2, "relu")), 1, Output.IDENTITY, Loss.MSE, "zeros", "zeros");
        Network network = Network.create(spec, 1);
        System.arraycopy(new float[] {0.5f, -0.25f, -1f, 0.75f}, 0, network.layers().get(0).weights(), 0, 4);
        System.arraycopy(new float[] {0.1f, -0.7f}, 0, network.layers().get(0).bias(), 0, 2);
        System.arraycopy(new float[] {2f, -1f}, 0, network.layers().get(1).weights(), 0, 2);
        network.layers().get(1).bias()[0] = 0.5f;
        Workspace w = new Workspace(network.layers(), 2);
        float[] x = {1, 2, 0, 0};
        float[] y = {1, 0};
        w.forward(network, org.actlab.kernel.Kernels.gemm(), org.actlab.kernel.Kernels.activations(), x, 0, 2, null);
        assertEquals(0.145, w.lossSum(network, y, 0, 2) / 2, 1e-7);
        w.backward(network, org.actlab.kernel.Kernels.gemm(), org.actlab.kernel.Kernels.activations(), x, 0, y, 0, 2);
        assertEquals(0.2f, w.dB[1][0], TOLERANCE);
        assertEquals(0.02f, w.dW[1][0], TOLERANCE);
        assertEquals(0f, w.dW[1][1], TOLERANCE);
    }

    private static float[] slice(float[] values, int count) {
        return java.util.Arrays.copyOf(values, count);
    }
}

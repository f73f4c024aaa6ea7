package org.actlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.actlab.data.Dataset;
import org.actlab.nn.NetworkSpec.LayerSpec;
import org.actlab.nn.NetworkSpec.Loss;
import org.actlab.nn.NetworkSpec.Output;
import org.junit.jupiter.api.Test;

/** The public gradient computation against hand-computed gradients, and its contract (no update, copies). */
class BackpropTest {

    /** Three rows of two inputs with one regression target. */
    private static final Dataset DATA = new Dataset("three", new float[] {1, 2, -1, 0.5f, 0, -3}, new float[] {1, -2, 0.5f},
            3, 2, 1, Dataset.Task.REGRESSION);

    @Test
    void linearMseGradientEqualsTheClosedForm() {
        // No hidden layer, identity output: z = w·x + b, L = (1/n)·Σ ½(z − y)², so
        // dL/dw = (1/n)·Σ (z − y)·x and dL/db = (1/n)·Σ (z − y).
        Network network = Network.create(new NetworkSpec(2, List.of(), 1, Output.IDENTITY, Loss.MSE, "zeros", "zeros"), 1);
        DenseLayer layer = network.layers().get(0);
        layer.weights()[0] = 0.5f;
        layer.weights()[1] = -0.25f;
        layer.bias()[0] = 0.1f;
        double[] residual = new double[3];
        double loss = 0;
        for (int r = 0; r < 3; r++) {
            double z = 0.5 * DATA.x()[2 * r] - 0.25 * DATA.x()[2 * r + 1] + 0.1;
            residual[r] = z - DATA.y()[r];
            loss += 0.5 * residual[r] * residual[r] / 3;
        }
        double dw0 = 0;
        double dw1 = 0;
        double db = 0;
        for (int r = 0; r < 3; r++) {
            dw0 += residual[r] * DATA.x()[2 * r] / 3;
            dw1 += residual[r] * DATA.x()[2 * r + 1] / 3;
            db += residual[r] / 3;
        }
        float[] before = layer.weights().clone();
        Backprop.Gradient gradient = Backprop.of(network, DATA);
        assertEquals(loss, gradient.loss(), 1e-6);
        Backprop.LayerGradient g = gradient.layers().get(0);
        assertEquals(dw0, g.dW()[0], 1e-6);
        assertEquals(dw1, g.dW()[1], 1e-6);
        assertEquals(db, g.dB()[0], 1e-6);
        assertEquals(0, g.dP().length);
        assertArrayEquals(before, layer.weights(), "computing a gradient must not update the network");
    }

    @Test
    void gradientsAreCopiesThatTheNextComputationDoesNotOverwrite() {
        Network network = Network.create(new NetworkSpec(2, List.of(new LayerSpec(3, "tanh")), 1, Output.IDENTITY, Loss.MSE,
                "xavier_uniform", "zeros"), 4);
        Backprop.Gradient first = Backprop.of(network, DATA);
        float[] dW = first.layers().get(0).dW().clone();
        network.layers().get(1).weights()[0] += 1f;
        Backprop.Gradient second = Backprop.of(network, DATA);
        assertArrayEquals(dW, first.layers().get(0).dW());
        assertTrue(!java.util.Arrays.equals(dW, second.layers().get(0).dW()), "a changed output weight changes dW of layer 0");
    }

    @Test
    void aNonFiniteLossSkipsBackPropagation() {
        Network network = Network.create(new NetworkSpec(2, List.of(), 1, Output.IDENTITY, Loss.MSE, "zeros", "zeros"), 1);
        network.layers().get(0).bias()[0] = Float.POSITIVE_INFINITY;
        Backprop.Gradient gradient = Backprop.of(network, DATA);
        assertTrue(Double.isInfinite(gradient.loss()));
        assertArrayEquals(new float[2], gradient.layers().get(0).dW());
    }

    @Test
    void badUseIsRefused() {
        Network network = Network.create(new NetworkSpec(3, List.of(), 1, Output.IDENTITY, Loss.MSE, "zeros", "zeros"), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backprop.of(network, DATA));
        assertTrue(e.getMessage().contains("2 features"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Backprop(network, 0));
        assertThrows(IllegalStateException.class, () -> new Backprop(network, 2).backward());
    }
}

package org.actlab.lab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.actlab.activation.Activations;
import org.actlab.data.Dataset;
import org.actlab.diagnose.Diagnostics;
import org.actlab.diagnose.HealthReport;
import org.actlab.diagnose.UnitState;
import org.actlab.nn.DenseLayer;
import org.actlab.nn.Network;
import org.actlab.nn.NetworkSpec;
import org.actlab.nn.Trainer;
import org.junit.jupiter.api.Test;

/**
 * The experiments' measures on networks whose weights are set by hand, against hand-computed values;
 * the health figures go through the diagnostics ({@link HealthFigures}), with their 1% saturation limit.
 */
class MeasuresTest {

    /** Rows (1, 2), (−1, 0.5), (0, −3), (2, 2). */
    private static Dataset fourPoints() {
        return new Dataset("four", new float[] {1, 2, -1, 0.5f, 0, -3, 2, 2}, new float[] {1, 0, 0, 1}, 4, 2, 1,
                Dataset.Task.BINARY);
    }

    @Test
    void collapsedMapOfAHandBuiltLinearNetwork() {
        Network net = Network.create(Lab.binary(2, Lab.hidden(2, 2, "identity"), "zeros", "zeros"), 1);
        List<DenseLayer> layers = net.layers();
        // W1 = [[1, 2], [3, 4]], b1 = (1, -1); W2 = [[0.5, 0], [0, 2]], b2 = (0, 1); W3 = [[1, -1]], b3 = 0.25.
        // Collapsed: W = W3 W2 W1 = [0.5·1 − 2·3, 0.5·2 − 2·4] = [−5.5, −7], b = W3 (W2 b1 + b2) + b3 = 0.5 − (−1) + 0.25 = 1.75.
        set(layers.get(0), new float[] {1, 2, 3, 4}, new float[] {1, -1});
        set(layers.get(1), new float[] {0.5f, 0, 0, 2}, new float[] {0, 1});
        set(layers.get(2), new float[] {1, -1}, new float[] {0.25f});
        double[] difference = LinearCollapse.collapseDifference(net, 7);
        // Float32 rounding through three small layers on inputs of size ~3: far below 1e-4.
        assertTrue(difference[0] < 1e-4, "absolute " + difference[0]);
        assertTrue(difference[1] < 1e-6, "relative " + difference[1]);
        float[] x = {2, -1};
        List<Network.LayerTrace> trace = net.trace(x, 1);
        assertEquals(-5.5 * 2 - 7 * -1 + 1.75, trace.get(2).z()[0], 1e-5);
    }

    @Test
    void aCollapseMismatchIsReported() {
        // A tanh layer is not linear: the "collapsed" map of its weights misses the curvature.
        Network net = Network.create(Lab.binary(2, Lab.hidden(1, 4, "tanh"), "xavier_normal", "zeros"), 3);
        double[] difference = LinearCollapse.collapseDifference(net, 7);
        assertTrue(difference[1] > 1e-2, "relative " + difference[1]);
    }

    /** 2 → 4 relu → 2 relu → 1 with hand-set weights (see the dead-share test). */
    private static Network handBuiltTwoLayers(String activation) {
        NetworkSpec spec = Lab.binary(2, List.of(new NetworkSpec.LayerSpec(4, activation),
                new NetworkSpec.LayerSpec(2, activation)), "zeros", "zeros");
        Network net = Network.create(spec, 1);
        // Layer 1. Unit 0: z = x1 (positive on rows 0 and 3): alive. Unit 1: z = −10: dead. Unit 2: z = x2 − 100:
        // dead. Unit 3: z = 0 on every row: relu'(0) = 0, so dead as well.
        set(net.layers().get(0), new float[] {1, 0, 0, 0, 0, 1, 0, 0}, new float[] {0, -10, -100, 0});
        // Layer 2. Unit 0: z = a1₀ = relu(x1) = 1, 0, 0, 2: alive. Unit 1: z = −1: dead.
        set(net.layers().get(1), new float[] {1, 0, 0, 0, 0, 0, 0, 0}, new float[] {0, -1});
        return net;
    }

    @Test
    void deadShareAndMeanOutputArePooledOverHiddenUnits() {
        HealthReport relu = HealthFigures.inspect(handBuiltTwoLayers("relu"), fourPoints());
        // 3 of 4 and 1 of 2 dead: 4 of 6 hidden units, not the mean of the layer shares (0.625).
        assertEquals(4.0 / 6, HealthFigures.hiddenDeadShare(relu), 1e-15);
        // Outputs: layer 1 sums to 1 + 2 over 16 pairs, layer 2 to 1 + 2 over 8 pairs: 6 over 24 pairs.
        assertEquals(0.25, HealthFigures.hiddenMeanActivation(relu), 1e-15);
        // Every relu pair with z ≤ 0 is saturated (f' = 0): layer 1 has 14 of 16, layer 2 has 6 of 8.
        assertEquals(20.0 / 24, HealthFigures.hiddenSaturatedShare(relu), 1e-15);

        // Leaky ReLU's slope 0.01 is 1% of its largest slope, not below it: nothing dead, nothing saturated.
        HealthReport leaky = HealthFigures.inspect(handBuiltTwoLayers("leaky_relu"), fourPoints());
        assertEquals(0, HealthFigures.hiddenDeadShare(leaky), 0);
        assertEquals(0, HealthFigures.hiddenSaturatedShare(leaky), 0);
    }

    @Test
    void saturationIsBelowOnePercentOfTheLargestSlope() {
        // One input and one logistic unit with z = x: σ'(z) = σ(z)(1 − σ(z)) against 0.01 × σ'(0) = 0.0025.
        Dataset data = new Dataset("z", new float[] {5, 7, -6.5f, 0}, new float[] {1, 0, 0, 1}, 4, 1, 1, Dataset.Task.BINARY);
        Network net = Network.create(Lab.binary(1, Lab.hidden(1, 1, "sigmoid"), "zeros", "zeros"), 1);
        set(net.layers().get(0), new float[] {1}, new float[] {0});
        HealthReport health = HealthFigures.inspect(net, data);
        // σ'(5) = 0.00665 is not saturated (it would be at 10%), σ'(7) = 0.00091 and σ'(6.5) = 0.00150 are.
        assertEquals(0.5, HealthFigures.hiddenSaturatedShare(health), 0);
        // Saturated on 2 of 4 rows is below the 99% a saturated unit needs.
        assertEquals(0, HealthFigures.hiddenSaturatedUnits(health), 0);
        double expected = 0;
        for (double z : new double[] {5, 7, -6.5, 0}) {
            double s = 1 / (1 + Math.exp(-z));
            expected += s * (1 - s) / 4;
        }
        assertEquals(expected, LogisticSaturation.meanHiddenDerivative(net, data), 1e-7);
    }

    @Test
    void saturationAtZeroAndAtHugeWeights() {
        Network net = Network.create(Lab.binary(2, Lab.hidden(2, 3, "sigmoid"), "zeros", "zeros"), 1);
        // All weights 0: every z is 0, σ'(0) = 1/4 exactly, nothing saturated.
        assertEquals(0, HealthFigures.hiddenSaturatedShare(HealthFigures.inspect(net, fourPoints())), 0);
        assertEquals(0.25, LogisticSaturation.meanHiddenDerivative(net, fourPoints()), 1e-7);
        for (DenseLayer layer : net.layers()) {
            Arrays.fill(layer.weights(), 100f);
            Arrays.fill(layer.bias(), 1f);
        }
        // Rows have x1 + x2 = 3, -0.5, -3, 4, so layer 1 has z = 100(x1 + x2) + 1 = 301, -49, -299, 401: all 12
        // saturated (|z| > 5.99). Its outputs are ≈ 1, 1, 1 on rows 0 and 3 and ≈ 0 on rows 1 and 2, so layer 2 has
        // z ≈ 301 (saturated) on rows 0 and 3 and z ≈ 1 (σ'(1) ≈ 0.197, not saturated) on rows 1 and 2: 6 of 12.
        // The output layer is not a hidden layer and is not counted.
        HealthReport huge = HealthFigures.inspect(net, fourPoints());
        assertEquals((12 + 6) / 24.0, HealthFigures.hiddenSaturatedShare(huge), 1e-12);
        // Layer 1's units are saturated on every row, layer 2's on half of them: 3 of 6 units.
        assertEquals(0.5, HealthFigures.hiddenSaturatedUnits(huge), 1e-12);
    }

    @Test
    void saturatedCountAppliesTheDefinitionToEachValue() {
        // tanh'(z) = 1 − tanh²(z): 0.00987 at |z| = 3 (below 0.01), 0.01203 at |z| = 2.9 (not).
        assertEquals(2, HealthFigures.saturatedCount(Activations.parse("tanh"), new float[] {3, -3, 2.9f, -2.9f}, 4));
        // relu' is 0 at −1, −0 and 0 (the kink takes the left slope) and 1 from the smallest subnormal up.
        float[] relu = {-1, -0f, 0f, Float.MIN_VALUE, 1, Float.MAX_VALUE};
        assertEquals(3, HealthFigures.saturatedCount(Activations.parse("relu"), relu, relu.length));
        assertEquals(0, HealthFigures.saturatedCount(Activations.parse("relu"), new float[] {Float.MIN_VALUE, 1, -1}, 2));
        assertEquals(0, HealthFigures.saturatedCount(Activations.parse("relu"), new float[0], 0));
        assertEquals(0, HealthFigures.saturatedCount(Activations.parse("leaky_relu"), new float[] {-5, -0f, -1e30f}, 3));
    }

    @Test
    void gradientNormsMatchFiniteDifferencesOfTheLoss() {
        Network net = Network.create(Lab.binary(2, Lab.hidden(1, 3, "tanh"), "xavier_normal", "constant(0.1)"), 5);
        Dataset data = fourPoints();
        double[] norms = HealthFigures.gradientNorms(HealthFigures.inspect(net, data));
        assertEquals(2, norms.length);
        for (int layer = 0; layer < 2; layer++) {
            float[] w = net.layers().get(layer).weights();
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                float saved = w[i];
                float h = 1e-2f;
                w[i] = saved + h;
                double up = net.loss(data);
                w[i] = saved - h;
                double down = net.loss(data);
                w[i] = saved;
                double g = (up - down) / (2 * h);
                sum += g * g;
            }
            // Central differences in float32 with h = 1e-2: a few per cent is the honest tolerance.
            assertEquals(Math.sqrt(sum), norms[layer], 0.03 * Math.sqrt(sum) + 1e-4, "layer " + layer);
        }
        // The measure leaves the network as it was.
        assertEquals(norms[0], HealthFigures.gradientNorms(HealthFigures.inspect(net, data))[0], 0);
    }

    @Test
    void theListenerReportsOnceAfterTheLastEpoch() {
        Dataset data = Lab.data("circle", 60, 0.1, 4);
        Network net = Network.create(Lab.binary(2, Lab.hidden(2, 8, "relu"), "he_normal", "zeros"), 4);
        Diagnostics diagnostics = HealthFigures.listener(data, 3);
        new Trainer(net, Lab.sgd(3, 10, 0.5, 4), data, null).addListener(diagnostics).run();
        assertEquals(1, diagnostics.history().size());
        HealthReport last = HealthFigures.last(diagnostics);
        assertEquals(2, last.epoch());
        // The evaluation figures are those of the trained network on the same rows.
        HealthReport now = HealthFigures.inspect(net, data);
        assertEquals(HealthFigures.hiddenDeadShare(now), HealthFigures.hiddenDeadShare(last), 0);
        assertEquals(HealthFigures.hiddenMeanActivation(now), HealthFigures.hiddenMeanActivation(last), 0);
        // A listener that saw no step has nothing to give.
        assertThrows(IllegalStateException.class, () -> HealthFigures.last(HealthFigures.listener(data, 3)));
    }

    @Test
    void aKnockedOutReluUnitIsDeadAndALeakyOneIsNot() {
        // The knock-out leaves max z = −1 over the rows: relu is dead there (f' = 0), leaky_relu is not (f' = 0.01).
        assertEquals(UnitState.DEAD, Dying.knockout("relu", true, 1).knockedState());
        assertEquals(UnitState.HEALTHY, Dying.knockout("leaky_relu", true, 1).knockedState());
    }

    @Test
    void pooledFiguresNeedAHiddenLayer() {
        Network net = Network.create(Lab.binary(2, List.of(), "zeros", "zeros"), 1);
        HealthReport outputOnly = HealthFigures.inspect(net, fourPoints());
        assertThrows(IllegalArgumentException.class, () -> HealthFigures.hiddenDeadShare(outputOnly));
    }

    @Test
    void reluSweepCoversThePositiveFloats() {
        float[] sweep = ReluProperties.sweep();
        assertEquals(Float.MIN_VALUE, sweep[0], 0);
        assertEquals(Float.MAX_VALUE, sweep[sweep.length - 1], 0);
        for (int i = 1; i < sweep.length; i++) {
            assertTrue(sweep[i] >= sweep[i - 1] && sweep[i] > 0 && Float.isFinite(sweep[i]));
        }
        // Subnormals (below 2^-126) are in the sweep.
        assertTrue(sweep[10] < Float.MIN_NORMAL);
    }

    private static void set(DenseLayer layer, float[] weights, float[] bias) {
        System.arraycopy(weights, 0, layer.weights(), 0, weights.length);
        System.arraycopy(bias, 0, layer.bias(), 0, bias.length);
    }

    @Test
    void specHelpersBuildWhatTheyName() {
        NetworkSpec spec = Lab.binary(2, Lab.hidden(3, 5, "relu"), "he_normal", "zeros");
        assertEquals(3, spec.hidden().size());
        assertEquals(NetworkSpec.Output.SIGMOID, spec.output());
        assertEquals("he_normal", Lab.initFor("leaky_relu"));
        assertEquals("xavier_normal", Lab.initFor("tanh"));
    }
}

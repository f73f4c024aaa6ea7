package org.actlab.diagnose;

import static org.actlab.nn.TrainConfig.BATCH;
import static org.actlab.nn.TrainConfig.EPOCHS;
import static org.actlab.nn.TrainConfig.SEED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.actlab.data.Dataset;
import org.actlab.nn.DenseLayer;
import org.actlab.nn.Network;
import org.actlab.nn.NetworkSpec;
import org.actlab.nn.NetworkSpec.LayerSpec;
import org.actlab.nn.TrainConfig;
import org.actlab.nn.Trainer;
import org.actlab.nn.TrainingResult;
import org.junit.jupiter.api.Test;

/** End to end with the engine: real networks, real training, figures checked against hand computations. */
class DiagnosticsTrainingTest {

    /** Two Gaussian blobs at (±0.5, ±0.5), labels 0 and 1; seeded. */
    private static Dataset blobs(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[2 * n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            double centre = label == 0 ? -0.5 : 0.5;
            x[2 * i] = (float) (centre + 0.3 * random.nextGaussian());
            x[2 * i + 1] = (float) (centre + 0.3 * random.nextGaussian());
            y[i] = label;
        }
        return new Dataset("blobs", x, y, n, 2, 1, Dataset.Task.BINARY);
    }

    private static NetworkSpec classifier(String activation, int units, String weightInit, String biasInit) {
        return new NetworkSpec(2, List.of(new LayerSpec(units, activation)), 1, NetworkSpec.Output.SIGMOID,
                NetworkSpec.Loss.BCE, weightInit, biasInit);
    }

    private static List<String> rules(HealthReport report) {
        return report.advice().stream().map(Advice::rule).collect(Collectors.toList());
    }

    @Test
    void reluWithANegativeBiasDiesAndLeakyReluDoesNot() {
        Dataset train = blobs(200, 1);
        TrainConfig config = TrainConfig.builder().set(EPOCHS, 10).set(BATCH, 20).optimizer("sgd", 0.1).set(SEED, 3L).build();

        Network relu = Network.create(classifier("relu", 16, "he_normal", "constant(-5)"), 3);
        Diagnostics reluDiagnostics = new Diagnostics(train);
        new Trainer(relu, config, train, null).addListener(reluDiagnostics).run();
        HealthReport dead = reluDiagnostics.latest().orElseThrow();
        assertEquals(10, reluDiagnostics.history().size());
        assertEquals(9, dead.epoch());
        assertTrue(dead.layers().get(0).deadFraction() >= 0.5, HealthTable.format(dead));
        assertTrue(rules(dead).contains(Advisor.DEAD_UNITS), HealthTable.format(dead));

        Network leaky = Network.create(classifier("leaky_relu", 16, "he_normal", "constant(-5)"), 3);
        Diagnostics leakyDiagnostics = new Diagnostics(train);
        new Trainer(leaky, config, train, null).addListener(leakyDiagnostics).run();
        HealthReport alive = leakyDiagnostics.latest().orElseThrow();
        assertEquals(0.0, alive.layers().get(0).deadFraction(), 0.0);
        assertFalse(rules(alive).contains(Advisor.DEAD_UNITS), HealthTable.format(alive));
    }

    @Test
    void sigmoidWithHugeWeightsIsSaturatedAtInitialisationAndWithTinyWeightsIsNot() {
        Dataset data = blobs(100, 2);
        HealthReport huge = Diagnostics.inspect(Network.create(classifier("sigmoid", 8, "uniform(-200,200)", "zeros"), 5),
                data, DiagnosticsConfig.defaults());
        assertTrue(huge.layers().get(0).saturatedFraction() > 0.9, HealthTable.format(huge));
        assertTrue(rules(huge).contains(Advisor.SATURATION), HealthTable.format(huge));

        HealthReport tiny = Diagnostics.inspect(Network.create(classifier("sigmoid", 8, "uniform(-0.01,0.01)", "zeros"), 5),
                data, DiagnosticsConfig.defaults());
        assertEquals(0.0, tiny.layers().get(0).saturatedFraction(), 0.0);
        assertFalse(rules(tiny).contains(Advisor.SATURATION), HealthTable.format(tiny));
        assertEquals(-1, tiny.epoch());
        assertEquals(100L * 8, tiny.layers().get(0).preActivations().total());
        assertEquals(100L, tiny.layers().get(1).preActivations().total());
    }

    /** A 2-2-1 network, tanh hidden, identity output, MSE ½(ŷ − y)² averaged over the batch. */
    private static final NetworkSpec TINY = new NetworkSpec(2, List.of(new LayerSpec(2, "tanh")), 1,
            NetworkSpec.Output.IDENTITY, NetworkSpec.Loss.MSE, "uniform(-1,1)", "uniform(-1,1)");
    private static final Dataset FOUR = new Dataset("four", new float[] {0.5f, -1, 1, 2, -1.5f, 0.25f, 0.3f, 0.7f},
            new float[] {0.2f, -0.4f, 1, 0.5f}, 4, 2, 1, Dataset.Task.REGRESSION);

    /** ‖dL/dW‖ of both layers by hand-written backpropagation in double, for the full batch. */
    private static double[] handGradientNorms(Network network, Dataset data) {
        DenseLayer hidden = network.layers().get(0);
        DenseLayer out = network.layers().get(1);
        float[] w1 = hidden.weights();
        float[] b1 = hidden.bias();
        float[] w2 = out.weights();
        float[] b2 = out.bias();
        double[] dW1 = new double[4];
        double[] dW2 = new double[2];
        int n = data.n();
        for (int s = 0; s < n; s++) {
            double x0 = data.x()[2 * s];
            double x1 = data.x()[2 * s + 1];
            double h0 = Math.tanh(w1[0] * x0 + w1[1] * x1 + b1[0]);
            double h1 = Math.tanh(w1[2] * x0 + w1[3] * x1 + b1[1]);
            double yHat = w2[0] * h0 + w2[1] * h1 + b2[0];
            double dOut = (yHat - data.y()[s]) / n;
            dW2[0] += dOut * h0;
            dW2[1] += dOut * h1;
            double dz0 = dOut * w2[0] * (1 - h0 * h0);
            double dz1 = dOut * w2[1] * (1 - h1 * h1);
            dW1[0] += dz0 * x0;
            dW1[1] += dz0 * x1;
            dW1[2] += dz1 * x0;
            dW1[3] += dz1 * x1;
        }
        return new double[] {norm(dW1), norm(dW2)};
    }

    private static double norm(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }

    private static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        return Math.sqrt(sum);
    }

    @Test
    void gradientNormsAndUpdateRatiosEqualHandComputedOnes() {
        Network network = Network.create(TINY, 17);
        double[] expected = handGradientNorms(network, FOUR);
        double rate = 0.1;
        Diagnostics diagnostics = new Diagnostics(FOUR);
        new Trainer(network, TrainConfig.builder().set(EPOCHS, 1).set(BATCH, 4).optimizer("sgd", rate).build(), FOUR, null)
                .addListener(diagnostics).run();
        List<double[]> series = diagnostics.gradientNormHistory();
        assertEquals(1, series.get(0).length);
        assertEquals(expected[0], series.get(0)[0], 1e-5 * expected[0]);
        assertEquals(expected[1], series.get(1)[0], 1e-5 * expected[1]);
        HealthReport report = diagnostics.latest().orElseThrow();
        assertEquals(expected[0], report.layers().get(0).gradientNorm(), 1e-5 * expected[0]);
        assertEquals(expected[0] / expected[1], report.gradientRatio(), 1e-4 * expected[0] / expected[1]);
        // Plain SGD moves W by rate × dL/dW, so ‖ΔW‖/‖W‖ = rate × ‖dL/dW‖ / ‖W after‖.
        for (int i = 0; i < 2; i++) {
            double ratio = rate * expected[i] / norm(network.layers().get(i).weights());
            assertEquals(ratio, report.layers().get(i).updateRatio(), 1e-4 * ratio);
        }
    }

    @Test
    void inspectTakesOneFullBatchGradientAndLeavesTheNetworkAlone() {
        Network network = Network.create(TINY, 23);
        float[] before = network.layers().get(0).weights().clone();
        double[] expected = handGradientNorms(network, FOUR);
        HealthReport report = Diagnostics.inspect(network, FOUR, DiagnosticsConfig.defaults());
        assertArrayEquals(before, network.layers().get(0).weights());
        assertEquals(expected[0], report.layers().get(0).gradientNorm(), 1e-5 * expected[0]);
        assertEquals(expected[1], report.layers().get(1).gradientNorm(), 1e-5 * expected[1]);
        assertTrue(Double.isNaN(report.layers().get(0).updateRatio()));
    }

    @Test
    void positiveInputsOneSampleAtATimeGiveCoherentGradients() {
        // All inputs in (0, 1) and batch size 1: dL/dW[j,:] = dL/dz_j · x has one sign per row.
        // The output layer's inputs are sigmoid outputs, positive too: the lecture's zig-zag case.
        SplittableRandom random = new SplittableRandom(4);
        int n = 40;
        float[] x = new float[2 * n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = (float) (0.05 + 0.9 * random.nextDouble());
            x[2 * i + 1] = (float) (0.05 + 0.9 * random.nextDouble());
            y[i] = x[2 * i] > x[2 * i + 1] ? 1 : 0;
        }
        Dataset positive = new Dataset("positive", x, y, n, 2, 1, Dataset.Task.BINARY);
        Network network = Network.create(classifier("sigmoid", 4, "uniform(-1,1)", "zeros"), 8);
        Diagnostics diagnostics = new Diagnostics(positive);
        new Trainer(network, TrainConfig.builder().set(EPOCHS, 2).set(BATCH, 1).optimizer("sgd", 0.1).build(), positive, null)
                .addListener(diagnostics).run();
        HealthReport report = diagnostics.latest().orElseThrow();
        assertEquals(1.0, report.layers().get(0).signCoherence(), 0.0);
        assertEquals(1.0, report.layers().get(1).signCoherence(), 0.0);
        assertTrue(rules(report).contains(Advisor.NOT_ZERO_CENTRED), HealthTable.format(report));
    }

    @Test
    void evaluatesEveryKEpochsAndAfterTheLast() {
        Dataset data = blobs(40, 6);
        Diagnostics diagnostics = new Diagnostics(data, DiagnosticsConfig.defaults().withEvaluateEvery(3));
        new Trainer(Network.create(classifier("tanh", 4, "uniform(-1,1)", "zeros"), 1),
                TrainConfig.builder().set(EPOCHS, 7).set(BATCH, 10).optimizer("sgd", 0.1).build(), data, null).addListener(diagnostics).run();
        assertEquals(List.of(2, 5, 6), diagnostics.history().stream().map(HealthReport::epoch).collect(Collectors.toList()));
        assertEquals(7 * 4, diagnostics.gradientNormHistory().get(0).length);
    }

    @Test
    void divergenceStillEndsWithAReportOfTheEpochInProgress() {
        // Linear output and squared error at rate 100: every step multiplies the error, until it overflows.
        Dataset blobs = blobs(100, 9);
        Dataset data = new Dataset("blobs", blobs.x(), blobs.y(), blobs.n(), 2, 1, Dataset.Task.REGRESSION);
        NetworkSpec spec = new NetworkSpec(2, List.of(new LayerSpec(8, "leaky_relu")), 1, NetworkSpec.Output.IDENTITY,
                NetworkSpec.Loss.MSE, "he_normal", "zeros");
        Diagnostics diagnostics = new Diagnostics(data, DiagnosticsConfig.defaults().withEvaluateEvery(10));
        TrainingResult result = new Trainer(Network.create(spec, 1),
                TrainConfig.builder().set(EPOCHS, 20).set(BATCH, 10).optimizer("sgd", 100).build(), data, null).addListener(diagnostics).run();
        assertTrue(result.stopped() != null, "expected divergence at rate 100");
        List<HealthReport> history = diagnostics.history();
        assertEquals(1, history.size());
        assertEquals(result.history().size(), history.get(0).epoch());
        // The epoch in progress is the one after the last completed; its step figures are kept.
        assertTrue(history.get(0).layers().get(0).gradientNorm() > 0, HealthTable.format(history.get(0)));
    }

    @Test
    void anEvaluationSetOfTheWrongWidthIsANamedError() {
        Dataset three = new Dataset("three", new float[3], new float[1], 1, 3, 1, Dataset.Task.REGRESSION);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Diagnostics.inspect(Network.create(TINY, 1), three, DiagnosticsConfig.defaults()));
        assertTrue(e.getMessage().contains("3 features") && e.getMessage().contains("2 inputs"), e.getMessage());
    }
}

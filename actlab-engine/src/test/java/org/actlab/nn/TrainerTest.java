package org.actlab.nn;

import static org.actlab.nn.TrainConfig.BATCH;
import static org.actlab.nn.TrainConfig.CLIP;
import static org.actlab.nn.TrainConfig.EPOCHS;
import static org.actlab.nn.TrainConfig.L1;
import static org.actlab.nn.TrainConfig.L2;
import static org.actlab.nn.TrainConfig.SCHEDULE;
import static org.actlab.nn.TrainConfig.SEED;
import static org.actlab.nn.TrainConfig.THREADS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.actlab.activation.PRelu;
import org.actlab.data.DataSets;
import org.actlab.data.Dataset;
import org.actlab.nn.NetworkSpec.LayerSpec;
import org.actlab.nn.NetworkSpec.Loss;
import org.actlab.nn.NetworkSpec.Output;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private static final Dataset XOR = DataSets.generate("xor", 200, 0, 3);

    private static NetworkSpec spec(String activation) {
        return new NetworkSpec(2, List.of(new LayerSpec(6, activation), new LayerSpec(4, activation)), 1,
                Output.SIGMOID, Loss.BCE, "xavier_uniform", "zeros");
    }

    private static TrainConfig config(String optimizer, double rate, int epochs, int threads) {
        return TrainConfig.builder().set(EPOCHS, epochs).set(BATCH, 16).optimizer(optimizer, rate).set(SEED, 42L).set(THREADS, threads).build();
    }

    private static float[] allParameters(Network network) {
        List<Float> values = new ArrayList<>();
        for (DenseLayer layer : network.layers()) {
            for (float w : layer.weights()) {
                values.add(w);
            }
            for (float b : layer.bias()) {
                values.add(b);
            }
            for (float p : layer.activation().parameters()) {
                values.add(p);
            }
        }
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static void assertSameBits(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), "parameter " + i);
        }
    }

    @Test
    void sameSeedGivesIdenticalBitsForOneAndTwoThreads() {
        float[] reference = null;
        for (int threads : new int[] {1, 1, 2}) {
            Network network = Network.create(spec("rrelu"), 9);
            TrainingResult result = new Trainer(network, config("adam", 0.01, 5, threads), XOR, null).run();
            assertNull(result.stopped());
            float[] parameters = allParameters(network);
            if (reference == null) {
                reference = parameters;
            } else {
                assertSameBits(reference, parameters);
            }
        }
        // A different training seed shuffles differently and so ends elsewhere.
        Network other = Network.create(spec("rrelu"), 9);
        new Trainer(other, TrainConfig.builder().set(EPOCHS, 5).set(BATCH, 16).optimizer("adam", 0.01).set(SEED, 43L).build(), XOR, null).run();
        assertFalse(java.util.Arrays.equals(reference, allParameters(other)));
    }

    @Test
    void steppingByHandEqualsRun() {
        Network byRun = Network.create(spec("tanh"), 4);
        Network byStep = Network.create(spec("tanh"), 4);
        TrainConfig config = config("momentum(0.9)", 0.05, 3, 1);
        TrainingResult result = new Trainer(byRun, config, XOR, XOR).run();
        Trainer trainer = new Trainer(byStep, config, XOR, XOR);
        assertEquals(13, trainer.stepsPerEpoch()); // ⌈200/16⌉
        StepSnapshot first = trainer.step();
        assertEquals(0, first.epoch());
        assertEquals(16, first.batchSize());
        assertTrue(first.layers().isEmpty(), "no listener asked for layers");
        EpochSnapshot epoch0 = trainer.runEpoch();
        assertEquals(0, epoch0.epoch());
        assertEquals(13, trainer.globalStep());
        trainer.runEpoch();
        EpochSnapshot epoch2 = trainer.runEpoch();
        assertEquals(3, trainer.epoch());
        assertSameBits(allParameters(byRun), allParameters(byStep));
        assertEquals(result.last().trainLoss(), epoch2.trainLoss());
        assertEquals(result.last().testAccuracy(), epoch2.testAccuracy());
        assertEquals(3, result.history().size());
        assertEquals(byRun.loss(XOR), result.last().trainLoss(), 1e-12);
    }

    @Test
    void listenersSeeTheWholeLifecycleAndConsistentSnapshots() {
        List<String> events = new ArrayList<>();
        Network network = Network.create(spec("prelu(0.25)"), 2);
        TrainConfig config = TrainConfig.builder().set(EPOCHS, 2).set(BATCH, 64).optimizer("sgd", 0.1).build();
        TrainingResult result = new Trainer(network, config, XOR, null).addListener(new TrainingListener() {
            @Override
            public Capture capture() {
                return Capture.LAYERS;
            }

            @Override
            public void onStart(Network n, TrainConfig c) {
                events.add("start");
            }

            @Override
            public void onStep(StepSnapshot step) {
                events.add("step " + step.epoch() + "/" + step.step() + " rows " + step.batchSize());
                assertEquals(3, step.layers().size());
                LayerSnapshot hidden = step.layers().get(0);
                assertEquals(2, hidden.inputs());
                assertEquals(6, hidden.units());
                assertTrue(hidden.activation() instanceof PRelu);
                // a = prelu(z) with the slope of the forward pass, one slope for the layer; the snapshot's
                // activation already carries the slope after this step's update.
                double forwardSlope = Double.NaN;
                for (int i = 0; i < step.batchSize() * hidden.units(); i++) {
                    float z = hidden.z()[i];
                    float a = hidden.a()[i];
                    if (z > 0) {
                        assertEquals(z, a);
                    } else if (z < 0) {
                        double slope = (double) a / z;
                        if (Double.isNaN(forwardSlope)) {
                            forwardSlope = slope;
                        }
                        assertEquals(forwardSlope, slope, 1e-6, "one slope per layer");
                    }
                }
                // dB is the column sum of dZ.
                for (int j = 0; j < hidden.units(); j++) {
                    double sum = 0;
                    for (int r = 0; r < step.batchSize(); r++) {
                        sum += hidden.dZ()[r * hidden.units() + j];
                    }
                    assertEquals(sum, hidden.dB()[j], 1e-6);
                }
                // SGD: the update is exactly −η·dW, so its norm is η·‖dW‖.
                double norm = 0;
                for (float g : hidden.dW()) {
                    norm += (double) g * g;
                }
                assertEquals(0.1 * Math.sqrt(norm), hidden.updateNorm(), 1e-6 * (1 + hidden.updateNorm()));
            }

            @Override
            public void onEpoch(EpochSnapshot epoch) {
                events.add("epoch " + epoch.epoch());
                assertTrue(Double.isNaN(epoch.testLoss()));
            }

            @Override
            public void onEnd(TrainingResult r) {
                events.add("end");
            }
        }).run();
        assertEquals(List.of("start", "step 0/0 rows 64", "step 0/1 rows 64", "step 0/2 rows 64", "step 0/3 rows 8", "epoch 0",
                "step 1/0 rows 64", "step 1/1 rows 64", "step 1/2 rows 64", "step 1/3 rows 8", "epoch 1", "end"), events);
        assertEquals(2, result.history().size());
        // prelu's slope is learnt: it moved away from 0.25 in every hidden layer.
        for (int l = 0; l < 2; l++) {
            float slope = ((PRelu) network.layers().get(l).activation()).slope();
            assertNotEquals(0.25f, slope, "layer " + l + " slope");
        }
    }

    @Test
    void hugeLearningRateDivergesWithAMessageNamingEpochStepAndLayer() {
        Dataset data = DataSets.generate("plane", 100, 0, 1);
        NetworkSpec regression = new NetworkSpec(2, List.of(new LayerSpec(8, "relu")), 1, Output.IDENTITY, Loss.MSE, "he_normal", "zeros");
        Network network = Network.create(regression, 1);
        TrainConfig config = TrainConfig.builder().set(EPOCHS, 50).set(BATCH, 10).optimizer("sgd", 1e6).build();
        List<TrainingResult> ends = new ArrayList<>();
        TrainingResult result = new Trainer(network, config, data, null).addListener(new TrainingListener() {
            @Override
            public void onEnd(TrainingResult r) {
                ends.add(r);
            }
        }).run();
        assertTrue(result.stopped() != null, "training should stop");
        assertTrue(result.stopped().matches("training diverged at epoch \\d+, step \\d+: .*layer \\d+.*"), result.stopped());
        assertTrue(result.history().size() < 50);
        assertEquals(1, ends.size());

        Network again = Network.create(regression, 1);
        Trainer trainer = new Trainer(again, config, data, null);
        DivergenceException thrown = assertThrows(DivergenceException.class, () -> {
            for (int i = 0; i < 1000; i++) {
                trainer.step();
            }
        });
        assertTrue(thrown.getMessage().contains("epoch " + thrown.epoch() + ", step " + thrown.step()), thrown.getMessage());
        assertEquals(result.stopped(), thrown.getMessage());
        IllegalStateException after = assertThrows(IllegalStateException.class, trainer::step);
        assertTrue(after.getMessage().startsWith("training has stopped: training diverged"), after.getMessage());
    }

    @Test
    void clippingBoundsEachLayersUpdate() {
        Network network = Network.create(spec("tanh"), 5);
        TrainConfig config = TrainConfig.builder().set(EPOCHS, 1).set(BATCH, 32).optimizer("sgd", 0.5).set(CLIP, 1e-3).build();
        List<Double> norms = new ArrayList<>();
        new Trainer(network, config, XOR, null).addListener(TrainingListener.layerSteps(
                step -> step.layers().forEach(layer -> norms.add(layer.updateNorm())))).run();
        // With SGD the weight update is η·(clipped gradient), at most η·clipNorm = 5e-4 per layer.
        assertFalse(norms.isEmpty());
        for (double norm : norms) {
            assertTrue(norm <= 5e-4 * (1 + 1e-5), "update norm " + norm);
        }
        assertTrue(norms.stream().mapToDouble(Double::doubleValue).max().orElse(0) > 4e-4, "the clip should bind on some step");
    }

    @Test
    void l2PenaltyAddsLambdaTimesWeightToTheGradient() {
        // With a zero-error target the data gradient vanishes, so one SGD step is w ← w − η·λ·w exactly
        // (up to float rounding): the network predicts its own output.
        NetworkSpec linear = new NetworkSpec(2, List.of(), 1, Output.IDENTITY, Loss.MSE, "constant(0.5)", "zeros");
        Network network = Network.create(linear, 1);
        // x = (1, 1) gives z = 1; the target is 1, so dL/dW = 0.
        Dataset data = new Dataset("fixed", new float[] {1, 1}, new float[] {1}, 1, 2, 1, Dataset.Task.REGRESSION);
        new Trainer(network, TrainConfig.builder().set(EPOCHS, 1).set(BATCH, 1).optimizer("sgd", 0.1).set(L2, 0.2).build(), data, null).run();
        assertArrayEquals(new float[] {0.5f - 0.1f * 0.2f * 0.5f, 0.5f - 0.1f * 0.2f * 0.5f}, network.layers().get(0).weights(), 1e-7f);
        Network l1Network = Network.create(new NetworkSpec(2, List.of(), 1, Output.IDENTITY, Loss.MSE, "constant(-0.5)", "constant(2)"), 1);
        // z = −1 + 2 = 1 again; L1 adds λ·sign(w) = −0.2, so w ← −0.5 + 0.1·0.2 = −0.48.
        new Trainer(l1Network, TrainConfig.builder().set(EPOCHS, 1).set(BATCH, 1).optimizer("sgd", 0.1).set(L1, 0.2).build(), data, null).run();
        assertArrayEquals(new float[] {-0.48f, -0.48f}, l1Network.layers().get(0).weights(), 1e-7f);
    }

    @Test
    void badConfigurationAndDataAreRejectedWithClearMessages() {
        Network network = Network.create(spec("tanh"), 1);
        IllegalArgumentException optimizer = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(network, config("adamm", 0.1, 1, 1), XOR, null));
        assertTrue(optimizer.getMessage().contains("unknown optimiser 'adamm'"), optimizer.getMessage());
        IllegalArgumentException schedule = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(network, TrainConfig.builder().set(EPOCHS, 1).set(BATCH, 1).optimizer("sgd", 0.1).set(SCHEDULE, Schedule.parse("step(every=0)")).build(), XOR, null));
        assertTrue(schedule.getMessage().contains("every must be a whole number >= 1, got 0"), schedule.getMessage());
        Dataset threeFeatures = new Dataset("wide", new float[3], new float[1], 1, 3, 1, Dataset.Task.BINARY);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(network, config("sgd", 0.1, 1, 1), threeFeatures, null));
        assertEquals("data set 'wide' has 3 features but the network takes 2 inputs", shape.getMessage());
        Dataset empty = new Dataset("empty", new float[0], new float[0], 0, 2, 1, Dataset.Task.BINARY);
        assertThrows(IllegalArgumentException.class, () -> new Trainer(network, config("sgd", 0.1, 1, 1), empty, null));
        IllegalArgumentException activation = assertThrows(IllegalArgumentException.class,
                () -> Network.create(spec("relu9"), 1));
        assertTrue(activation.getMessage().startsWith("hidden layer 0: "), activation.getMessage());
        IllegalArgumentException init = assertThrows(IllegalArgumentException.class, () -> new NetworkSpec(2, List.of(), 1,
                Output.SIGMOID, Loss.BCE, "he_normal(slope=x)", "zeros"));
        assertEquals("initialiser he_normal: slope: cannot parse 'x' as a number", init.getMessage());
        IllegalArgumentException clip = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.builder().set(EPOCHS, 1).set(BATCH, 1).optimizer("sgd", 0.1).set(CLIP, Double.NaN).build());
        assertEquals("clip norm must be a number (0 or less for none), got NaN", clip.getMessage());
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class, () -> new NetworkSpec(2, List.of(), 1,
                Output.IDENTITY, Loss.BCE, "zeros", "zeros"));
        assertEquals("loss bce needs the sigmoid output, not identity", mismatch.getMessage());
    }

    @Test
    void trainingReducesTheLossWithEveryOptimiserAndSchedule() {
        for (String optimizer : List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw")) {
            for (String schedule : List.of("constant", "step(every=2,gamma=0.5)", "cosine")) {
                Network network = Network.create(spec("tanh"), 3);
                double before = network.loss(XOR);
                double rate = optimizer.equals("sgd") ? 1.0 : optimizer.equals("momentum") || optimizer.equals("nesterov") || optimizer.equals("adagrad") ? 0.1 : 0.02;
                TrainingResult result = new Trainer(network,
                        TrainConfig.builder().set(EPOCHS, 10).set(BATCH, 16).optimizer(optimizer, rate).set(SCHEDULE, Schedule.parse(schedule)).build(), XOR, null).run();
                assertTrue(result.last().trainLoss() < 0.9 * before,
                        optimizer + " " + schedule + ": loss " + before + " -> " + result.last().trainLoss());
            }
        }
    }
}

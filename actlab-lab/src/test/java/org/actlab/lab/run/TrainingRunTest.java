package org.actlab.lab.run;

import static org.actlab.lab.run.RunConfig.BATCH;
import static org.actlab.lab.run.RunConfig.DATA;
import static org.actlab.lab.run.RunConfig.FEATURES;
import static org.actlab.lab.run.RunConfig.HIDDEN;
import static org.actlab.lab.run.RunConfig.LABEL;
import static org.actlab.lab.run.RunConfig.LOSS;
import static org.actlab.lab.run.RunConfig.OUTPUT;
import static org.actlab.lab.run.RunConfig.SAMPLES;
import static org.actlab.lab.run.RunConfig.STANDARDIZE;
import static org.actlab.lab.run.RunConfig.TRAIN_FRACTION;
import static org.actlab.nn.TrainConfig.EPOCHS;
import static org.actlab.nn.TrainConfig.LEARNING_RATE;
import static org.actlab.nn.TrainConfig.OPTIMIZER;
import static org.actlab.nn.TrainConfig.SEED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.actlab.data.Csv;
import org.actlab.data.DataSets;
import org.actlab.data.Dataset;
import org.actlab.nn.Network;
import org.actlab.nn.OptimizerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {

    @TempDir
    Path dir;

    private static RunConfig.Builder small() {
        return RunConfig.builder().set(DATA, "circle").set(SAMPLES, 120).set(HIDDEN, List.of(4)).activations(List.of("tanh"))
                .set(EPOCHS, 3).set(BATCH, 10).set(SEED, 5L);
    }

    @Test
    void prepareExpandsFeaturesSplitsAndBuildsTheNetwork() {
        TrainingRun run = TrainingRun.prepare(small().set(FEATURES, List.of("x1", "x2", "x1^2", "x2^2")).set(TRAIN_FRACTION, 0.75).build());
        assertEquals(90, run.train().n());
        assertEquals(30, run.test().n());
        assertEquals(4, run.train().features());
        assertEquals(4, run.network().spec().inputs());
        // Row by row, feature 3 is feature 1 squared, on the same rows as the plain points.
        for (int i = 0; i < run.train().n(); i++) {
            float x1 = run.train().x()[4 * i];
            assertEquals(x1 * x1, run.train().x()[4 * i + 2], 1e-6f * Math.max(1, x1 * x1));
        }
        for (int i = 0; i < run.train().n(); i++) {
            assertEquals(run.trainPoints().x()[2 * i], run.train().x()[4 * i]);
            assertEquals(run.trainPoints().x()[2 * i + 1], run.train().x()[4 * i + 1]);
        }
        assertEquals(List.of("x1", "x2", "x1^2", "x2^2"), run.summary().featureNames());
        assertEquals(2, run.summary().rawFeatures());
    }

    @Test
    void standardisationIsFittedOnTheTrainingRowsOnly() {
        TrainingRun run = TrainingRun.prepare(small().set(STANDARDIZE, true).set(TRAIN_FRACTION, 0.5).build());
        double[] mean = new double[2];
        for (int i = 0; i < run.train().n(); i++) {
            mean[0] += run.train().x()[2 * i];
            mean[1] += run.train().x()[2 * i + 1];
        }
        assertEquals(0, mean[0] / run.train().n(), 1e-6);
        assertEquals(0, mean[1] / run.train().n(), 1e-6);
        // The test rows use the training statistics, so their mean is not forced to 0.
        double testMean = 0;
        for (int i = 0; i < run.test().n(); i++) {
            testMean += run.test().x()[2 * i];
        }
        assertTrue(Math.abs(testMean / run.test().n()) > 1e-4);
        assertTrue(run.summary().standardisation() != null);
    }

    @Test
    void csvAndSampleSubsets() throws Exception {
        Path csv = dir.resolve("moons.csv");
        Csv.write(DataSets.generate("moons", 200, 0.1, 3), csv);
        TrainingRun run = TrainingRun.prepare(small().set(DATA, csv.toString()).set(SAMPLES, 50).set(LABEL, "label").set(TRAIN_FRACTION, 0.5).build());
        assertEquals(25, run.train().n());
        assertEquals(25, run.test().n());
        assertEquals(Dataset.Task.BINARY, run.train().task());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingRun.prepare(small().set(DATA, "spirl").build()));
        assertTrue(e.getMessage().contains("did you mean 'spiral'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainingRun.prepare(small().set(DATA, dir.resolve("no.csv").toString()).build()));
        assertTrue(e.getMessage().contains("no.csv"), e.getMessage());
    }

    @Test
    void runReportsEveryEpochAndSerialises() throws Exception {
        List<Integer> seen = new ArrayList<>();
        TrainingRun run = TrainingRun.prepare(small().build());
        RunResult result = run.run((snapshot, total) -> {
            assertEquals(3, total);
            seen.add(snapshot.epoch());
        });
        assertEquals(List.of(0, 1, 2), seen);
        assertEquals(3, result.history().size());
        assertNull(result.stopped());
        // The metrics are the last epoch's, and they are the network's own figures on the same data.
        assertEquals(result.history().get(2).trainLoss(), result.metrics().trainLoss());
        assertEquals(run.network().loss(run.train()), result.metrics().trainLoss(), 1e-9);
        assertEquals(run.network().accuracy(run.test()), result.metrics().testAccuracy(), 1e-12);
        JsonNode json = RunJson.mapper().readTree(result.toJson());
        assertEquals("circle", json.at("/config/data").asText());
        for (String metric : List.of("trainLoss", "testLoss", "trainAccuracy", "testAccuracy")) {
            assertTrue(json.at("/metrics/" + metric).isNumber(), metric);
        }
        assertEquals(3, json.get("history").size());
        assertTrue(json.get("stopped").isNull());
        assertFalse(json.has("layers"));
    }

    @Test
    void sameConfigSameResult() {
        RunResult a = TrainingRun.prepare(small().build()).run(TrainingRun.Progress.none());
        RunResult b = TrainingRun.prepare(small().build()).run(TrainingRun.Progress.none());
        assertEquals(a.history(), b.history());
    }

    @Test
    void regressionAccuracyIsNullInJson() throws Exception {
        RunResult r = TrainingRun.prepare(small().set(DATA, "sin").set(EPOCHS, 1).build()).run(TrainingRun.Progress.none());
        assertTrue(Double.isNaN(r.metrics().trainAccuracy()));
        JsonNode json = RunJson.mapper().readTree(r.toJson());
        assertTrue(json.at("/metrics/trainAccuracy").isNull());
        assertTrue(json.at("/metrics/trainLoss").isNumber());
    }

    @Test
    void diagnosticsAddLayers() throws Exception {
        RunResult r = TrainingRun.prepare(small().build()).diagnose(true).run(TrainingRun.Progress.none());
        JsonNode layers = RunJson.mapper().readTree(r.toJson()).get("layers");
        assertEquals(2, layers.size(), "one hidden layer and the output layer");
        assertEquals(0, layers.get(0).get("index").asInt());
        assertEquals(4, layers.get(0).get("units").asInt());
        for (String field : List.of("meanActivation", "saturatedFraction", "deadFraction", "signCoherence", "gradientNorm")) {
            assertTrue(layers.get(0).has(field), field);
        }
        assertThrows(IllegalArgumentException.class, () -> r.with("layers", List.of()));
    }

    @Test
    void savedModelPredictsLikeTheTrainedNetwork() {
        TrainingRun run = TrainingRun.prepare(small().set(DATA, "xor").set(FEATURES, List.of("x1", "x2", "x1*x2")).set(STANDARDIZE, true)
                .activations(List.of("prelu(0.2)")).set(OPTIMIZER, OptimizerSpec.parse("adam")).set(LEARNING_RATE, 0.05).build());
        run.run(TrainingRun.Progress.none());
        Path file = dir.resolve("model.json");
        SavedModel.of(run).write(file);
        SavedModel back = SavedModel.read(file);
        Network restored = back.network();
        // Raw rows through the saved feature expansion and standardisation give the same network input...
        float[] raw = {1.5f, -2f, -0.25f, -3f};
        float[] expected = run.summary().standardisation()
                .apply(org.actlab.data.Features.expand(new Dataset("r", raw, new float[2], 2, 2, 1, Dataset.Task.REGRESSION),
                        List.of("x1", "x2", "x1*x2"))).x();
        float[] inputs = back.inputs(raw, 2);
        assertArrayEquals(expected, inputs);
        // ...and the same predictions, bit for bit (learned PReLU slope included).
        float[] before = new float[2];
        float[] after = new float[2];
        run.network().predict(inputs, 2, before);
        restored.predict(inputs, 2, after);
        assertArrayEquals(before, after);
        assertEquals(run.network().layers().get(0).activation(), restored.layers().get(0).activation());
    }

    @Test
    void plainEngineModelFilesReadWithTheirOwnInputs() throws Exception {
        TrainingRun run = TrainingRun.prepare(small().build());
        run.run(TrainingRun.Progress.none());
        Path file = dir.resolve("plain.json");
        org.actlab.nn.ModelIO.save(run.network(), file);
        SavedModel back = SavedModel.read(file);
        assertNull(back.config());
        assertEquals(2, back.data().rawFeatures());
        float[] x = {0.5f, -1f};
        assertArrayEquals(x, back.inputs(x, 1));
        float[] before = new float[1];
        float[] after = new float[1];
        run.network().predict(x, 1, before);
        back.network().predict(x, 1, after);
        assertArrayEquals(before, after);
    }

    @Test
    void badModelFilesAreNamed() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"format\":\"something\",\"version\":1}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SavedModel.read(file));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("something"), e.getMessage());
        Files.writeString(file, "{not json");
        e = assertThrows(IllegalArgumentException.class, () -> SavedModel.read(file));
        assertTrue(e.getMessage().contains("bad.json"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SavedModel.read(dir.resolve("none.json")));
        assertTrue(e.getMessage().contains("none.json"), e.getMessage());
    }

    // Issue 12, "defaults that surprise": each guess is made from the data and said in one line.

    @Test
    void theBatchIsChosenFromTheDataAndSaid() {
        TrainingRun small = TrainingRun.prepare(small().set(BATCH, 0).build());
        assertEquals(10, small.config().batch(), "TF Playground's batch for a few hundred rows");
        assertEquals(List.of(), small.notices(), "the familiar default needs no notice");
        TrainingRun mnist = TrainingRun.prepare(RunConfig.builder().set(DATA, "mnist").set(SAMPLES, 1500).set(HIDDEN, List.of(8))
                .activations(List.of("relu")).set(EPOCHS, 0).build());
        assertEquals(1200, mnist.train().n());
        assertEquals(RunConfig.LARGE_BATCH, mnist.config().batch(), "the resolved batch is recorded for replays");
        assertEquals(RunConfig.LARGE_BATCH, mnist.trainConfig().batchSize());
        assertEquals(List.of("batch 128 chosen for 1200 training rows (batch 10 below 1000 rows); give a batch size to choose"),
                mnist.notices());
        assertEquals(7, TrainingRun.prepare(small().set(BATCH, 7).build()).config().batch(), "a given batch is kept");
    }

    @Test
    void plusMinusOneLabelsAreClassesUnlessAskedOtherwise() throws Exception {
        Path csv = dir.resolve("pm.csv");
        StringBuilder text = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 40; i++) {
            text.append(i * 0.1).append(',').append(-i * 0.05).append(',').append(i % 3 == 0 ? "-1" : "1").append('\n');
        }
        Files.writeString(csv, text);
        TrainingRun run = TrainingRun.prepare(RunConfig.builder().set(DATA, csv.toString()).set(HIDDEN, List.of(3)).set(EPOCHS, 1).build());
        assertEquals(Dataset.Task.BINARY, run.train().task());
        assertEquals("SIGMOID", run.network().spec().output().name());
        for (int i = 0; i < run.train().n(); i++) {
            float y = run.train().y()[i];
            assertTrue(y == 0f || y == 1f, "label " + y);
        }
        assertEquals(1, run.notices().size());
        assertTrue(run.notices().get(0).startsWith("labels -1/+1 read as the classes 0/1"), run.notices().get(0));
        TrainingRun regression = TrainingRun.prepare(RunConfig.builder().set(DATA, csv.toString()).set(HIDDEN, List.of(3))
                .set(LOSS, "mse").set(OUTPUT, "identity").set(EPOCHS, 1).build());
        assertEquals(Dataset.Task.REGRESSION, regression.train().task(), "an explicit loss keeps the data as it is");
        assertEquals(List.of(), regression.notices());
    }

    @Test
    void bceIsRefusedForTargetsOutsideTheUnitInterval() throws Exception {
        Path csv = dir.resolve("reg.csv");
        StringBuilder text = new StringBuilder("x,y\n");
        for (int i = 0; i < 20; i++) {
            text.append(i).append(',').append(i * 0.5 - 3).append('\n');
        }
        Files.writeString(csv, text);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingRun.prepare(
                RunConfig.builder().set(DATA, csv.toString()).set(HIDDEN, List.of(3)).set(LOSS, "bce").set(TRAIN_FRACTION, 1.0).build()));
        assertEquals("loss bce needs targets in [0, 1]; reg's span [-3.0, 6.5]; use mse, or labels 0 and 1", e.getMessage());
    }

    @Test
    void playgroundFeaturesAreRefusedForDataThatIsNotTwoDimensional() throws Exception {
        IllegalArgumentException mnist = assertThrows(IllegalArgumentException.class,
                () -> RunConfig.builder().set(DATA, "mnist").set(FEATURES, List.of("x1", "x2")).build());
        assertTrue(mnist.getMessage().contains("mnist has 784 pixel inputs"), mnist.getMessage());
        Path csv = dir.resolve("three.csv");
        Files.writeString(csv, "a,b,c,y\n1,2,3,0\n4,5,6,1\n7,8,9,0\n1,1,1,1\n");
        IllegalArgumentException three = assertThrows(IllegalArgumentException.class, () -> TrainingRun.prepare(
                RunConfig.builder().set(DATA, csv.toString()).set(FEATURES, List.of("x1", "x1^2")).build()));
        assertTrue(three.getMessage().contains("has 3 input columns"), three.getMessage());
    }
}

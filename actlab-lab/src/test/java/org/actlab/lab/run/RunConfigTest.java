package org.actlab.lab.run;

import static org.actlab.lab.run.RunConfig.BATCH;
import static org.actlab.lab.run.RunConfig.BIAS_INIT;
import static org.actlab.lab.run.RunConfig.DATA;
import static org.actlab.lab.run.RunConfig.FEATURES;
import static org.actlab.lab.run.RunConfig.HIDDEN;
import static org.actlab.lab.run.RunConfig.INIT;
import static org.actlab.lab.run.RunConfig.LABEL;
import static org.actlab.lab.run.RunConfig.LOSS;
import static org.actlab.lab.run.RunConfig.NOISE;
import static org.actlab.lab.run.RunConfig.OUTPUT;
import static org.actlab.lab.run.RunConfig.SAMPLES;
import static org.actlab.lab.run.RunConfig.STANDARDIZE;
import static org.actlab.lab.run.RunConfig.TRAIN_FRACTION;
import static org.actlab.nn.TrainConfig.CLIP;
import static org.actlab.nn.TrainConfig.EPOCHS;
import static org.actlab.nn.TrainConfig.L1;
import static org.actlab.nn.TrainConfig.L2;
import static org.actlab.nn.TrainConfig.LEARNING_RATE;
import static org.actlab.nn.TrainConfig.OPTIMIZER;
import static org.actlab.nn.TrainConfig.SCHEDULE;
import static org.actlab.nn.TrainConfig.SEED;
import static org.actlab.nn.TrainConfig.THREADS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.actlab.nn.Initializers;
import org.actlab.nn.OptimizerSpec;
import org.actlab.nn.Schedule;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.actlab.activation.Activations;
import org.actlab.data.Dataset;
import org.actlab.nn.NetworkSpec;
import org.actlab.nn.TrainConfig;
import org.junit.jupiter.api.Test;

class RunConfigTest {

    @Test
    void defaultsAreThePlaygroundsWhereItHasThem() {
        RunConfig c = RunConfig.defaults();
        assertEquals("circle", c.data());
        assertEquals(0.8, c.trainFraction());
        assertEquals(List.of(4, 2), c.hidden());
        assertEquals(Activations.tanh(), c.activation(0));
        assertEquals(Activations.tanh(), c.activation(1));
        assertEquals(0.03, c.learningRate());
        assertEquals(0, c.batch(), "chosen from the data");
        assertTrue(c.generated());
        assertNull(c.csvPath());
        TrainConfig t = c.trainConfig(400);
        assertEquals(100, t.epochs());
        assertEquals(10, t.batchSize(), "TF Playground's batch below 1000 training rows");
        assertEquals(128, c.trainConfig(8000).batchSize(), "a larger batch for MNIST-sized data");
        assertEquals(16, c.toBuilder().set(BATCH, 16).build().trainConfig(8000).batchSize(), "a given batch is kept");
        assertEquals(Runtime.getRuntime().availableProcessors(), t.threads(), "all cores: results do not depend on the count");
    }

    @Test
    void outputAndLossFollowTheTaskWhenAuto() {
        RunConfig c = RunConfig.defaults();
        assertEquals(NetworkSpec.Output.SIGMOID, c.resolvedOutput(Dataset.Task.BINARY));
        assertEquals(NetworkSpec.Loss.BCE, c.resolvedLoss(Dataset.Task.BINARY));
        assertEquals(NetworkSpec.Output.SOFTMAX, c.resolvedOutput(Dataset.Task.MULTICLASS));
        assertEquals(NetworkSpec.Loss.SOFTMAX_CE, c.resolvedLoss(Dataset.Task.MULTICLASS));
        assertEquals(NetworkSpec.Output.IDENTITY, c.resolvedOutput(Dataset.Task.REGRESSION));
        assertEquals(NetworkSpec.Loss.MSE, c.resolvedLoss(Dataset.Task.REGRESSION));
        RunConfig mse = RunConfig.builder().set(LOSS, "mse").build();
        assertEquals(NetworkSpec.Output.SIGMOID, mse.resolvedOutput(Dataset.Task.BINARY));
        assertEquals(NetworkSpec.Loss.MSE, mse.resolvedLoss(Dataset.Task.BINARY));
        RunConfig ce = RunConfig.builder().set(LOSS, "CE").build();
        assertEquals("cross_entropy", ce.loss());
        assertEquals(NetworkSpec.Output.SIGMOID, ce.resolvedOutput(Dataset.Task.BINARY));
        assertEquals(NetworkSpec.Loss.BCE, ce.resolvedLoss(Dataset.Task.BINARY), "the playground's meaning");
        assertEquals(NetworkSpec.Output.SOFTMAX, ce.resolvedOutput(Dataset.Task.MULTICLASS));
        assertEquals(NetworkSpec.Loss.SOFTMAX_CE, ce.resolvedLoss(Dataset.Task.MULTICLASS));
        assertEquals("identity", RunConfig.builder().set(OUTPUT, "Linear").build().output());
        RunConfig tanhOut = RunConfig.builder().set(OUTPUT, "tanh").build();
        assertEquals(NetworkSpec.Loss.MSE, tanhOut.resolvedLoss(Dataset.Task.BINARY));
        NetworkSpec spec = RunConfig.builder().set(HIDDEN, List.of(3, 5)).activations(List.of("relu", "elu(alpha=0.5)"))
                .build().networkSpec(2, 1, Dataset.Task.BINARY);
        assertEquals(List.of(new NetworkSpec.LayerSpec(3, "relu"), new NetworkSpec.LayerSpec(5, "elu(alpha=0.5)")), spec.hidden());
    }

    @Test
    void badValuesAreNamed() {
        assertBad(b -> b.set(SAMPLES, -1), "-1");
        assertBad(b -> b.set(NOISE, Double.NaN), "NaN");
        assertBad(b -> b.set(TRAIN_FRACTION, 0.0), "0.0");
        assertBad(b -> b.set(TRAIN_FRACTION, 1.5), "1.5");
        assertBad(b -> b.set(HIDDEN, List.of(4, 0)), "got 0");
        assertBad(b -> b.set(HIDDEN, List.of(4, 2, 3)).activations(List.of("relu", "tanh")), "2 activations");
        assertBad(b -> b.activations(List.of("rleu")), "rleu");
        assertBad(b -> b.activations(List.of()), "no activation");
        assertBad(b -> b.set(OUTPUT, "softplus"), "softplus");
        assertBad(b -> b.set(LOSS, "hinge"), "hinge");
        assertBad(b -> b.set(LEARNING_RATE, 0.0), "0.0");
        assertBad(b -> b.set(LEARNING_RATE, Double.POSITIVE_INFINITY), "Infinity");
        assertBad(b -> b.set(BATCH, -1), "got -1");
        assertBad(b -> b.set(DATA, "mnist").set(FEATURES, List.of("x1", "x2")), "mnist has 784 pixel inputs");
        assertBad(b -> b.set(EPOCHS, -3), "-3");
        assertBad(b -> b.set(L2, -1e-3), "-0.001");
        assertBad(b -> b.set(CLIP, -1.0), "-1.0");
        assertBad(b -> b.set(THREADS, 0), "got 0");
        assertBad(b -> b.set(FEATURES, List.of("x3")), "x3");
        assertBad(b -> b.set(DATA, " "), "data");
        assertBad(b -> b.set(OPTIMIZER, OptimizerSpec.parse("adamm")), "adamm");
        assertBad(b -> b.set(INIT, Initializers.parse("he_normall")), "he_normall");
    }

    private static void assertBad(UnaryOperator<RunConfig.Builder> change, String named) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> change.apply(RunConfig.builder()).build());
        assertTrue(e.getMessage().contains(named), "message '" + e.getMessage() + "' should name " + named);
    }

    @Test
    void jsonRoundTripKeepsEveryFieldAndFillsDefaults() throws Exception {
        RunConfig c = RunConfig.builder().set(DATA, "spiral").set(SAMPLES, 300).set(NOISE, 0.1).set(TRAIN_FRACTION, 0.7)
                .set(FEATURES, List.of("x1", "x2", "sin(x1)")).set(HIDDEN, List.of(8, 8)).activations(List.of("relu", "tanh"))
                .set(OUTPUT, "sigmoid").set(LOSS, "bce").set(INIT, Initializers.parse("he_normal"))
                .set(BIAS_INIT, Initializers.parse("constant(0.1)")).set(OPTIMIZER, OptimizerSpec.parse("adam"))
                .set(LEARNING_RATE, 0.01).set(BATCH, 16).set(EPOCHS, 7).set(SEED, 42L).set(L1, 1e-5).set(L2, 1e-4)
                .set(SCHEDULE, Schedule.parse("cosine")).set(CLIP, 5.0)
                .set(THREADS, 2).set(LABEL, "y").set(STANDARDIZE, true).build();
        String json = RunJson.mapper().writeValueAsString(c);
        assertEquals(c, RunJson.mapper().readValue(json, RunConfig.class));
        RunConfig partial = RunJson.mapper().readValue("{\"data\":\"xor\",\"epochs\":3}", RunConfig.class);
        assertEquals(RunConfig.builder().set(DATA, "xor").set(EPOCHS, 3).build(), partial);
        JsonMappingException e = assertThrows(JsonMappingException.class,
                () -> RunJson.mapper().readValue("{\"batch\":-1}", RunConfig.class));
        assertInstanceOf(IllegalArgumentException.class, rootCause(e));
        assertTrue(rootCause(e).getMessage().contains("batch size must be >= 1 (or 0 for a size chosen from the data), got -1"));
        assertTrue(json.contains("\"activations\":[\"relu\",\"tanh\"]"), json);
        assertTrue(json.contains("\"biasInit\":\"constant(value=0.1)\""), json);
        assertTrue(json.contains("\"schedule\":\"cosine(min=0.0)\""), json);
        assertTrue(json.contains("\"optimizer\":\"adam(beta1=0.9, beta2=0.999, eps=1.0E-8)\""), json);
    }

    /** A holder that reads a config as a property, as the CLI's and the server's larger documents do. */
    record Holder(String name, RunConfig run) {
    }

    @Test
    void everyWayOfReadingAConfigGivesTheSameConfig() throws Exception {
        // The reader looks its fields' deserializers up once per mapper; these are the paths that reach it.
        RunConfig c = RunConfig.builder().set(DATA, "moons").set(HIDDEN, List.of(4, 3)).activations(List.of("gelu", "relu"))
                .set(LEARNING_RATE, 0.25).set(EPOCHS, 2).set(SEED, 9L).set(LABEL, "y").build();
        String json = RunJson.mapper().writeValueAsString(c);
        assertEquals(c, RunJson.mapper().readValue(json, RunConfig.class));
        Map<?, ?> fields = RunJson.mapper().readValue(json, Map.class);
        assertEquals(c, RunJson.mapper().convertValue(fields, RunConfig.class));
        Holder held = RunJson.mapper().readValue("{\"name\":\"a\",\"run\":" + json + "}", Holder.class);
        assertEquals(c, held.run());
        assertEquals(List.of(c, c), RunJson.mapper().readValue("[" + json + "," + json + "]",
                RunJson.mapper().getTypeFactory().constructCollectionType(List.class, RunConfig.class)));
        // An explicit null is the field left out: its default (it used to read as Jackson's null of the
        // field's type, so "epochs": null meant 0 epochs and "init": null failed with a NullPointerException).
        RunConfig defaults = RunConfig.builder().build();
        assertEquals(RunConfig.builder().set(DATA, "xor").build(),
                RunJson.mapper().readValue("{\"data\":\"xor\",\"label\":null}", RunConfig.class));
        assertEquals(defaults.epochs(), RunJson.mapper().readValue("{\"epochs\":null}", RunConfig.class).epochs());
        assertEquals(defaults.hidden(), RunJson.mapper().readValue("{\"hidden\":null}", RunConfig.class).hidden());
        assertEquals(defaults.init(), RunJson.mapper().readValue("{\"init\":null}", RunConfig.class).init());
        assertEquals(defaults, RunJson.mapper().readValue("{\"init\":null,\"optimizer\":null,\"activations\":null}", RunConfig.class));
        // The reader takes the tokens as they come (no tree): {} is every default, a non-object fails, and
        // a field given twice is refused by the mapper's parser before the reader sees it.
        assertThrows(com.fasterxml.jackson.core.JsonParseException.class,
                () -> RunJson.mapper().readValue("{\"epochs\":3,\"seed\":2,\"epochs\":7}", RunConfig.class));
        assertEquals(defaults, RunJson.mapper().readValue("{}", RunConfig.class));
        assertThrows(JsonMappingException.class, () -> RunJson.mapper().readValue("[1]", RunConfig.class));
        assertThrows(JsonMappingException.class, () -> RunJson.mapper().readValue("\"xor\"", RunConfig.class));
        // The shared reader on two threads at once.
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Integer>> same = new java.util.ArrayList<>();
            for (int t = 0; t < 2; t++) {
                same.add(two.submit(() -> {
                    int equal = 0;
                    for (int i = 0; i < 500; i++) {
                        equal += c.equals(RunJson.mapper().convertValue(fields, RunConfig.class)) ? 1 : 0;
                    }
                    return equal;
                }));
            }
            for (java.util.concurrent.Future<Integer> f : same) {
                assertEquals(500, f.get());
            }
        } finally {
            two.shutdown();
        }
    }

    @Test
    void jsonNamesAnUnknownFieldAndABadSpec() {
        JsonMappingException unknown = assertThrows(JsonMappingException.class,
                () -> RunJson.mapper().readValue("{\"epochz\":3}", RunConfig.class));
        assertTrue(unknown.getMessage().contains("epochz"), unknown.getMessage());
        JsonMappingException badSpec = assertThrows(JsonMappingException.class,
                () -> RunJson.mapper().readValue("{\"init\":\"he_normall\"}", RunConfig.class));
        assertInstanceOf(IllegalArgumentException.class, rootCause(badSpec));
        assertTrue(rootCause(badSpec).getMessage().contains("he_normall"), rootCause(badSpec).getMessage());
        // Every record component is a setting, and toBuilder() carries every value over.
        assertEquals(RunConfig.class.getRecordComponents().length, RunConfig.SETTINGS.size());
        // SETTINGS' keys are the record's fields in declaration order (SweepTrials lists a trial's fields by them).
        assertEquals(java.util.Arrays.stream(RunConfig.class.getRecordComponents()).map(java.lang.reflect.RecordComponent::getName).toList(),
                List.copyOf(RunConfig.SETTINGS.keySet()));
        RunConfig c = RunConfig.builder().set(DATA, "xor").set(SEED, 9L).set(LABEL, "y").build();
        assertEquals(c, c.toBuilder().build());
    }

    @Test
    void dataKinds() {
        assertTrue(RunConfig.builder().set(DATA, "Reg-Gauss").build().generated());
        assertTrue(RunConfig.builder().set(DATA, "mnist").build().mnist());
        assertEquals(Path.of("some/file.csv"), RunConfig.builder().set(DATA, "some/file.csv").build().csvPath());
    }

    private static Throwable rootCause(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}

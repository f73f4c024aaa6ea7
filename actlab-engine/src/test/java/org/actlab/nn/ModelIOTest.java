package org.actlab.nn;

import static org.actlab.nn.TrainConfig.BATCH;
import static org.actlab.nn.TrainConfig.EPOCHS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.actlab.activation.PRelu;
import org.actlab.data.DataSets;
import org.actlab.data.Dataset;
import org.actlab.nn.NetworkSpec.LayerSpec;
import org.actlab.nn.NetworkSpec.Loss;
import org.actlab.nn.NetworkSpec.Output;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelIOTest {

    @TempDir
    Path dir;

    private static Network trainedPreluNetwork() {
        NetworkSpec spec = new NetworkSpec(2, List.of(new LayerSpec(5, "prelu(0.25)"), new LayerSpec(3, "tanh")), 2,
                Output.SOFTMAX, Loss.SOFTMAX_CE, "he_normal(slope=0.25)", "constant(0.01)");
        Network network = Network.create(spec, 3);
        Dataset xor = DataSets.generate("xor", 100, 0, 1);
        // Two-class one-hot version of xor for the softmax output.
        float[] y = new float[200];
        for (int i = 0; i < 100; i++) {
            y[2 * i + (xor.y()[i] > 0.5f ? 1 : 0)] = 1;
        }
        Dataset twoClass = new Dataset("xor2", xor.x(), y, 100, 2, 2, Dataset.Task.MULTICLASS);
        new Trainer(network, TrainConfig.builder().set(EPOCHS, 3).set(BATCH, 10).optimizer("adam", 0.01).build(), twoClass, null).run();
        return network;
    }

    @Test
    void roundTripKeepsEveryBitIncludingThePreluSlope() throws IOException {
        Network network = trainedPreluNetwork();
        // −0 and a subnormal must survive too.
        network.layers().get(0).bias()[0] = -0f;
        network.layers().get(0).bias()[1] = Float.MIN_VALUE;
        float slope = ((PRelu) network.layers().get(0).activation()).slope();
        assertTrue(slope != 0.25f, "training moved the slope");
        Path file = dir.resolve("model.json");
        ModelIO.save(network, file);
        Network loaded = ModelIO.load(file);
        assertEquals(network.spec(), loaded.spec());
        assertEquals(network.layers().size(), loaded.layers().size());
        for (int l = 0; l < network.layers().size(); l++) {
            DenseLayer a = network.layers().get(l);
            DenseLayer b = loaded.layers().get(l);
            assertEquals(a.activation(), b.activation(), "layer " + l + " activation");
            assertBits(a.weights(), b.weights());
            assertBits(a.bias(), b.bias());
        }
        assertEquals(Float.floatToRawIntBits(slope), Float.floatToRawIntBits(((PRelu) loaded.layers().get(0).activation()).slope()));
        float[] x = {0.3f, -1.2f, 2f, 0.5f};
        float[] p1 = new float[4];
        float[] p2 = new float[4];
        network.predict(x, 2, p1);
        loaded.predict(x, 2, p2);
        assertBits(p1, p2);
        // Saving again gives the same bytes, and no temporary file is left behind.
        Path second = dir.resolve("again.json");
        ModelIO.save(loaded, second);
        assertEquals(Files.readString(file), Files.readString(second));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count());
        }
        String text = Files.readString(file);
        assertTrue(text.startsWith("{\"format\":\"actlab-model\",\"version\":1,"), text.substring(0, 60));
        assertTrue(text.contains("\"activation\":\"" + network.layers().get(0).activation().spec() + "\""));
    }

    private static void assertBits(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), "index " + i);
        }
    }

    private String saved() throws IOException {
        Path file = dir.resolve("good.json");
        ModelIO.save(trainedPreluNetwork(), file);
        return Files.readString(file);
    }

    private String loadError(String content) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelIO.load(file));
        assertFalse(e.getMessage().contains("\n"), "one-line message: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        return e.getMessage();
    }

    @Test
    void truncatedCorruptAndMismatchedFilesAreRejectedWithClearMessages() throws IOException {
        String good = saved();
        assertTrue(loadError(good.substring(0, good.length() / 2)).contains("not valid JSON"));
        assertTrue(loadError("").contains("the file is empty"));
        String v2 = loadError(good.replace("\"version\":1", "\"version\":2")); assertTrue(v2.contains("version 2 is not supported"), v2);
        assertTrue(loadError(good.replace("\"actlab-model\"", "\"keras-model\"")).contains("\"format\" is \"keras-model\""));
        assertTrue(loadError(good.replace("\"version\":1", "\"version\":2")).contains("version 2 is not supported"));
        assertTrue(loadError(good.replace("\"inputs\":2", "\"inputs\":3")).contains("layers[0].weights has 10 numbers but the spec needs 5×3 = 15"));
        assertTrue(loadError(good.replace("\"output\":\"softmax\"", "\"output\":\"softmin\"")).contains("spec.output is 'softmin'"));
        assertTrue(loadError(good.replace("\"loss\":\"softmax_ce\"", "\"loss\":\"mse\"")).contains("the softmax output needs loss softmax_ce"));
        String badActivation = good.replaceFirst("\"activation\":\"prelu\\(slope=[^\"]*\\)\",\"weights\"", "\"activation\":\"prelux\",\"weights\"");
        assertTrue(loadError(badActivation).contains("layers[0].activation: "), loadError(badActivation));
        String wrongActivation = good.replaceFirst("\"activation\":\"prelu\\(slope=[^\"]*\\)\",\"weights\"", "\"activation\":\"relu\",\"weights\"");
        assertTrue(loadError(wrongActivation).contains("layers[0].activation is 'relu' but the spec says 'prelu(0.25)'"));
        String nonNumber = good.replaceFirst("\"bias\":\\[", "\"bias\":[\"x\",");
        assertTrue(loadError(nonNumber).contains("layers[0].bias[0] must be a number, got \"x\""), loadError(nonNumber));
        String extraNumber = good.replaceFirst("\"bias\":\\[", "\"bias\":[1,");
        assertTrue(loadError(extraNumber).contains("layers[0].bias has more than the 5 numbers the spec needs"), loadError(extraNumber));
        String stringInBias = good.replaceFirst("\"bias\":\\[[^,\\]]*", "\"bias\":[\"x\"");
        assertTrue(loadError(stringInBias).contains("layers[0].bias[0] must be a number, got \"x\""), loadError(stringInBias));
        String overflow = good.replaceFirst("\"bias\":\\[[^,\\]]*", "\"bias\":[1e39");
        assertTrue(loadError(overflow).contains("layers[0].bias[0] = 1e39 is not a finite float"));
        String missingLayer = good.substring(0, good.lastIndexOf("\n,{")) + "]}";
        assertTrue(loadError(missingLayer).contains("\"layers\" has 2 entries but the spec describes 3"), loadError(missingLayer));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> ModelIO.load(dir.resolve("nothing.json")));
        assertTrue(missing.getMessage().startsWith("no model file at "));
    }

    @Test
    void failedSaveLeavesTheOldFileAndNoTemporary() throws IOException {
        Network network = trainedPreluNetwork();
        Path file = dir.resolve("model.json");
        ModelIO.save(network, file);
        String before = Files.readString(file);
        network.layers().get(1).weights()[2] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelIO.save(network, file));
        assertEquals("cannot save a network with non-finite values: layer 1 weights[2] = NaN", e.getMessage());
        assertEquals(before, Files.readString(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void shapesThatOverflowAnArrayOrTheHeapAreRefusedBeforeAllocation() throws IOException {
        String good = saved();
        String overflow = good.replace("\"inputs\":2", "\"inputs\":2000000000");
        assertTrue(loadError(overflow).contains("spec: layer 0 has 5 × 2000000000 = 10000000000 weights, more than one array can hold"),
                loadError(overflow));
        long units = Math.max(46_000, (long) Math.sqrt(Runtime.getRuntime().maxMemory()) + 1);
        if (units * units <= Integer.MAX_VALUE - 8) {
            String huge = good.replace("\"inputs\":2", "\"inputs\":" + units).replaceFirst("\"units\":5", "\"units\":" + units);
            String message = loadError(huge);
            assertTrue(message.contains("needs about") && message.contains("Java heap") && message.contains("-Xmx"), message);
        }
        assertTrue(loadError(good.replace("\"version\":1,", "\"version\":1,\"version\":1,")).contains("field 'version' appears twice"));
        String longNumber = good.replaceFirst("\"bias\":\\[", "\"bias\":[" + "1".repeat(2000) + ",");
        String message = loadError(longNumber);
        assertFalse(message.contains("StreamReadConstraints") || message.contains("`"), "no library internals: " + message);
    }

    @Test
    void extraMembersAreWrittenAndReadInTheSameStreamThroughOneTemporaryFile() throws IOException {
        Network network = trainedPreluNetwork();
        Path file = dir.resolve("extra.json");
        List<String> during = new java.util.ArrayList<>();
        ModelIO.save(network, file, json -> {
            try (Stream<Path> files = Files.list(dir)) {
                files.forEach(p -> during.add(p.getFileName().toString()));
            }
            json.writeFieldName("note");
            json.writeStartObject();
            json.writeNumberField("n", 7);
            json.writeEndObject();
        });
        assertEquals(1, during.size(), "one temporary file while writing, nothing nested: " + during);
        assertTrue(during.get(0).startsWith(".extra.json.") && during.get(0).endsWith(".tmp"), during.get(0));
        int[] seen = new int[1];
        Network back = ModelIO.load(file, (name, json) -> {
            assertEquals("note", name);
            seen[0] = new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, com.fasterxml.jackson.databind.JsonNode.class).get("n").asInt();
        });
        assertEquals(7, seen[0]);
        assertBits(network.layers().get(1).weights(), back.layers().get(1).weights());
    }
}

package org.actlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code actlab export} and {@code actlab diagnose}, end to end through the command line. */
class InteropCommandsTest {

    /** The onnx-proto fixtures of actlab-onnx (built by its src/test/fixtures/generate.js); tests run in the module directory. */
    private static final Path FIXTURES = Path.of("..", "actlab-onnx", "src", "test", "resources", "org", "actlab", "onnx");

    @TempDir
    Path dir;

    @Test
    void exportThenDiagnoseGivesTheJsonModelsTable() throws Exception {
        Path model = dir.resolve("m.json");
        Path onnx = dir.resolve("m.onnx");
        Cli.run("train", "--data", "circle", "--features", "x1,x2,x1^2,x2^2", "--standardize", "--hidden", "6,4",
                "--activations", "relu,tanh", "--epochs", "10", "--save", model.toString()).succeeds();
        Cli.Result export = Cli.run("export", "--model", model.toString(), "--onnx", onnx.toString()).succeeds();
        assertTrue(export.out().contains("ONNX opset 17, 2 raw input(s) -> 1 output(s), 3 layer(s)"), export.out());

        Path json = dir.resolve("health.json");
        Path html = dir.resolve("health.html");
        Cli.Result fromOnnx = Cli.run("diagnose", "--model", onnx.toString(), "--data", "circle", "--json", json.toString(),
                "--html", html.toString()).succeeds();
        Cli.Result fromJson = Cli.run("diagnose", "--model", model.toString(), "--data", "circle").succeeds();
        String[] a = fromOnnx.out().split("\\R");
        String[] b = fromJson.out().split("\\R");
        // Line 0 names the file; the rest, table and advice, is identical.
        assertEquals(Arrays.asList(b).subList(1, b.length), Arrays.asList(a).subList(1, a.length));
        assertTrue(a[0].endsWith("4 -> 6 relu -> 4 tanh -> 1 sigmoid"), a[0]);
        assertTrue(a[1].equals("data circle: 500 rows, with labels"), a[1]);

        JsonNode tree = new ObjectMapper().readTree(json.toFile());
        JsonNode layers = tree.get("report").get("layers");
        assertEquals(3, layers.size());
        assertTrue(layers.get(0).get("gradientNorm").asDouble() > 0, layers.get(0).toString());
        assertTrue(layers.get(1).has("nearAsymptoteFraction"));
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("<svg") && page.contains("<polyline"), page);
        assertFalse(page.contains("<script") || page.contains("src=") || page.contains("href="), "self-contained");
    }

    @Test
    void csvWithoutALabelColumnGivesNoGradients() throws Exception {
        Path csv = dir.resolve("points.csv");
        Files.writeString(csv, "a,b\n0.5,1\n-1,2\n3,-0.5\n");
        Cli.Result r = Cli.run("diagnose", "--model", FIXTURES.resolve("dead_unit.onnx").toString(), "--csv", csv.toString(),
                "--json", "-").succeeds();
        JsonNode tree = new ObjectMapper().readTree(r.out());
        assertFalse(tree.get("labels").asBoolean());
        assertTrue(tree.get("report").get("layers").get(0).get("gradientNorm").isNull(), r.out());
        assertEquals(0.25, tree.get("report").get("layers").get(0).get("deadFraction").asDouble(), 0.0);
    }

    @Test
    void fixtureWithAPlantedDeadUnitGetsTheAdvice() {
        Cli.Result r = Cli.run("diagnose", "--model", FIXTURES.resolve("dead_unit.onnx").toString(), "--data", "circle")
                .succeeds();
        assertTrue(r.out().contains("advice [dead-units]") && r.out().contains("1 of 4 units dead"), r.out());
    }

    @Test
    void idxImagesAndLabelsAreDiagnosedWithGradients() throws Exception {
        Path model = dir.resolve("mnist.json");
        Cli.run("train", "--data", "mnist", "--samples", "200", "--hidden", "8", "--activation", "tanh", "--epochs", "1",
                "--save", model.toString()).succeeds();
        int count = 5;
        java.nio.ByteBuffer images = java.nio.ByteBuffer.allocate(16 + count * 784);
        images.putInt(0x00000803).putInt(count).putInt(28).putInt(28);
        for (int i = 0; i < count * 784; i++) {
            images.put((byte) ((i * 37) % 256));
        }
        java.nio.ByteBuffer labels = java.nio.ByteBuffer.allocate(8 + count);
        labels.putInt(0x00000801).putInt(count).put(new byte[] {3, 1, 4, 1, 5});
        Path imageFile = dir.resolve("images-idx3-ubyte");
        Path labelFile = dir.resolve("labels-idx1-ubyte");
        Files.write(imageFile, images.array());
        Files.write(labelFile, labels.array());
        Cli.Result r = Cli.run("diagnose", "--model", model.toString(), "--idx-images", imageFile.toString(),
                "--idx-labels", labelFile.toString(), "--json", "-").succeeds();
        JsonNode tree = new ObjectMapper().readTree(r.out());
        assertEquals(5, tree.get("rows").asInt());
        assertTrue(tree.get("labels").asBoolean());
        assertTrue(tree.get("report").get("layers").get(1).get("gradientNorm").asDouble() > 0, r.out());
        Cli.run("diagnose", "--model", model.toString(), "--idx-images", imageFile.toString())
                .fails(2, "--idx-labels");
    }

    @Test
    void badModelsExitWithTwoAndOneLine() throws Exception {
        Path model = dir.resolve("m.json");
        Cli.run("train", "--data", "xor", "--hidden", "3", "--epochs", "1", "--save", model.toString()).succeeds();
        Path onnx = dir.resolve("m.onnx");
        Cli.run("export", "--model", model.toString(), "--onnx", onnx.toString()).succeeds();
        byte[] bytes = Files.readAllBytes(onnx);
        Path truncated = dir.resolve("truncated.onnx");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 40));
        Path text = dir.resolve("text.onnx");
        Files.writeString(text, "hello, world\n");

        diagnose(truncated).fails(2, "truncated or corrupt");
        diagnose(text).fails(2, "not an ONNX model");
        diagnose(FIXTURES.resolve("unsupported_op.onnx")).fails(2, "unsupported operator Hardmax at Hardmax node 'hardmax1'");
        diagnose(FIXTURES.resolve("mismatched_shapes.onnx")).fails(2, "mismatched shapes");
        diagnose(FIXTURES.resolve("too_large.onnx")).fails(2, "too large for memory");
        diagnose(dir.resolve("none.onnx")).fails(2, "no such model file");
        Cli.run("diagnose", "--model", onnx.toString(), "--data", "mnist").fails(2, "has 784 input column(s), the model takes 2");
        Cli.run("export", "--model", dir.resolve("none.json").toString(), "--onnx", onnx.toString()).fails(2, "none.json");
    }

    private static Cli.Result diagnose(Path model) {
        return Cli.run("diagnose", "--model", model.toString(), "--data", "xor");
    }
}

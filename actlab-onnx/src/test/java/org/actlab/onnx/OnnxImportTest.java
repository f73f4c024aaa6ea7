package org.actlab.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.actlab.data.DataSets;
import org.actlab.data.Dataset;
import org.actlab.diagnose.Advice;
import org.actlab.diagnose.Advisor;
import org.actlab.diagnose.Diagnostics;
import org.actlab.diagnose.DiagnosticsConfig;
import org.actlab.diagnose.HealthReport;
import org.actlab.diagnose.LayerHealth;
import org.actlab.diagnose.UnitState;
import org.actlab.lab.run.SavedModel;
import org.actlab.nn.Network;
import org.actlab.nn.NetworkSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Import: actlab's own exports read back exactly (round trip), fixtures built independently with
 * the npm package onnx-proto (src/test/fixtures/generate.js) are read as ONNX Runtime runs them and
 * their planted pathologies are found, and bad files are refused with a message naming the problem.
 */
class OnnxImportTest {

    @TempDir
    Path dir;

    static Path fixture(Path dir, String name) throws Exception {
        Path file = dir.resolve(name);
        try (InputStream in = OnnxImportTest.class.getResourceAsStream(name)) {
            Files.copy(in, file);
        }
        return file;
    }

    private static Dataset circle() {
        return DataSets.generate("circle", 400, 0.1, 3);
    }

    private static String message(Path file) {
        return assertThrows(IllegalArgumentException.class, () -> ModelDiagnosis.load(file)).getMessage();
    }

    @Test
    void roundTripGivesTheJsonModelsDiagnosticsExactly() throws Exception {
        for (String activation : List.of("relu", "tanh", "sigmoid", "leaky_relu(0.1)", "elu(0.5)", "gelu", "selu",
                "softplus", "softsign", "hard_swish", "silu", "prelu(0.2)", "hard_sigmoid", "celu(2)", "mish")) {
            SavedModel saved = Models.circle(activation, List.of(6, 4), "auto", 5);
            Path json = dir.resolve("m.json");
            Path onnx = dir.resolve("m.onnx");
            saved.write(json);
            OnnxExport.write(saved, onnx);
            ModelDiagnosis.Model fromJson = ModelDiagnosis.load(json);
            ModelDiagnosis.Model fromOnnx = ModelDiagnosis.load(onnx);
            assertEquals(fromJson.network().toString(), fromOnnx.network().toString(), activation);
            for (int l = 0; l < fromJson.network().layers().size(); l++) {
                assertArrayEquals(fromJson.network().layers().get(l).weights(), fromOnnx.network().layers().get(l).weights());
                assertArrayEquals(fromJson.network().layers().get(l).bias(), fromOnnx.network().layers().get(l).bias());
            }
            Dataset data = circle();
            HealthReport expected = ModelDiagnosis.run(fromJson, data, true, DiagnosticsConfig.defaults()).report();
            HealthReport actual = ModelDiagnosis.run(fromOnnx, data, true, DiagnosticsConfig.defaults()).report();
            assertEquals(expected, actual, activation);
            assertTrue(Double.isFinite(actual.layers().get(0).gradientNorm()), activation);
        }
    }

    @Test
    void importedPreprocessingIsBitExactWithPredict() throws Exception {
        SavedModel saved = Models.circle("tanh", List.of(5), "auto", 3);
        Path onnx = dir.resolve("p.onnx");
        OnnxExport.write(saved, onnx);
        OnnxImport.Imported imported = OnnxImport.read(onnx);
        float[] raw = Models.rawInputs(1000, 5);
        assertArrayEquals(saved.inputs(raw, 1000), imported.inputs(raw, 1000));
        assertEquals("actlab.version, actlab.layers, actlab.output, actlab.spec, actlab.data, actlab.config",
                String.join(", ", imported.metadata().keySet()));
        assertEquals("[\"tanh\",\"sigmoid\"]", imported.metadata().get("actlab.layers"));
    }

    @Test
    void plantedDeadUnitIsFound() throws Exception {
        ModelDiagnosis.Model model = ModelDiagnosis.load(fixture(dir, "dead_unit.onnx"));
        Network net = model.network();
        assertEquals("relu", net.layers().get(0).activation().spec());
        assertEquals(NetworkSpec.Output.SIGMOID, net.spec().output());
        // MatMul weights [inputs, units] arrive as actlab's units × inputs.
        assertArrayEquals(new float[] {1, 0.5f, -1, 1, 0, 0, 0.5f, -1}, net.layers().get(0).weights());
        Dataset data = circle();
        HealthReport report = ModelDiagnosis.run(model, data, true, DiagnosticsConfig.defaults()).report();
        LayerHealth hidden = report.layers().get(0);
        assertEquals(0.25, hidden.deadFraction(), 0.0, "1 of 4 units dead");
        float[] z = net.trace(model.inputs(data.x(), data.n()), data.n()).get(0).z();
        UnitState[] states = Diagnostics.unitStates(net.layers().get(0).activation(), z, data.n(), 4, DiagnosticsConfig.defaults());
        assertEquals(List.of(UnitState.HEALTHY, UnitState.HEALTHY, UnitState.DEAD, UnitState.HEALTHY), Arrays.asList(states));
        assertTrue(rules(report).contains(Advisor.DEAD_UNITS), report.advice().toString());
    }

    @Test
    void saturatedSigmoidsAndTheErfGeluSubgraphAreFound() throws Exception {
        ModelDiagnosis.Model model = ModelDiagnosis.load(fixture(dir, "saturated_sigmoid.onnx"));
        Network net = model.network();
        assertEquals("2 -> 3 sigmoid -> 2 gelu -> 2 identity+softmax", ModelDiagnosis.layout(net));
        HealthReport report = ModelDiagnosis.run(model, circle(), true, DiagnosticsConfig.defaults()).report();
        LayerHealth sigmoid = report.layers().get(0);
        assertTrue(sigmoid.saturatedFraction() > 0.8, "slope-saturated share " + sigmoid.saturatedFraction());
        assertTrue(sigmoid.nearAsymptoteFraction() > 0.8, "near-asymptote share " + sigmoid.nearAsymptoteFraction());
        assertTrue(rules(report).contains(Advisor.SATURATION), report.advice().toString());
        assertEquals(0.0, report.layers().get(1).deadFraction(), 0.0);
    }

    @Test
    void importedFixturesComputeWhatOnnxRuntimeComputes() throws Exception {
        float[] raw = Models.rawInputs(1000, 9);
        for (String name : List.of("dead_unit.onnx", "saturated_sigmoid.onnx")) {
            Path file = fixture(dir, name);
            ModelDiagnosis.Model model = ModelDiagnosis.load(file);
            int outputs = model.network().spec().outputs();
            float[] expected = new float[1000 * outputs];
            model.network().predict(model.inputs(raw, 1000), 1000, expected);
            float[] actual = OnnxRuntimeExportTest.runOrt(Files.readAllBytes(file), raw, 1000, 2);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-5, name + " value " + i);
            }
        }
    }

    @Test
    void withoutLabelsThereAreNoGradientFigures() throws Exception {
        ModelDiagnosis.Model model = ModelDiagnosis.load(fixture(dir, "dead_unit.onnx"));
        HealthReport report = ModelDiagnosis.run(model, circle(), false, DiagnosticsConfig.defaults()).report();
        assertTrue(Double.isNaN(report.layers().get(0).gradientNorm()));
        assertTrue(Double.isNaN(report.gradientRatio()));
        assertEquals(0.25, report.layers().get(0).deadFraction(), 0.0);
    }

    @Test
    void badFilesAreRefusedWithAMessageNamingTheProblem() throws Exception {
        byte[] good = OnnxExport.encode(Models.circle("relu", List.of(3), "auto", 0));
        Path truncated = dir.resolve("truncated.onnx");
        Files.write(truncated, Arrays.copyOf(good, good.length / 2));
        assertTrue(message(truncated).contains("truncated or corrupt"), message(truncated));

        Path text = dir.resolve("notes.onnx");
        Files.writeString(text, "these are not the weights you are looking for\n", StandardCharsets.UTF_8);
        assertTrue(message(text).contains("not an ONNX model"), message(text));

        assertEquals(fixture(dir, "unsupported_op.onnx") + ": unsupported operator Hardmax at Hardmax node 'hardmax1' "
                + "(after a dense layer); actlab imports MLPs: Gemm or MatMul+Add, activations " + String.join(", ",
                OnnxImport.ACTIVATIONS) + ", Flatten and Softmax at the ends", message(dir.resolve("unsupported_op.onnx")));

        String shapes = message(fixture(dir, "mismatched_shapes.onnx"));
        assertTrue(shapes.contains("mismatched shapes: Gemm node 'fc2' takes 3 inputs, the layer before has 4 units"), shapes);

        String large = message(fixture(dir, "too_large.onnx"));
        assertTrue(large.contains("tensor 'W1' declares 1099511627776 elements") && large.contains("too large for memory"), large);

        assertTrue(message(dir.resolve("missing.onnx")).contains("no such model file"));
    }

    private static List<String> rules(HealthReport report) {
        return report.advice().stream().map(Advice::rule).collect(Collectors.toList());
    }
}

package org.actlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.kernel.ActivationKernels;
import org.actlab.kernel.Kernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ActivationCommandsTest {

    @TempDir
    Path dir;

    @Test
    void functionsTableListsEveryActivation() {
        Cli.Result r = Cli.run("functions").succeeds();
        String[] lines = r.out().split("\\R");
        assertTrue(lines[0].startsWith("spec") && lines[0].contains("zero-centred") && lines[0].contains("cost"), lines[0]);
        assertEquals(Activations.catalogue().size() + 2, lines.length, "header, rule, one row per activation");
        assertTrue(Arrays.stream(lines).anyMatch(l -> l.startsWith("relu ") && l.contains("max(0, x)")), r.out());
    }

    @Test
    void functionsJsonHasOneObjectPerActivationWithSpecsThatParseBack() throws Exception {
        JsonNode array = new ObjectMapper().readTree(Cli.run("functions", "--json").succeeds().out());
        List<Activation> catalogue = Activations.catalogue();
        assertEquals(catalogue.size(), array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = array.get(i);
            assertEquals(catalogue.get(i).spec(), node.get("spec").asText());
            assertEquals(catalogue.get(i), Activations.parse(node.get("spec").asText()));
            assertTrue(node.get("zeroCentred").isBoolean() && node.get("saturating").isBoolean());
            assertTrue(node.get("formula").isTextual() && node.get("cost").isTextual());
        }
    }

    @Test
    void evalPrintsTheKernelValuesBitExactlyAndTheyMatchTheActivation() {
        String[] points = {"0", "-1", "1", "-0.0", "1e-40", "-87.5", "30", "inf", "-inf", "nan", "0x1p-3"};
        for (String path : List.of("auto", "scalar")) {
            ActivationKernels kernels = Kernels.forPath(path);
            for (String spec : List.of("relu", "tanh", "sigmoid", "elu(alpha=0.5)", "gelu")) {
                Activation f = Activations.parse(spec);
                String[] args = new String[5 + points.length];
                System.arraycopy(new String[]{"eval", spec, "--path", path, "--x"}, 0, args, 0, 5);
                System.arraycopy(points, 0, args, 5, points.length);
                String[] lines = Cli.run(args).succeeds().out().split("\\R");
                assertEquals("x,value,derivative", lines[0]);
                assertEquals(points.length + 1, lines.length);
                float[] x = new float[points.length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = Float.parseFloat(lines[i + 1].split(",")[0]);
                }
                ActivationKernels.Evaluated at = kernels.evaluate(f, x);
                float[] value = at.values();
                float[] slope = at.slopes();
                for (int i = 0; i < x.length; i++) {
                    String[] cells = lines[i + 1].split(",");
                    String where = spec + " at " + x[i] + " on " + path;
                    // Printed decimals parse back to exactly the kernels' float bits (-0.0 included; every
                    // NaN prints as "NaN", so NaN payloads compare as the one canonical NaN)...
                    assertEquals(Float.floatToIntBits(value[i]), Float.floatToIntBits(Float.parseFloat(cells[1])), where);
                    assertEquals(Float.floatToIntBits(slope[i]), Float.floatToIntBits(Float.parseFloat(cells[2])), where);
                    // ...which agree with the scalar Activation within its contract of 1 ULP.
                    assertWithinUlp(f.apply(x[i]), value[i], "f of " + where);
                    assertWithinUlp(f.derivative(x[i]), slope[i], "f' of " + where);
                }
            }
        }
    }

    private static void assertWithinUlp(float expected, float actual, String where) {
        if (Float.isNaN(expected) || Float.isNaN(actual)) {
            assertTrue(Float.isNaN(expected) && Float.isNaN(actual), where + ": " + expected + " vs " + actual);
        } else {
            assertTrue(expected == actual || Math.abs(expected - actual) <= Math.ulp(expected),
                    where + ": " + expected + " vs " + actual);
        }
    }

    @Test
    void evalHexAndRangeAndFile() throws Exception {
        Cli.Result r = Cli.run("eval", "leaky_relu(0.25)", "--range", "-2:2:5", "--hex").succeeds();
        assertEquals(List.of("x,value,derivative", "-0x1.0p1,-0x1.0p-1,0x1.0p-2", "-0x1.0p0,-0x1.0p-2,0x1.0p-2",
                "0x0.0p0,0x0.0p0,0x1.0p-2", "0x1.0p0,0x1.0p0,0x1.0p0", "0x1.0p1,0x1.0p1,0x1.0p0"),
                Arrays.asList(r.out().split("\\R")));
        Path points = dir.resolve("points.txt");
        Files.writeString(points, "# points\n0.5\n\n-3\n");
        assertEquals("x,value,derivative\n0.5,0.5,1.0\n-3.0,0.0,0.0\n",
                Cli.run("eval", "relu", "--x-file", points.toString()).succeeds().out().replace(System.lineSeparator(), "\n"));
        Files.writeString(points, "0.5\n1,5\n");
        Cli.run("eval", "relu", "--x-file", points.toString()).fails(2, "points.txt:2: '1,5' is not a number");
        Cli.run("eval", "relu", "--x-file", dir.resolve("missing.txt").toString()).fails(2, "missing.txt");
    }

    @Test
    void evalBadInputsExitWithTwo() {
        Cli.run("eval", "rleu", "--x", "1").fails(2, "rleu");
        Cli.run("eval", "leaky_relu(slope=-1e999)", "--x", "1").fails(2, "leaky_relu");
        Cli.run("eval", "relu", "--x", "abc").fails(2, "'abc' is not a number");
        Cli.run("eval", "relu", "--x", "1f").fails(2, "'1f'");
        Cli.run("eval", "relu").fails(2, "--x");
        Cli.run("eval", "relu", "--x", "1", "--range", "0:1:2").fails(2, "mutually exclusive");
        Cli.run("eval", "relu", "--range", "0:1").fails(2, "A:B:N");
        Cli.run("eval", "relu", "--range", "0:1:0").fails(2, "got 0");
        Cli.run("eval", "relu", "--path", "gpu", "--x", "1").fails(2, "gpu");
        Cli.run("eval", "relu", "--x", "1", "--bogus").fails(2, "--bogus");
        Cli.run("nosuchcommand").fails(2, "nosuchcommand");
    }

    @Test
    void plotWritesWellFormedSvgAndPng() throws Exception {
        Path svg = dir.resolve("act.svg");
        Cli.run("plot", "sigmoid", "tanh", "relu", "--out", svg.toString()).succeeds();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // JFreeSVG writes the SVG 1.1 DOCTYPE; well-formedness needs no DTD, and tests must not go online.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = factory.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getTagName());
        String text = Files.readString(svg);
        assertTrue(text.contains("sigmoid") && text.contains("relu"), "legend names the functions");

        Path png = dir.resolve("sub/act.png");
        Cli.run("plot", "leaky_relu(0.1)", "--range", "-3:3", "--width", "300", "--height", "200", "--out", png.toString()).succeeds();
        byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(bytes, 4));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertEquals(300, image.getWidth());
        assertEquals(200, image.getHeight());
        try (var files = Files.list(png.getParent())) {
            assertEquals(List.of(png), new ArrayList<>(files.toList()), "no temporary file left behind");
        }
    }

    @Test
    void plotBadInputsExitWithTwo() {
        Cli.run("plot", "relu", "--out", dir.resolve("a.gif").toString()).fails(2, "a.gif");
        Cli.run("plot", "relu", "--range", "3:-3", "--out", dir.resolve("a.svg").toString()).fails(2, "3.0:-3.0");
        Cli.run("plot", "relu", "--range", "x:3", "--out", dir.resolve("a.svg").toString()).fails(2, "'x'");
        Cli.run("plot", "nope", "--out", dir.resolve("a.svg").toString()).fails(2, "nope");
        Cli.run("plot", "relu").fails(2, "--out");
    }

    @Test
    void unwritableOutputExitsWithTwo() throws Exception {
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "a file where a folder should be");
        Cli.run("plot", "relu", "--out", blocker.resolve("a.svg").toString()).fails(2, "cannot write");
        Cli.run("data", "xor", "--out", blocker.resolve("x.csv").toString()).fails(2, "cannot write");
    }

    @Test
    void auditPrintsAMarkdownRowPerFunctionAndPath() {
        Cli.Result r = Cli.run("audit", "--samples", "2000", "--path", "scalar", "--functions", "relu,leaky_relu(0.1),tanh").succeeds();
        String[] lines = r.out().split("\\R");
        assertTrue(lines[0].startsWith("| function | path |"), lines[0]);
        assertEquals(5, lines.length, r.out());
        assertTrue(lines[2].startsWith("| relu | scalar | 2000 |"), lines[2]);
        assertTrue(lines[3].startsWith("| leaky_relu(slope=0.1) | scalar |"), lines[3]);
        assertTrue(r.err().contains("audit 3/3: tanh on scalar"), r.err());
        Cli.run("audit", "--samples", "1").fails(2, "got 1");
        Cli.run("audit", "--functions", "relux").fails(2, "relux");
    }
}

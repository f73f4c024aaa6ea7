package org.actlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.actlab.data.Csv;
import org.actlab.data.DataSets;
import org.actlab.data.Dataset;
import org.actlab.lab.run.SavedModel;
import org.actlab.nn.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCommandsTest {

    @TempDir
    Path dir;

    private static final String[] SMALL = {"--samples", "100", "--hidden", "4", "--epochs", "3", "--seed", "2"};

    private static String[] args(String[] first, String... more) {
        String[] all = new String[first.length + SMALL.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(SMALL, 0, all, first.length, SMALL.length);
        System.arraycopy(more, 0, all, first.length + SMALL.length, more.length);
        return all;
    }

    @Test
    void trainPrintsASummaryAndWritesJson() throws Exception {
        Path json = dir.resolve("result.json");
        Cli.Result r = Cli.run(args(new String[]{"train", "--data", "spiral", "--noise", "0.1"}, "--activations", "relu",
                "--optimizer", "adam", "--lr", "0.01", "--json", json.toString())).succeeds();
        assertTrue(r.out().contains("data spiral: 80 train rows, 20 test rows, 2 input(s), binary"), r.out());
        assertTrue(r.out().contains("network 2 -> 4 relu -> 1 sigmoid, loss bce"), r.out());
        assertTrue(r.out().contains("train accuracy"), r.out());
        JsonNode node = new ObjectMapper().readTree(json.toFile());
        assertEquals("spiral", node.at("/config/data").asText());
        assertEquals(List.of("relu"), List.of(node.at("/config/activations/0").asText()));
        for (String metric : List.of("trainLoss", "testLoss", "trainAccuracy", "testAccuracy")) {
            assertTrue(node.at("/metrics/" + metric).isNumber(), metric);
        }
        assertEquals(3, node.get("history").size());
        assertEquals(2, node.at("/history/2/epoch").asInt());
    }

    @Test
    void trainJsonToStdoutWithDiagnostics() throws Exception {
        Cli.Result r = Cli.run(args(new String[]{"train", "--data", "circle"}, "--activation", "sigmoid", "--diagnose", "--json", "-"))
                .succeeds();
        JsonNode node = new ObjectMapper().readTree(r.out());
        assertEquals(2, node.get("layers").size());
        assertTrue(node.get("layers").get(0).has("saturatedFraction"));
        assertTrue(node.get("layerHistory").size() >= 1);
        Cli.Result table = Cli.run(args(new String[]{"train", "--data", "circle"}, "--activation", "sigmoid", "--diagnose")).succeeds();
        assertTrue(table.out().contains("health after epoch") && table.out().contains("advice"), table.out());
    }

    @Test
    void saveThenPredictGivesTheNetworksOutputs() throws Exception {
        Path model = dir.resolve("model.json");
        Cli.run(args(new String[]{"train", "--data", "xor"}, "--features", "x1,x2,x1*x2", "--standardize", "--save", model.toString()))
                .succeeds();
        SavedModel saved = SavedModel.read(model);
        Network network = saved.network();
        Cli.Result r = Cli.run("predict", "--model", model.toString(), "--x", "0.5,1.0", "--x", "-2,3").succeeds();
        String[] lines = r.out().split("\\R");
        assertEquals("p", lines[0]);
        assertEquals(3, lines.length);
        float[] expected = new float[2];
        network.predict(saved.inputs(new float[]{0.5f, 1.0f, -2f, 3f}, 2), 2, expected);
        assertEquals(expected[0], Float.parseFloat(lines[1]));
        assertEquals(expected[1], Float.parseFloat(lines[2]));

        Path csv = dir.resolve("points.csv");
        Files.writeString(csv, "a,b,label\n0.5,1.0,1\n-2,3,0\n");
        Cli.Result fromCsv = Cli.run("predict", "--model", model.toString(), "--csv", csv.toString(), "--label", "label").succeeds();
        assertEquals(r.out(), fromCsv.out());
        Cli.run("predict", "--model", model.toString(), "--csv", csv.toString()).fails(2, "--label");
        Cli.run("predict", "--model", model.toString(), "--x", "0.5").fails(2, "takes 2 value(s) per row, got 1");
        Cli.run("predict", "--model", dir.resolve("none.json").toString(), "--x", "1,2").fails(2, "none.json");
    }

    @Test
    void predictMulticlassPrintsProbabilitiesAndClass() throws Exception {
        Path train = dir.resolve("three.csv");
        Files.writeString(train, "u,v,c\n0,0,0\n1,0,1\n0,1,2\n0.1,0,0\n0.9,0.1,1\n0,0.8,2\n");
        Path model = dir.resolve("m.json");
        Cli.run("train", "--csv", train.toString(), "--label", "c", "--hidden", "3", "--epochs", "2", "--train-fraction", "1",
                "--save", model.toString()).succeeds();
        String[] lines = Cli.run("predict", "--model", model.toString(), "--x", "1,0").succeeds().out().split("\\R");
        assertEquals("p0,p1,p2,class", lines[0]);
        String[] cells = lines[1].split(",");
        double sum = Float.parseFloat(cells[0]) + Float.parseFloat(cells[1]) + Float.parseFloat(cells[2]);
        assertEquals(1, sum, 1e-5);
    }

    @Test
    void trainBadInputsExitWithTwo() throws Exception {
        Cli.run("train", "--data", "spirl").fails(2, "did you mean 'spiral'");
        Cli.run("train", "--hidden", "4,x").fails(2, "x");
        Cli.run("train", "--hidden", "4,-1").fails(2, "-1");
        Cli.run("train", "--activation", "rleu").fails(2, "rleu");
        Cli.run("train", "--hidden", "4,4,4", "--activations", "relu,tanh").fails(2, "2 activations");
        Cli.run("train", "--lr", "0").fails(2, "0.0");
        Cli.run("train", "--batch", "0").fails(2, "--batch must be >= 1, got 0");
        Cli.run("train", "--optimizer", "adamm").fails(2, "adamm");
        Cli.run("train", "--loss", "bce", "--output", "identity").fails(2, "bce");
        Cli.run("train", "--features", "x1,x9").fails(2, "x9");
        Cli.run("train", "--train-fraction", "2").fails(2, "2.0");
        Cli.run("train", "--epochs", "many").fails(2, "many");
        Cli.run("train", "--data", "xor", "--csv", "a.csv").fails(2, "not both");
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "a,b\n1,2\n3\n");
        Cli.run("train", "--csv", bad.toString()).fails(2, "bad.csv:3");
        Cli.run("train", "--csv", dir.resolve("nothing.csv").toString()).fails(2, "nothing.csv");
    }

    @Test
    void guessesAreSaidInOneLineAndBadDefaultsAreRefused() throws Exception {
        Cli.Result mnist = Cli.run("train", "--data", "mnist", "--samples", "1500", "--hidden", "4", "--epochs", "1",
                "--quiet").succeeds();
        assertEquals("actlab train: note: batch 128 chosen for 1200 training rows (batch 10 below 1000 rows); give a batch size to choose",
                mnist.err().strip());
        assertTrue(mnist.out().contains("batch 128"), mnist.out());
        Cli.Result small = Cli.run("train", "--data", "xor", "--epochs", "1", "--quiet").succeeds();
        assertEquals("", small.err().strip(), "no guess worth a notice for a few hundred rows");
        assertTrue(small.out().contains("400 train rows, 100 test rows"), "train fraction 0.8: " + small.out());
        Cli.run("train", "--data", "mnist", "--features", "x1,x2").fails(2, "mnist has 784 pixel inputs");
        Path regression = dir.resolve("wide-range.csv");
        Files.writeString(regression, "x,y\n1,-3\n2,0\n3,4\n4,1\n");
        Cli.run("train", "--csv", regression.toString(), "--loss", "bce").fails(2, "loss bce needs targets in [0, 1]");
        Path model = dir.resolve("m.json");
        Cli.run("train", "--data", "xor", "--epochs", "1", "--quiet", "--save", model.toString()).succeeds();
        Cli.run("predict", "--model", model.toString(), "--x", "1,nan").fails(2, "value 2 ('nan') is not a finite float");
        Cli.run("predict", "--model", model.toString(), "--x", "1e39,0").fails(2, "value 1 ('1e39') is not a finite float");
    }

    @Test
    void divergenceExitsWithThree() {
        Cli.Result r = Cli.run("train", "--data", "plane", "--samples", "50", "--hidden", "8", "--activation", "identity",
                "--lr", "1e30", "--epochs", "5");
        assertEquals(3, r.code(), "exit code; out: " + r.out() + " err: " + r.err());
        assertTrue(r.err().contains("training stopped"), r.err());
        assertTrue(!r.err().contains("\tat "), r.err());
    }

    @Test
    void explosiveLossGrowthExitsWithThreeAndSaysWhen() {
        // Issue 12: SGD at 1e9 on the default circle set kept every loss finite and used to end with exit 0
        // and a training loss near 1e9; the growth rule now stops it after the first epoch.
        Cli.Result r = Cli.run("train", "--lr", "1e9", "--epochs", "20");
        assertEquals(3, r.code(), "exit code; out: " + r.out() + " err: " + r.err());
        assertTrue(r.err().contains("training diverged at epoch 0: the training loss grew from "), r.err());
        assertTrue(r.err().contains("above the limit 1000 × max(initial loss, 1) = 1000"), r.err());
        assertTrue(!r.err().contains("\tat "), r.err());
        // The same run at an ordinary rate trains to the end.
        assertEquals(0, Cli.run("train", "--lr", "0.03", "--epochs", "20").code());
    }

    @Test
    void dataWritesTheGeneratedRows() throws Exception {
        Path out = dir.resolve("spiral.csv");
        Cli.run("data", "spiral", "--samples", "40", "--noise", "0.1", "--seed", "3", "--out", out.toString()).succeeds();
        Dataset back = Csv.load(out, "label", null).data();
        Dataset expected = DataSets.generate("spiral", 40, 0.1, 3);
        assertArrayEquals(expected.x(), back.x());
        assertArrayEquals(expected.y(), back.y());
        assertTrue(Cli.run("data", "--list").succeeds().out().contains("multi_gauss"));
        Cli.run("data", "spirale", "--out", out.toString()).fails(2, "did you mean 'spiral'");
        Cli.run("data", "spiral", "--samples", "0", "--out", out.toString()).fails(2, "got 0");
        Cli.run("data", "spiral").fails(2, "--out");
    }
}

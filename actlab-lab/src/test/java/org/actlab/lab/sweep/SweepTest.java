package org.actlab.lab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.actlab.lab.experiment.Progress;
import org.actlab.lab.experiment.Trial;
import org.actlab.lab.experiment.TrialExecutor;
import org.actlab.lab.experiment.TrialResult;
import org.actlab.lab.experiment.Trials;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTest {

    /** Tiny trials: 60 points, one hidden layer of 4, 3 epochs. */
    static SweepSpec tiny(List<String> grid, int seeds) {
        return SweepSpec.fromFlags(Map.of("data", "xor", "samples", "60", "hidden", "4", "epochs", "3"), grid, 0, 1, seeds, false);
    }

    @Test
    void logRangeHasEndsExactAndEqualRatios() {
        Axis axis = Axis.parse("learningRate", "1e-3:1:log8", false);
        List<Object> points = axis.grid();
        assertEquals(8, points.size());
        assertEquals(1e-3, points.get(0));
        assertEquals(1.0, points.get(7));
        double ratio = Math.pow(10, 3.0 / 7);
        for (int i = 1; i < 8; i++) {
            assertEquals(ratio, (Double) points.get(i) / (Double) points.get(i - 1), 1e-12);
        }
        assertEquals(List.of(0.0, 0.25, 0.5, 0.75, 1.0), Axis.parse("l2", "0:1:lin5", false).grid());
        assertEquals(List.of("leaky_relu(0.1)", "relu"), Axis.parse("activations", "leaky_relu(0.1),relu", true).grid()
                .stream().map(v -> ((List<?>) v).get(0)).toList());
        assertEquals(List.of(List.of("8", "8"), List.of("16")), Axis.parse("hidden", "[8,8],16", true).grid());
    }

    @Test
    void gridTimesSeedsInOrderWithSeedsInnermost() {
        List<Trial> trials = tiny(List.of("activation=relu,tanh", "lr=0.1,0.01"), 3).trials();
        assertEquals(12, trials.size());
        assertEquals(List.of("relu"), trials.get(0).run().get("activations"));
        assertEquals(0.1, trials.get(0).number("learningRate"));
        assertEquals(List.of(1L, 2L, 3L), trials.subList(0, 3).stream().map(Trial::seed).toList());
        assertEquals(0.01, trials.get(3).number("learningRate"));
        assertEquals(List.of("tanh"), trials.get(6).run().get("activations"));
        assertEquals(1L, trials.get(0).whole("threads"), "one thread per trial");
    }

    @Test
    void badSpecsNameTheBadValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tiny(List.of("activaton=relu"), 1))
                .getMessage().contains("unknown run option 'activaton' (did you mean 'activations'?)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tiny(List.of("lr="), 1))
                .getMessage().contains("empty grid"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tiny(List.of("lr=0.1,,0.2"), 1))
                .getMessage().contains("empty value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tiny(List.of("lr=0.1,-1"), 1).trials())
                .getMessage().contains("learning rate must be finite and > 0, got -1.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tiny(List.of("activation=relu,nope"), 1).trials())
                .getMessage().contains("nope"));
        // 1001 × 1000 = 1,001,000 > 10^6: refused before expansion, unless forced.
        SweepSpec huge = tiny(List.of("lr=1e-3:1:log1001", "l2=0:1:lin1000"), 1);
        assertTrue(assertThrows(IllegalArgumentException.class, huge::trials).getMessage().contains("1001000 trials"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tiny(List.of("seed=1,2"), 1))
                .getMessage().contains("--seeds"));
    }

    @Test
    void sweepFileInYamlEqualsTheFlags(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("study.yaml");
        Files.writeString(yaml, "base: {data: xor, samples: 60, hidden: [4], epochs: 3}\n"
                + "grid:\n  activation: [relu, tanh]\n  lr: \"1e-3:1:log3\"\nseeds: 2\n");
        SweepSpec fromFile = SweepSpec.read(yaml, false);
        assertEquals(tiny(List.of("activation=relu,tanh", "lr=1e-3:1:log3"), 2).trials(), fromFile.trials());
        // The stored spec reads back to the same trials.
        Path json = dir.resolve("sweep.json");
        Files.writeString(json, fromFile.toJson());
        assertEquals(fromFile.trials(), SweepSpec.read(json, false).trials());
        Files.writeString(yaml, "grid: {lr: []}\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SweepSpec.read(yaml, false)).getMessage()
                .contains("empty grid"));
    }

    @Test
    void poolGivesTheSequentialResultsBitForBit() {
        List<Trial> trials = tiny(List.of("activation=relu,tanh,sigmoid", "lr=0.3,0.03"), 2).trials();
        List<TrialResult> sequential = TrialExecutor.sequential().execute(trials, Progress.silent());
        List<TrialResult> pooled = TrialExecutor.pool(3).execute(trials, Progress.silent());
        assertEquals(trials.size(), pooled.size());
        for (int i = 0; i < trials.size(); i++) {
            assertEquals(withoutWallTime(sequential.get(i)), withoutWallTime(pooled.get(i)), "trial " + i);
            assertEquals("", pooled.get(i).text("error"));
        }
        // The figures are real trainings: different seeds give different losses.
        assertFalse(sequential.get(0).number("trainLoss") == sequential.get(1).number("trainLoss"));
    }

    static Map<String, Object> withoutWallTime(TrialResult r) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(r.measures());
        m.remove("wallSeconds");
        m.put("trial", r.trial());
        return m;
    }

    @Test
    void divergingAndFailingTrialsAreRecordedWithTheirError(@TempDir Path dir) {
        SweepSpec spec = SweepSpec.fromFlags(Map.of("samples", "60", "hidden", "4", "epochs", "5"),
                List.of("data=xor,no-such-file.csv", "lr=0.1,1e6"), 0, 1, 1, false);
        SweepTable table = Sweep.run(SweepStore.create(dir.resolve("s"), spec), TrialExecutor.pool(2), Sweep.Listener.none());
        assertEquals(4, table.rows().size());
        int error = table.column("error");
        int diverged = table.column("diverged");
        assertEquals("", table.rows().get(0).get(error));
        assertEquals(true, table.rows().get(1).get(diverged), "lr 1e6 diverges: " + table.rows().get(1));
        assertTrue(((Long) table.rows().get(1).get(table.column("divergedEpoch"))) >= 0);
        assertFalse(((String) table.rows().get(1).get(error)).isEmpty());
        assertTrue(((String) table.rows().get(2).get(error)).contains("no-such-file.csv"), table.rows().get(2).toString());
        assertEquals(false, table.rows().get(2).get(diverged));
    }

    @Test
    void resumeRunsOnlyTheMissingTrialsAndEveryTrialOnce(@TempDir Path dir) throws Exception {
        SweepSpec spec = tiny(List.of("activation=relu,tanh"), 3);
        List<Trial> trials = spec.trials();
        SweepStore store = SweepStore.create(dir.resolve("s"), spec);
        // An interrupted sweep: trials 1 and 4 committed, a stale temporary file left behind.
        store.commit(1, Trials.run(trials.get(1)));
        store.commit(4, Trials.run(trials.get(4)));
        Files.writeString(dir.resolve("s/trials/.0000002.json123.tmp"), "{\"index\": 2, \"ru");
        List<Integer> ran = new ArrayList<>();
        SweepTable resumed = Sweep.run(SweepStore.open(dir.resolve("s"), false), TrialExecutor.pool(2), new Sweep.Listener() {
            @Override
            public void started(int total, int alreadyDone) {
                assertEquals(6, total);
                assertEquals(2, alreadyDone);
            }

            @Override
            public void finished(int index, TrialResult result, int done, int total) {
                ran.add(index);
            }
        });
        assertEquals(List.of(0, 2, 3, 5), ran.stream().sorted().toList());
        SweepTable fresh = Sweep.run(SweepStore.create(dir.resolve("f"), spec), TrialExecutor.sequential(), Sweep.Listener.none());
        assertEquals(fresh.csv(false), resumed.csv(false));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), resumed.rows().stream().map(r -> r.get(0)).toList());
        // A directory of another spec is refused rather than mixed.
        Files.writeString(dir.resolve("s/sweep.json"), tiny(List.of("activation=relu,sigmoid"), 3).toJson());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Sweep.run(SweepStore.open(dir.resolve("s"), false), TrialExecutor.sequential(), Sweep.Listener.none()))
                .getMessage().contains("another trial"));
    }

    /** What a Spark task retry or speculative copy does to the journal: the same trial committed twice. */
    @Test
    void theWallTimeColumnLeavesAWrittenCsvAsCsvFalseWritesIt(@TempDir Path dir) throws Exception {
        // Quoted cells with commas and quotes, before and after the wall time, must stay whole.
        SweepTable table = new SweepTable(List.of("trial", "hidden", "wallSeconds", "error", "trainLoss"),
                List.of(Long.class, String.class, Double.class, String.class, Double.class),
                List.of(List.of(0L, "[8,8]", 0.25, "", 0.5), List.of(1L, "[4]", 1.5, "IllegalStateException: \"a\", b", Double.NaN)));
        assertEquals(table.csv(false).lines().toList(), SweepTable.withoutWallTime(table.csv(true).lines().toList()));
        // And on a results.csv a sweep wrote.
        SweepTable written = Sweep.run(SweepStore.create(dir.resolve("s"), tiny(List.of("activation=relu,sigmoid"), 1)),
                TrialExecutor.sequential(), Sweep.Listener.none());
        assertEquals(written.csv(false).lines().toList(), SweepTable.withoutWallTime(Files.readAllLines(dir.resolve("s/results.csv"))));
        assertEquals("no wallSeconds column in the header 'trial,hidden'",
                assertThrows(IllegalArgumentException.class, () -> SweepTable.withoutWallTime(List.of("trial,hidden"))).getMessage());
    }

    @Test
    void aTrialCommittedTwiceIsOneRow(@TempDir Path dir) {
        SweepSpec spec = tiny(List.of("activation=relu,tanh"), 1);
        List<Trial> trials = spec.trials();
        SweepStore store = SweepStore.create(dir.resolve("s"), spec);
        TrialResult first = Trials.run(trials.get(0));
        TrialResult again = Trials.run(trials.get(0));
        store.commit(0, first);
        store.commit(0, again);
        assertEquals(1, store.finished(trials).size());
        SweepTable table = Sweep.run(store, TrialExecutor.sequential(), Sweep.Listener.none());
        assertEquals(List.of(0L, 1L), table.rows().stream().map(r -> r.get(0)).toList());
        assertEquals(withoutWallTime(first), withoutWallTime(store.finished(trials).get(0)));
    }

    @Test
    void parquetReadsBackWithParquetsOwnReader(@TempDir Path dir) throws Exception {
        SweepSpec spec = SweepSpec.fromFlags(Map.of("samples", "60", "hidden", "4,3", "epochs", "3"),
                List.of("data=xor,no-such-file.csv", "activation=relu,tanh"), 0, 1, 5, false);
        SweepTable table = Sweep.run(SweepStore.create(dir.resolve("s"), spec), TrialExecutor.pool(2), Sweep.Listener.none());
        assertEquals(20, table.rows().size());
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(dir.resolve("s/results.parquet")))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            assertEquals(table.columns(), schema.getFields().stream().map(f -> f.getName()).toList());
            assertEquals(PrimitiveType.PrimitiveTypeName.DOUBLE,
                    schema.getType("testLoss").asPrimitiveType().getPrimitiveTypeName());
            var pages = reader.readNextRowGroup();
            assertEquals(20, pages.getRowCount());
            RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                    .getRecordReader(pages, new GroupRecordConverter(schema));
            for (List<Object> row : table.rows()) {
                Group g = records.read();
                for (int c = 0; c < table.columns().size(); c++) {
                    Object want = row.get(c);
                    Object got = switch (table.types().get(c).getSimpleName()) {
                        case "Long" -> g.getLong(c, 0);
                        case "Double" -> g.getDouble(c, 0);
                        case "Boolean" -> g.getBoolean(c, 0);
                        default -> g.getString(c, 0);
                    };
                    assertEquals(want == null ? "" : want, got, "column " + table.columns().get(c) + " of " + row);
                }
            }
        }
        String html = Files.readString(dir.resolve("s/report.html"));
        assertTrue(html.contains("Heatmap") && html.contains("Best configuration per activation") && html.contains("Ranking"));
    }

    @Test
    void confidenceIntervalMatchesAHandComputedCase() {
        // Values 0.5, 0.7, 0.9: mean 0.7, s = 0.2, half width t(0.975, 2) · 0.2 / √3 = 4.303 · 0.11547 = 0.49686.
        SweepTable table = new SweepTable(List.of("activations", "testAccuracy", "diverged", "error"),
                List.of(String.class, Double.class, Boolean.class, String.class),
                List.of(List.of("[relu]", 0.5, false, ""), List.of("[relu]", 0.7, false, ""), List.of("[relu]", 0.9, false, "")));
        SweepReport.Group g = SweepReport.groups(table, List.of("activations"), "testAccuracy").get(0);
        assertEquals(0.7, g.mean(), 1e-15);
        assertEquals(4.303 * 0.2 / Math.sqrt(3), g.halfWidth(), 1e-12);
        assertEquals(0.49686, g.halfWidth(), 1e-5);
    }
}

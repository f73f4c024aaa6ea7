package org.actlab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.actlab.lab.experiment.TrialExecutor;
import org.actlab.lab.experiment.TrialResult;
import org.actlab.lab.sweep.Sweep;
import org.actlab.lab.sweep.SweepSpec;
import org.actlab.lab.sweep.SweepStore;
import org.actlab.lab.sweep.SweepTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark task that fails after its trial has run (the worst case: the work is done, the result lost)
 * is retried by Spark; the sweep still records each trial exactly once, with the pool's result.
 */
class SparkRetryTest {

    /** Fails the first attempt of the listed trials after the trial ran; marks every attempt in a directory. */
    record FailFirstAttempt(String marks, Set<Integer> failing) implements SparkTrialExecutor.TaskProbe {
        @Override
        public void beforeTrial(int index, int attempt) throws IOException {
            Files.createFile(Path.of(marks, index + "-" + attempt));
        }

        @Override
        public void afterTrial(int index, int attempt) {
            if (attempt == 0 && failing.contains(index)) {
                throw new IllegalStateException("injected fault: trial " + index + " lost after it ran, attempt " + attempt);
            }
        }
    }

    @Test
    void aRetriedTaskGivesOneRowWithThePoolsResult(@TempDir Path dir) throws Exception {
        SweepSpec spec = SweepSpec.fromFlags(Map.of("data", "xor", "samples", "40", "hidden", "4", "epochs", "3"),
                List.of("activation=relu,tanh", "lr=0.01,0.1"), 0, 1, 2, false);
        SweepTable pool = Sweep.run(SweepStore.create(dir.resolve("pool"), spec), TrialExecutor.pool(2), Sweep.Listener.none());
        Path marks = Files.createDirectories(dir.resolve("marks"));
        int[] committed = new int[8];
        SweepTable spark;
        // local[2,3]: two threads, up to three attempts per task (local[2] allows one: no retry).
        try (SparkTrialExecutor executor = SparkTrialExecutor.connect("local[2,3]")) {
            executor.probe(new FailFirstAttempt(marks.toString(), Set.of(1, 6)));
            spark = Sweep.run(SweepStore.create(dir.resolve("spark"), spec), executor, new Sweep.Listener() {
                @Override
                public void started(int total, int alreadyDone) {
                }

                @Override
                public void finished(int index, TrialResult result, int done, int total) {
                    committed[index]++;
                }
            });
        }
        // Trials 1 and 6 ran twice (the first attempt failed after its trial), every other trial once.
        Set<String> attempts = new TreeSet<>();
        try (Stream<Path> files = Files.list(marks)) {
            files.forEach(f -> attempts.add(f.getFileName().toString()));
        }
        assertEquals(new TreeSet<>(List.of("0-0", "1-0", "1-1", "2-0", "3-0", "4-0", "5-0", "6-0", "6-1", "7-0")), attempts);
        for (int i = 0; i < committed.length; i++) {
            assertEquals(1, committed[i], "trial " + i + " committed once");
        }
        try (Stream<Path> files = Files.list(dir.resolve("spark").resolve("trials"))) {
            assertEquals(8, files.filter(f -> f.toString().endsWith(".json")).count());
        }
        assertEquals(8, spark.rows().size());
        assertEquals(pool.csv(false), spark.csv(false));
        int error = spark.column("error");
        spark.rows().forEach(r -> assertTrue(((String) r.get(error)).isEmpty(), "no error recorded: " + r));
    }
}

package org.actlab.lab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.actlab.lab.report.ResultsJson;
import org.junit.jupiter.api.Test;

/**
 * The trial API: trials are plain serialisable data, a trial's result depends on the trial alone, and
 * an experiment's figures do not depend on how, where or in which order its trials ran.
 */
class TrialsTest {

    private static final RunOptions QUICK_ONE_SEED = new RunOptions(true, 1, 3);

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(value);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (T) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new UncheckedIOException(new IOException("serialising a " + value.getClass().getSimpleName() + " failed: " + e, e));
        }
    }

    @Test
    void everyExperimentListsDistinctSerialisableTrialsOfItsOwn() {
        for (Experiment e : Experiments.all()) {
            for (RunOptions options : List.of(QUICK_ONE_SEED, RunOptions.full())) {
                List<Trial> trials = e.trials(options);
                assertFalse(trials.isEmpty(), e.name());
                assertEquals(trials.size(), new HashSet<>(trials).size(), e.name() + ": two trials are equal");
                assertEquals(trials, e.trials(options), e.name() + ": the trial list must not change between calls");
                for (Trial t : trials) {
                    assertEquals(e.name(), t.experiment());
                    Trial copy = roundTrip(t);
                    assertNotSame(t, copy);
                    assertEquals(t, copy);
                }
            }
        }
    }

    @Test
    void everyTrialSurvivesAJsonRoundTrip() throws Exception {
        // A sweep writes its trials as JSON; read back, each must equal the trial written (5 and 5L alike).
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (Experiment e : Experiments.all()) {
            for (Trial t : e.trials(QUICK_ONE_SEED)) {
                String text = json.writeValueAsString(t);
                assertEquals(t, json.readValue(text, Trial.class), text);
            }
        }
    }

    @Test
    void aTrialShippedElsewhereGivesTheSameResultAsAtHome() {
        for (String name : List.of("not-zero-centred", "logistic-saturation", "dead-relu")) {
            Trial trial = Experiments.byName(name).trials(QUICK_ONE_SEED).get(0);
            TrialResult here = Trials.run(trial);
            TrialResult there = roundTrip(Trials.run(roundTrip(trial)));
            assertEquals(here, there, name);
        }
    }

    @Test
    void figuresDoNotDependOnTheExecutorOrTheOrderOfTheTrials() throws Exception {
        // A pool that runs the trials in reverse order, each on some thread of four, and hands the results back in order.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            TrialExecutor reversedPool = (trials, progress) -> {
                List<Future<TrialResult>> futures = new ArrayList<>();
                for (int i = trials.size() - 1; i >= 0; i--) {
                    Trial t = roundTrip(trials.get(i));
                    futures.add(0, pool.submit(() -> Trials.run(t)));
                }
                List<TrialResult> results = new ArrayList<>();
                for (Future<TrialResult> f : futures) {
                    try {
                        results.add(f.get());
                    } catch (InterruptedException | ExecutionException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return results;
            };
            for (String name : List.of("not-zero-centred", "logistic-saturation", "tanh-vs-logistic")) {
                Experiment e = Experiments.byName(name);
                String sequential = ResultsJson.json(Trials.run(e, QUICK_ONE_SEED, TrialExecutor.sequential(), Progress.silent()));
                String pooled = ResultsJson.json(Trials.run(e, QUICK_ONE_SEED, reversedPool, Progress.silent()));
                assertEquals(sequential, pooled, name);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExecutorThatLosesTrialsOrAnswersTheWrongOneIsCaught() {
        Experiment e = Experiments.byName("not-zero-centred");
        TrialExecutor lossy = (trials, progress) -> List.of();
        IllegalStateException lost = assertThrows(IllegalStateException.class,
                () -> Trials.run(e, QUICK_ONE_SEED, lossy, Progress.silent()));
        assertTrue(lost.getMessage().contains("returned 0 results for 1 trials"), lost.getMessage());

        Trial real = e.trials(QUICK_ONE_SEED).get(0);
        Trial other = Trial.of(e.name(), real.measure()).with("rows", 7).build();
        TrialExecutor wrong = (trials, progress) -> List.of(new TrialResult(other, Map.of()));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Trials.run(e, QUICK_ONE_SEED, wrong, Progress.silent()));
        assertTrue(missing.getMessage().startsWith("no result for trial not-zero-centred: coherence-and-paths"), missing.getMessage());
    }

    @Test
    void trialsHoldPlainValuesAndNameWhatIsWrong() {
        Trial t = Trial.of("dead-relu", "sweep-cell").with("rate", 0.3).with("seed", 5L).with("epochs", 8).build();
        assertEquals(0.3, t.number("rate"));
        assertEquals(5L, t.seed());
        assertEquals(8, t.integer("epochs"));
        assertEquals(t, Trial.of("dead-relu", "sweep-cell").with("rate", 0.3).with("seed", 5).with("epochs", 8L).build(),
                "whole numbers are one type");
        assertEquals("sweep-cell rate=0.3, seed=5, epochs=8", t.describe());
        IllegalArgumentException notPlain = assertThrows(IllegalArgumentException.class,
                () -> Trial.of("dead-relu", "x").with("data", new float[1]).build());
        assertTrue(notPlain.getMessage().contains("'data' must be a string, boolean, Integer, Long, Double"), notPlain.getMessage());
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class, () -> t.text("activation"));
        assertTrue(absent.getMessage().contains("no 'activation'"), absent.getMessage());
        IllegalArgumentException fractional = assertThrows(IllegalArgumentException.class, () -> t.whole("rate"));
        assertTrue(fractional.getMessage().contains("'rate' must be a whole number, got 0.3"), fractional.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Trial.of("dead-relu", "x").with("a", 1).with("a", 2));
        IllegalStateException unknown = assertThrows(IllegalStateException.class,
                () -> Trials.run(Trial.of("dead-relu", "no-such-measure").with("seed", 1L).build()));
        assertTrue(unknown.getMessage().startsWith("trial failed: dead-relu: no-such-measure"), unknown.getMessage());
    }
}

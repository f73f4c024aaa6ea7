package org.actlab.lab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.actlab.lab.sweep.SweepSpec;
import org.junit.jupiter.api.Test;

/** The local pool: every trial handed over once, with the sequential result; failures end the run. */
class LocalPoolTest {

    private static List<Trial> tiny(int n) {
        return SweepSpec.fromFlags(Map.of("data", "xor", "samples", "20", "hidden", "2", "epochs", "1"),
                List.of("lr=1e-3:1:log" + n), 0, 1, 1, false).trials();
    }

    private static Map<String, Object> withoutWallTime(TrialResult r) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(r.measures());
        m.remove("wallSeconds");
        return m;
    }

    @Test
    void everyTrialIsHandedOverOnceWithTheSequentialResult() {
        List<Trial> trials = tiny(40);
        List<TrialResult> sequential = TrialExecutor.sequential().execute(trials, Progress.silent());
        for (int threads : new int[] {1, 3, 64}) {
            int[] calls = new int[trials.size()];
            AtomicInteger inside = new AtomicInteger();
            TrialResult[] got = new TrialResult[trials.size()];
            TrialExecutor.pool(threads).each(trials, Progress.silent(), (result, i) -> {
                // One call at a time, whichever thread makes it.
                assertEquals(1, inside.incrementAndGet(), "concurrent hand-over");
                calls[i]++;
                got[i] = result;
                inside.decrementAndGet();
            });
            for (int i = 0; i < trials.size(); i++) {
                assertEquals(1, calls[i], threads + " threads, trial " + i);
                assertEquals(withoutWallTime(sequential.get(i)), withoutWallTime(got[i]), "trial " + i);
                assertEquals(sequential.get(i).trial(), got[i].trial());
            }
        }
    }

    @Test
    void notesGoToAListeningProgressAndAreNotBuiltForSilentOne() {
        List<Trial> trials = tiny(6);
        // A listener gets one note per trial, on every executor, naming the trial.
        for (TrialExecutor executor : List.of(TrialExecutor.sequential(), TrialExecutor.pool(1), TrialExecutor.pool(2))) {
            List<String> notes = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            executor.execute(trials, notes::add);
            assertEquals(trials.size(), notes.size(), executor.toString());
            for (int i = 0; i < trials.size(); i++) {
                assertTrue(notes.contains("trial " + (i + 1) + "/6: " + trials.get(i).describe()), executor + ": " + notes);
            }
        }
        // Silent progress never builds a note given as a supplier; a listening one builds it once.
        Progress.silent().note(() -> {
            throw new AssertionError("a silent note was built");
        });
        String[] got = new String[1];
        Progress listening = message -> got[0] = message;
        listening.note(() -> "built");
        assertEquals("built", got[0]);
    }

    @Test
    void aFailingHandOverStopsTheRunAndNothingIsHandedOverAfterIt() throws Exception {
        List<Trial> trials = tiny(200);
        IllegalStateException boom = new IllegalStateException("disk full");
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> TrialExecutor.pool(2).each(trials, Progress.silent(), (result, i) -> {
                    if (calls.incrementAndGet() == 5) {
                        throw boom;
                    }
                }));
        assertSame(boom, thrown);
        int atThrow = calls.get();
        Thread.sleep(200); // a helper still running a trial must not hand it over now
        assertEquals(atThrow, calls.get());
        assertEquals(5, atThrow);
    }

    @Test
    void commitsRunSideBySideAndEachTrialIsCommittedBeforeItsHandOver() {
        List<Trial> trials = tiny(40);
        // The first two commits wait for each other: with commits taking turns this would time out.
        java.util.concurrent.CyclicBarrier both = new java.util.concurrent.CyclicBarrier(2);
        AtomicInteger commits = new AtomicInteger();
        int[] committed = new int[trials.size()];
        int[] handed = new int[trials.size()];
        TrialExecutor.pool(2).each(trials, Progress.silent(), (result, i) -> {
            if (commits.incrementAndGet() <= 2) {
                try {
                    both.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the second commit did not come while the first was under way", e);
                }
            }
            synchronized (committed) {
                committed[i]++;
            }
        }, (result, i) -> {
            synchronized (committed) {
                assertEquals(1, committed[i], "trial " + i + " committed once before its hand-over");
            }
            handed[i]++;
        });
        for (int i = 0; i < trials.size(); i++) {
            assertEquals(1, committed[i], "trial " + i);
            assertEquals(1, handed[i], "trial " + i);
        }
    }

    @Test
    void aFailingCommitStopsTheRunAndNothingIsCommittedAfterIt() throws Exception {
        List<Trial> trials = tiny(200);
        IllegalStateException boom = new IllegalStateException("disk full");
        AtomicInteger commits = new AtomicInteger();
        AtomicInteger handed = new AtomicInteger();
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> TrialExecutor.pool(2).each(trials, Progress.silent(), (result, i) -> {
                    if (commits.incrementAndGet() == 5) {
                        throw boom;
                    }
                }, (result, i) -> handed.incrementAndGet()));
        assertSame(boom, thrown);
        int atThrow = commits.get();
        Thread.sleep(200); // a helper still running a trial must not commit it now
        assertEquals(atThrow, commits.get());
        assertTrue(handed.get() < atThrow, handed + " handed over, " + atThrow + " commits begun");
    }

    @Test
    void helperThreadsAreKeptForTheNextCall() {
        List<Trial> trials = tiny(40);
        java.util.Set<Thread> helpers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Thread caller = Thread.currentThread();
        int calls = 20;
        for (int c = 0; c < calls; c++) {
            TrialExecutor.pool(2).each(trials, Progress.silent(), (result, i) -> {
                if (Thread.currentThread() != caller) {
                    helpers.add(Thread.currentThread());
                }
            });
        }
        // A new thread per call would give one helper per call that handed a trial over; a helper is
        // only replaced when the next call comes before it is back waiting (a race it mostly wins).
        assertTrue(!helpers.isEmpty(), "a helper ran trials");
        assertTrue(helpers.size() <= calls / 4, helpers.size() + " helper threads for " + calls + " calls");
        for (Thread t : helpers) {
            assertTrue(t.isDaemon(), t + " must not keep the JVM alive");
        }
    }

    @Test
    void callsFromSeveralThreadsAtOnceEachGetEveryTrialOnce() throws Exception {
        List<Trial> trials = tiny(30);
        List<TrialResult> sequential = TrialExecutor.sequential().execute(trials, Progress.silent());
        int callers = 4;
        java.util.concurrent.ExecutorService callerThreads = java.util.concurrent.Executors.newFixedThreadPool(callers);
        try {
            List<java.util.concurrent.Future<List<TrialResult>>> got = new java.util.ArrayList<>();
            for (int c = 0; c < callers; c++) {
                got.add(callerThreads.submit(() -> {
                    List<TrialResult> last = null;
                    for (int round = 0; round < 5; round++) {
                        last = TrialExecutor.pool(3).execute(trials, Progress.silent());
                    }
                    return last;
                }));
            }
            for (java.util.concurrent.Future<List<TrialResult>> f : got) {
                List<TrialResult> results = f.get(120, java.util.concurrent.TimeUnit.SECONDS);
                for (int i = 0; i < trials.size(); i++) {
                    assertEquals(withoutWallTime(sequential.get(i)), withoutWallTime(results.get(i)), "trial " + i);
                }
            }
        } finally {
            callerThreads.shutdownNow();
        }
    }

    @Test
    void threadCountIsChecked() {
        assertEquals("pool threads must be in 1..4096, got 0",
                assertThrows(IllegalArgumentException.class, () -> new LocalPool(0)).getMessage());
    }
}

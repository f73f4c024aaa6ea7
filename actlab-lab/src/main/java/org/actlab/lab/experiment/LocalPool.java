package org.actlab.lab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ObjIntConsumer;

/**
 * Runs trials on a fixed pool of threads, one trial per thread at a time. A trial is seeded and
 * single-threaded and {@link Trials#run(Trial)} depends on the trial alone, so the results are
 * bit-identical to {@link TrialExecutor#sequential()}'s, whatever the order they finish in. Results
 * reach the caller's thread one at a time as they finish ({@link #each}).
 */
public final class LocalPool implements TrialExecutor {

    private final int threads;

    /**
     * @param threads worker threads, 1..4096
     */
    public LocalPool(int threads) {
        if (threads < 1 || threads > 4096) {
            throw new IllegalArgumentException("pool threads must be in 1..4096, got " + threads);
        }
        this.threads = threads;
    }

    /** The number of worker threads. */
    public int threads() {
        return threads;
    }

    @Override
    public List<TrialResult> execute(List<Trial> trials, Progress progress) {
        TrialResult[] results = new TrialResult[trials.size()];
        each(trials, progress, (result, i) -> results[i] = result);
        return new ArrayList<>(Arrays.asList(results));
    }

    @Override
    public void each(List<Trial> trials, Progress progress, ObjIntConsumer<TrialResult> done) {
        if (trials.isEmpty()) {
            return;
        }
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, trials.size()), runnable -> {
            Thread t = new Thread(runnable, "actlab-trial-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            CompletionService<Indexed> completion = new ExecutorCompletionService<>(pool);
            for (int i = 0; i < trials.size(); i++) {
                int index = i;
                Trial trial = trials.get(i);
                completion.submit(() -> {
                    progress.note("trial " + (index + 1) + "/" + trials.size() + ": " + trial.describe());
                    return new Indexed(index, Trials.run(trial));
                });
            }
            for (int k = 0; k < trials.size(); k++) {
                Future<Indexed> next = completion.take();
                Indexed r;
                try {
                    r = next.get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause.getMessage(), cause);
                }
                done.accept(r.result, r.index);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running trials", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private record Indexed(int index, TrialResult result) {
    }

    @Override
    public String toString() {
        return "local pool of " + threads + " thread(s)";
    }
}

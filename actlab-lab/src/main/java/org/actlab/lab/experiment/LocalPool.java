package org.actlab.lab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ObjIntConsumer;

/**
 * Runs trials on a fixed number of threads, one trial per thread at a time. A trial is seeded and
 * single-threaded and {@link Trials#run(Trial)} depends on the trial alone, so the results are
 * bit-identical to {@link TrialExecutor#sequential()}'s, whatever the order they finish in.
 *
 * <p>The calling thread is one of the {@code threads}: it and {@code threads − 1} helpers each take
 * the next trial from a shared counter, run it and hand its result over at once, one hand-over at a
 * time ({@link #each}). Nothing waits on anything per trial but that hand-over's lock. The earlier
 * pool (a thread pool behind a completion queue, with the calling thread waiting on the queue) woke the
 * calling thread once per trial: with tiny trials on two cores that third thread took its share of the
 * cores from the workers, while with one worker it ran on the idle second core, so the two-thread
 * speed-up measured low (docs/SWEEPS.md, "Why small sweeps did not scale").
 */
public final class LocalPool implements TrialExecutor {

    private final int threads;

    /**
     * @param threads threads running trials (the calling thread included), 1..4096
     */
    public LocalPool(int threads) {
        if (threads < 1 || threads > 4096) {
            throw new IllegalArgumentException("pool threads must be in 1..4096, got " + threads);
        }
        this.threads = threads;
    }

    /** The number of threads running trials, the calling thread included. */
    public int threads() {
        return threads;
    }

    @Override
    public List<TrialResult> execute(List<Trial> trials, Progress progress) {
        TrialResult[] results = new TrialResult[trials.size()];
        each(trials, progress, (result, i) -> results[i] = result);
        return new ArrayList<>(Arrays.asList(results));
    }

    /**
     * Runs every trial and hands each result to {@code done} as soon as it is known, one call at a
     * time, on whichever of the pool's threads (the calling one included) ran the trial. No call
     * happens after this returns or throws. The first failure (of a trial or of {@code done}) stops
     * the handing over and is thrown here; trials already running on helpers finish unseen.
     */
    @Override
    public void each(List<Trial> trials, Progress progress, ObjIntConsumer<TrialResult> done) {
        if (trials.isEmpty()) {
            return;
        }
        Run run = new Run(trials, progress, done);
        int helpers = Math.min(threads, trials.size()) - 1;
        for (int h = 1; h <= helpers; h++) {
            Thread t = new Thread(run::work, "actlab-trial-" + h);
            t.setDaemon(true);
            t.start();
        }
        run.work();
        run.awaitAll();
    }

    /** One call of {@link #each}: the shared counter, the hand-over lock and the first failure. */
    private static final class Run {
        private final List<Trial> trials;
        private final Progress progress;
        private final ObjIntConsumer<TrialResult> done;
        private final AtomicInteger next = new AtomicInteger();
        /** Guarded by {@code this}. */
        private int delivered;
        /** Guarded by {@code this}; once set, nothing more is handed over. */
        private Throwable failure;
        private boolean closed;

        Run(List<Trial> trials, Progress progress, ObjIntConsumer<TrialResult> done) {
            this.trials = trials;
            this.progress = progress;
            this.done = done;
        }

        /** Takes trials until none is left or the run failed; on any thread of the pool. */
        void work() {
            int n = trials.size();
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                TrialResult result;
                try {
                    Trial trial = trials.get(i);
                    progress.note("trial " + (i + 1) + "/" + n + ": " + trial.describe());
                    result = Trials.run(trial);
                } catch (RuntimeException | Error e) {
                    fail(e);
                    return;
                }
                if (!deliver(result, i)) {
                    return;
                }
            }
        }

        private synchronized boolean deliver(TrialResult result, int index) {
            if (closed) {
                return false;
            }
            try {
                done.accept(result, index);
            } catch (RuntimeException | Error e) {
                fail(e);
                return false;
            }
            if (++delivered == trials.size()) {
                notifyAll();
            }
            return true;
        }

        private synchronized void fail(Throwable e) {
            if (!closed) {
                failure = e;
                closed = true;
                next.set(trials.size());
                notifyAll();
            }
        }

        /** On the calling thread, after its own share: waits for the helpers' last results. */
        synchronized void awaitAll() {
            try {
                while (delivered < trials.size() && failure == null) {
                    wait();
                }
            } catch (InterruptedException e) {
                closed = true;
                next.set(trials.size());
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running trials", e);
            }
            closed = true;
            next.set(trials.size());
            if (failure instanceof RuntimeException re) {
                throw re;
            }
            if (failure instanceof Error err) {
                throw err;
            }
        }
    }

    @Override
    public String toString() {
        return "local pool of " + threads + " thread(s)";
    }
}

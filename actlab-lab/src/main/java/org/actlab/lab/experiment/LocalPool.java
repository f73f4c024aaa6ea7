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
 *
 * <p>The helpers are threads shared by every pool of the process ({@link HelperThreads}): a helper
 * that finished its part of one call spins for a few milliseconds before it parks, and is kept for
 * {@value HelperThreads#KEEP_ALIVE_SECONDS} s, so a process that runs several sweeps (the
 * replications, the experiments, the web server, the bench) starts its helpers once, and a sweep that
 * follows another hands its helper the work without waking a thread. A new thread costs 0.1 ms on an
 * idle core but, on a busy machine, waits for the scheduler for milliseconds before it first runs,
 * longer than a whole sweep of 100 tiny trials on two threads; waking a parked one costs 0.03 ms of the
 * caller's time and 0.08 ms before it runs on this project's 2-core VM (docs/SWEEPS.md, "What limits
 * small sweeps", "A parked helper's wake-up").
 */
public final class LocalPool implements TrialExecutor {

    /**
     * How long the calling thread, done with its own share, spins for the helpers' last results before
     * it sleeps on the run's monitor. Waking a sleeping thread took 12 µs (median; 73 µs at the 99th
     * percentile) on the 2-core VM the sweep bench runs on, about a tiny trial's time, at the end of every
     * sweep (docs/SWEEPS.md, "Throughput"); a spinning thread sees the last result within a microsecond.
     * Bounded so that a sweep of long trials burns at most this much of a core before it sleeps.
     */
    static final long SPIN_NANOS = 100_000;

    private final int threads;
    private final HelperThreads helperThreads;

    /**
     * @param threads threads running trials (the calling thread included), 1..4096
     * @throws ExceptionInInitializerError on the first pool of the process, if the system property
     *                                     {@value HelperThreads#HOT_PROPERTY} is not a number of
     *                                     microseconds in range (its cause names the value)
     */
    public LocalPool(int threads) {
        if (threads < 1 || threads > 4096) {
            throw new IllegalArgumentException("pool threads must be in 1..4096, got " + threads);
        }
        this.threads = threads;
        // The shared helpers, set up (and their system property checked) here, before a caller has
        // created anything for the trials to come.
        this.helperThreads = HelperThreads.shared();
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
        each(trials, progress, (result, i) -> {
        }, done);
    }

    /**
     * Runs every trial; on the thread that ran it, calls {@code commit} (at the same time as other
     * threads' commits) and then hands the result to {@code done} (one call at a time). No call of
     * either happens after this returns or throws. The first failure (of a trial, a commit or
     * {@code done}) stops the run and is thrown here; trials already running on helpers finish unseen,
     * and commits already under way are waited for.
     */
    @Override
    public void each(List<Trial> trials, Progress progress, ObjIntConsumer<TrialResult> commit, ObjIntConsumer<TrialResult> done) {
        if (trials.isEmpty()) {
            return;
        }
        int helpers = Math.min(threads, trials.size()) - 1;
        Run run = new Run(trials, progress, commit, done);
        for (int h = 1; h <= helpers; h++) {
            helperThreads.start(run::work);
        }
        run.work();
        run.awaitAll();
    }

    /** One call of {@link #each}: the shared counter, the hand-over lock and the first failure. */
    private static final class Run {
        private final List<Trial> trials;
        private final Progress progress;
        private final ObjIntConsumer<TrialResult> commit;
        private final ObjIntConsumer<TrialResult> done;
        private final AtomicInteger next = new AtomicInteger();
        /** Guarded by {@code this}. */
        private int delivered;
        /** Guarded by {@code this}; once set, nothing more is handed over. */
        private Throwable failure;
        private boolean closed;
        /** Guarded by {@code this}: commits under way, which {@link #awaitAll} waits for. */
        private int committing;
        /** Set (under {@code this}) when every result is handed over or the run failed: what {@link #awaitAll} spins on. */
        private volatile boolean settled;

        Run(List<Trial> trials, Progress progress, ObjIntConsumer<TrialResult> commit, ObjIntConsumer<TrialResult> done) {
            this.trials = trials;
            this.progress = progress;
            this.commit = commit;
            this.done = done;
        }

        /** Takes trials until none is left or the run failed; on any thread of the pool. */
        void work() {
            int n = trials.size();
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                TrialResult result;
                try {
                    Trial trial = trials.get(i);
                    progress.note(Trials.note(i, n, trial));
                    result = Trials.run(trial);
                } catch (RuntimeException | Error e) {
                    fail(e);
                    return;
                }
                if (!enter()) {
                    return;
                }
                Throwable error = null;
                try {
                    commit.accept(result, i);
                } catch (RuntimeException | Error e) {
                    error = e;
                }
                if (!deliver(result, i, error)) {
                    return;
                }
            }
        }

        /** Before a commit: false once the run is closed (then nothing more is committed). */
        private synchronized boolean enter() {
            if (closed) {
                return false;
            }
            committing++;
            return true;
        }

        private synchronized boolean deliver(TrialResult result, int index, Throwable commitError) {
            committing--;
            if (commitError != null) {
                fail(commitError);
            }
            if (closed) {
                notifyAll();
                return false;
            }
            try {
                done.accept(result, index);
            } catch (RuntimeException | Error e) {
                fail(e);
                return false;
            }
            if (++delivered == trials.size()) {
                settled = true;
                notifyAll();
            }
            return true;
        }

        private synchronized void fail(Throwable e) {
            if (!closed) {
                failure = e;
                closed = true;
                settled = true;
                next.set(trials.size());
                notifyAll();
            }
        }

        /**
         * On the calling thread, after its own share: waits for the helpers' last results, spinning for
         * up to {@link #SPIN_NANOS} before it sleeps.
         */
        void awaitAll() {
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (!settled && System.nanoTime() - deadline < 0) {
                Thread.onSpinWait();
            }
            settle();
        }

        private synchronized void settle() {
            try {
                while (delivered < trials.size() && failure == null) {
                    wait();
                }
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running trials", e);
            }
            close();
            if (failure instanceof RuntimeException re) {
                throw re;
            }
            if (failure instanceof Error err) {
                throw err;
            }
        }

        /** Stops the hand-overs and waits (uninterruptibly: they are short) for the commits under way. */
        private synchronized void close() {
            closed = true;
            next.set(trials.size());
            boolean interrupted = false;
            while (committing > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "local pool of " + threads + " thread(s)";
    }
}

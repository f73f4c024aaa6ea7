package org.actlab.lab.experiment;

import java.util.List;
import java.util.function.ObjIntConsumer;

/**
 * Runs trials. Each trial is run by {@link Trials#run(Trial)}, which depends on the trial alone, so an
 * executor may run them in any order, on any thread or machine; it must return the results in the
 * order of the trials given. {@link #sequential()} runs them one after the other on the calling
 * thread; a pool or a cluster can stand behind the same interface.
 */
public interface TrialExecutor {

    /**
     * Runs every trial.
     *
     * @param trials   the trials
     * @param progress receives a note per trial as it starts (executors that cannot report may stay silent)
     * @return one result per trial, in the order of {@code trials}
     * @throws RuntimeException the first trial failure, with the trial named in its message
     */
    List<TrialResult> execute(List<Trial> trials, Progress progress);

    /**
     * Runs every trial and hands each result to {@code done} as soon as it is known, with the
     * trial's index, one call at a time (on the calling thread, or for {@link LocalPool} on whichever of
     * its threads ran the trial), in any order, and never after this returns: a sweep commits each
     * result there, so an interrupted run loses only the trials in flight. This default hands the
     * results over after {@link #execute}; executors that run trials in parallel override it.
     */
    default void each(List<Trial> trials, Progress progress, ObjIntConsumer<TrialResult> done) {
        List<TrialResult> results = execute(trials, progress);
        for (int i = 0; i < results.size(); i++) {
            done.accept(results.get(i), i);
        }
    }

    /**
     * As {@link #each(List, Progress, ObjIntConsumer)}, with a commit step per trial before its hand-over:
     * {@code commit} is called on the thread that ran the trial and outside the executor's hand-over, so
     * that the commits of different trials may run at the same time (on {@link LocalPool}'s threads; a
     * sweep forces each trial's file to disk there, which takes milliseconds, 100 times a tiny trial);
     * {@code done} follows for the same trial once its commit has returned, one call at a time as for
     * {@code each}. Neither is called after this returns. This default runs both in the hand-over.
     */
    default void each(List<Trial> trials, Progress progress, ObjIntConsumer<TrialResult> commit, ObjIntConsumer<TrialResult> done) {
        each(trials, progress, (result, i) -> {
            commit.accept(result, i);
            done.accept(result, i);
        });
    }

    /** A pool of {@code threads} threads, one trial per thread at a time ({@link LocalPool}). */
    static TrialExecutor pool(int threads) {
        return new LocalPool(threads);
    }

    /** A pool over all cores. */
    static TrialExecutor pool() {
        return new LocalPool(Runtime.getRuntime().availableProcessors());
    }

    /** One trial after the other, on the calling thread. */
    static TrialExecutor sequential() {
        return Trials.SEQUENTIAL;
    }
}

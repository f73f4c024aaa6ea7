package org.actlab.lab.experiment;

import java.util.List;

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

    /** One trial after the other, on the calling thread. */
    static TrialExecutor sequential() {
        return Trials.SEQUENTIAL;
    }
}

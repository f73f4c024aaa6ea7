package org.actlab.lab.replicate;

import org.actlab.lab.experiment.Trial;
import org.actlab.lab.experiment.TrialExecutor;
import org.actlab.lab.experiment.TrialResult;
import org.actlab.lab.experiment.Trials;

/**
 * A replication whose runs are independent trials (experiment {@value #EXPERIMENT}, measure = the
 * replication's name), so that any {@link TrialExecutor} can run them: a pool, or Spark
 * ({@code actlab replicate run NAME --spark MASTER}). Each trial is seeded and single-threaded, so
 * the figures and the verdict do not depend on the executor.
 */
public interface TrialReplication extends Replication {

    /** The experiment name of replication trials; {@link Trials#run(Trial)} hands them to {@link #runTrial}. */
    String EXPERIMENT = "replicate";

    /** Runs it with its trials on {@code executor}. */
    ReplicationResult run(boolean quick, TrialExecutor executor);

    /** One of its trials, on whatever machine the executor chose. */
    TrialResult runTrial(Trial trial);

    /** On this thread, one trial after the other. */
    @Override
    default ReplicationResult run(boolean quick) {
        return run(quick, TrialExecutor.sequential());
    }

    /** A trial of this replication: the builder, with the measure set to the name. */
    default Trial.Builder trial() {
        return Trial.of(EXPERIMENT, name());
    }

    /**
     * Runs a replication trial where it landed.
     *
     * @throws IllegalArgumentException when the trial names no replication that runs trials
     */
    static TrialResult runAny(Trial trial) {
        if (Replications.byName(trial.measure()) instanceof TrialReplication r) {
            return r.runTrial(trial);
        }
        throw new IllegalArgumentException("replication '" + trial.measure() + "' does not run as trials: " + trial);
    }
}

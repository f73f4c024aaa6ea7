package org.actlab.lab.replicate;

import java.util.List;
import org.actlab.lab.experiment.Progress;
import org.actlab.lab.experiment.Trial;
import org.actlab.lab.experiment.TrialExecutor;
import org.actlab.lab.experiment.TrialResult;
import org.actlab.lab.experiment.Trials;

/**
 * One published result, re-run at a reduced scale, as independent trials (experiment
 * {@value #EXPERIMENT}, measure = the replication's name): {@link #trials} lists the runs,
 * {@link #runTrial} runs one (a pure function of the trial: seeded and single-threaded), and
 * {@link #reduce} turns the results into the comparison with the paper and the verdict. So any
 * {@link TrialExecutor} can run them, a local pool or Spark ({@code actlab replicate run NAME --spark
 * MASTER}), and the figures and the verdict do not depend on which.
 */
public interface Replication {

    /** The experiment name of replication trials; {@link Trials#run(Trial)} hands them to {@link #runTrial}. */
    String EXPERIMENT = "replicate";

    /** The registry name, for example {@code "klambauer-selu"}. */
    String name();

    /** The paper, as a citation. */
    String paper();

    /** What the paper reports, in one or two sentences. */
    String claim();

    /** What is run here (quick or full). */
    String setup(boolean quick);

    /** The rule that turns our figures into the verdict, fixed before the run. */
    String criterion();

    /** How this setup differs from the paper's. */
    String differences();

    /** The trials of a quick or full run, in a fixed order. */
    List<Trial> trials(boolean quick);

    /** One of its trials, on whatever machine the executor chose. */
    TrialResult runTrial(Trial trial);

    /** The comparison and the verdict from the results of {@link #trials}{@code (quick)}, in that order. */
    ReplicationResult reduce(boolean quick, List<TrialResult> results);

    /** Runs its trials on {@code executor} and reduces them. */
    default ReplicationResult run(boolean quick, TrialExecutor executor, Progress progress) {
        List<Trial> trials = trials(quick);
        List<TrialResult> results = executor.execute(trials, progress);
        if (results.size() != trials.size()) {
            throw new IllegalStateException(name() + ": the executor returned " + results.size() + " results for "
                    + trials.size() + " trials");
        }
        return reduce(quick, results);
    }

    /** Runs its trials on {@code executor}, silently. */
    default ReplicationResult run(boolean quick, TrialExecutor executor) {
        return run(quick, executor, Progress.silent());
    }

    /** Runs its trials on a pool over all cores: each trial is seeded and single-threaded, so the figures are the sequential ones. */
    default ReplicationResult run(boolean quick) {
        return run(quick, TrialExecutor.pool());
    }

    /** A trial of this replication: the builder, with the measure set to the name. */
    default Trial.Builder trial() {
        return Trial.of(EXPERIMENT, name());
    }

    /**
     * Runs a replication trial where it landed.
     *
     * @throws IllegalArgumentException when the trial names no replication
     */
    static TrialResult runAny(Trial trial) {
        return Replications.byName(trial.measure()).runTrial(trial);
    }
}

package org.actlab.lab.experiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.actlab.lab.replicate.Replication;
import org.actlab.lab.sweep.SweepTrials;

/**
 * Running experiments as trials: an experiment lists its trials, an executor runs them, and the
 * experiment reduces the results to figures and a verdict.
 */
public final class Trials {

    static final TrialExecutor SEQUENTIAL = (trials, progress) -> {
        List<TrialResult> results = new ArrayList<>(trials.size());
        for (int i = 0; i < trials.size(); i++) {
            Trial trial = trials.get(i);
            progress.note(note(i, trials.size(), trial));
            results.add(run(trial));
        }
        return results;
    };

    private Trials() {
    }

    /** The progress note of trial {@code index} (from 0) of {@code count}, built only when read. */
    static Supplier<String> note(int index, int count, Trial trial) {
        return () -> "trial " + (index + 1) + "/" + count + ": " + trial.describe();
    }

    /**
     * Runs one trial with the experiment it names (looked up in {@link Experiments}), so that a trial
     * shipped elsewhere needs nothing but itself.
     *
     * @throws IllegalStateException naming the trial when it fails, or when the experiment returns a
     *                               result for another trial
     */
    public static TrialResult run(Trial trial) {
        if (SweepTrials.EXPERIMENT.equals(trial.experiment())) {
            // A sweep trial is a whole run description with its own runner, not one of the ten experiments.
            return SweepTrials.run(trial);
        }
        if (Replication.EXPERIMENT.equals(trial.experiment())) {
            return Replication.runAny(trial);
        }
        Experiment experiment = Experiments.byName(trial.experiment());
        TrialResult result;
        try {
            result = experiment.runTrial(trial);
        } catch (RuntimeException e) {
            throw new IllegalStateException("trial failed: " + trial + ": " + e.getMessage(), e);
        }
        if (!trial.equals(result.trial())) {
            throw new IllegalStateException(trial.experiment() + " answered trial " + trial + " with a result for " + result.trial());
        }
        return result;
    }

    /** Lists the experiment's trials, runs them on {@code executor} and reduces the results. */
    public static ExperimentResult run(Experiment experiment, RunOptions options, TrialExecutor executor, Progress progress) {
        List<Trial> trials = experiment.trials(options);
        List<TrialResult> results = executor.execute(trials, progress);
        if (results.size() != trials.size()) {
            throw new IllegalStateException(experiment.name() + ": the executor returned " + results.size()
                    + " results for " + trials.size() + " trials");
        }
        return experiment.reduce(options, results);
    }

    /** Results looked up by their trial, for reductions that rebuild the trials they want. */
    static final class Lookup {
        private final Map<Trial, TrialResult> byTrial = new HashMap<>();

        Lookup(List<TrialResult> results) {
            for (TrialResult r : results) {
                if (byTrial.put(r.trial(), r) != null) {
                    throw new IllegalArgumentException("two results for trial " + r.trial());
                }
            }
        }

        /** The result of {@code trial}. */
        TrialResult get(Trial trial) {
            TrialResult r = byTrial.get(Objects.requireNonNull(trial, "trial"));
            if (r == null) {
                throw new IllegalArgumentException("no result for trial " + trial);
            }
            return r;
        }

        /** The results of one configuration, whose trial for a seed {@code trial} builds, over the run's seeds. */
        Seeds seeds(RunOptions options, LongFunction<Trial> trial) {
            List<TrialResult> results = new ArrayList<>(options.seeds());
            for (int s = 0; s < options.seeds(); s++) {
                results.add(get(trial.apply(options.seed(s))));
            }
            return new Seeds(results);
        }
    }

    /**
     * One configuration's results, one per seed in seed order: the unit the reductions summarise.
     *
     * @param results the results, in seed order
     */
    record Seeds(List<TrialResult> results) {

        /** One measure per seed, in seed order (the sample {@link Summary#of} takes). */
        double[] number(String measure) {
            return results.stream().mapToDouble(r -> r.number(measure)).toArray();
        }

        /** How many of the seeds' runs diverged. */
        int diverged() {
            return (int) results.stream().filter(r -> r.flag("diverged")).count();
        }
    }
}

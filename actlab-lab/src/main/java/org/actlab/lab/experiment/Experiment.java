package org.actlab.lab.experiment;

import java.util.List;

/**
 * One claim of the lecture, measured, as trials: {@link #trials} lists the runs and what to measure
 * in each, {@link #runTrial} runs one (a pure, deterministic function of the trial, timing aside),
 * and {@link #reduce} turns the results into figures and a verdict computed against
 * {@link #criterion()}. {@link #run} does all three on one thread; the report runs the trials through
 * a {@link TrialExecutor}. The same seeds give the same figures (timing aside).
 */
public interface Experiment {

    /** The registry name, for example {@code "dead-relu"}. */
    String name();

    /** The claim in one or two sentences, as the lecture makes it. */
    String claim();

    /** What is run: data, networks, training, sweeps. */
    String setup();

    /** The test the figures must pass, with its thresholds. */
    String criterion();

    /** The trials of a run with these options, in a fixed order. */
    List<Trial> trials(RunOptions options);

    /** Runs one of this experiment's trials; the result depends on the trial alone. */
    TrialResult runTrial(Trial trial);

    /** The figures and verdict from the results of {@link #trials}{@code (options)}, in that order. */
    ExperimentResult reduce(RunOptions options, List<TrialResult> results);

    /** Runs the experiment's trials one after the other on this thread and reduces them. */
    default ExperimentResult run(RunOptions options, Progress progress) {
        return Trials.run(this, options, TrialExecutor.sequential(), progress);
    }
}

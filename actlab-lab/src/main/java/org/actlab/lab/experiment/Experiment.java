package org.actlab.lab.experiment;

/**
 * One claim of the lecture, measured. {@link #run} returns figures and a verdict computed from them
 * against {@link #criterion()}; the same seeds give the same figures (timing aside).
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

    /** Runs the experiment. */
    ExperimentResult run(RunOptions options, Progress progress);
}

package org.actlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * How thoroughly to run an experiment.
 *
 * @param quick    fewer and smaller runs (the whole suite within a minute); still gives a verdict
 * @param seeds    how many seeds the statistical claims average over: seeds baseSeed, baseSeed+1, …
 * @param baseSeed the first seed
 */
public record RunOptions(boolean quick, int seeds, long baseSeed) {

    /** Seeds of a full run: at least 10, so that the t intervals are not dominated by t(0.975, n − 1). */
    public static final int FULL_SEEDS = 10;
    /** Seeds of a quick run: at least 3, the fewest that give a t interval with a finite width worth reading. */
    public static final int QUICK_SEEDS = 3;
    /** Seeds beyond this make a full run take hours. */
    public static final int MAX_SEEDS = 100;

    public RunOptions {
        if (seeds < 1 || seeds > MAX_SEEDS) {
            throw new IllegalArgumentException("seeds must be in 1.." + MAX_SEEDS + ", got " + seeds);
        }
    }

    /** A full run with {@value #FULL_SEEDS} seeds from seed 1. */
    public static RunOptions full() {
        return new RunOptions(false, FULL_SEEDS, 1);
    }

    /** A quick run with {@value #QUICK_SEEDS} seeds from seed 1. */
    public static RunOptions quickRun() {
        return new RunOptions(true, QUICK_SEEDS, 1);
    }

    /** The default options for a mode, with the seed count given or (when {@code seeds} is null) the mode's default. */
    public static RunOptions of(boolean quick, Integer seeds) {
        return new RunOptions(quick, seeds != null ? seeds : quick ? QUICK_SEEDS : FULL_SEEDS, 1);
    }

    /** The i-th seed, i from 0. */
    public long seed(int i) {
        return baseSeed + i;
    }

    /** The seeds in use, as a list for the result. */
    public List<Long> seedList() {
        List<Long> list = new ArrayList<>(seeds);
        for (int i = 0; i < seeds; i++) {
            list.add(seed(i));
        }
        return List.copyOf(list);
    }
}

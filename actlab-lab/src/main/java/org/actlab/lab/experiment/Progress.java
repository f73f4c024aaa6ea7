package org.actlab.lab.experiment;

import java.util.function.Supplier;

/** Receives short notes on what a running experiment is doing, for a progress line. */
@FunctionalInterface
public interface Progress {

    /** A note such as {@code "depth 10, sigmoid, seed 3"}. */
    void note(String message);

    /**
     * A note built only if it goes somewhere. The executors note every trial, and most callers (every
     * sweep, the bench) pass {@link #silent()}: building the text of a note nobody reads cost a tiny
     * trial about a twentieth of its time and allocation (docs/SWEEPS.md, "Throughput").
     */
    default void note(Supplier<String> message) {
        note(message.get());
    }

    /** Progress that goes nowhere, and builds no note. */
    static Progress silent() {
        return SilentProgress.INSTANCE;
    }
}

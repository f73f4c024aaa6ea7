package org.actlab.lab.experiment;

/** Receives short notes on what a running experiment is doing, for a progress line. */
@FunctionalInterface
public interface Progress {

    /** A note such as {@code "depth 10, sigmoid, seed 3"}. */
    void note(String message);

    /** Progress that goes nowhere. */
    static Progress silent() {
        return message -> {
        };
    }
}

package org.actlab.lab.experiment;

import java.util.Objects;

/**
 * The texts that a study states once, when it is built and before any run: its name, the claim it
 * tests and the criterion that judges it. Experiments ({@link StatedExperiment}) and paper
 * replications build on it and add the texts of their own kind (an experiment's setup; a paper, a
 * setup per run length and the differences from the paper).
 */
public abstract class Stated {

    private final String name;
    private final String claim;
    private final String criterion;

    protected Stated(String name, String claim, String criterion) {
        this.name = Objects.requireNonNull(name, "name");
        this.claim = Objects.requireNonNull(claim, "claim");
        this.criterion = Objects.requireNonNull(criterion, "criterion");
    }

    public final String name() {
        return name;
    }

    public final String claim() {
        return claim;
    }

    public final String criterion() {
        return criterion;
    }
}

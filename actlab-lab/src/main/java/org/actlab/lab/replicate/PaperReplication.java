package org.actlab.lab.replicate;

import java.util.Objects;

/**
 * A replication whose name, paper, claim, criterion and differences from the paper are stated once,
 * when it is built, before any run; only the setup depends on the run (quick or full).
 */
abstract class PaperReplication implements Replication {

    private final String name;
    private final String paper;
    private final String claim;
    private final String criterion;
    private final String differences;

    PaperReplication(String name, String paper, String claim, String criterion, String differences) {
        this.name = Objects.requireNonNull(name, "name");
        this.paper = Objects.requireNonNull(paper, "paper");
        this.claim = Objects.requireNonNull(claim, "claim");
        this.criterion = Objects.requireNonNull(criterion, "criterion");
        this.differences = Objects.requireNonNull(differences, "differences");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String paper() {
        return paper;
    }

    @Override
    public final String claim() {
        return claim;
    }

    @Override
    public final String criterion() {
        return criterion;
    }

    @Override
    public final String differences() {
        return differences;
    }
}

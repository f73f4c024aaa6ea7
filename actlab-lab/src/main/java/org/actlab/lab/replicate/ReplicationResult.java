package org.actlab.lab.replicate;

import java.util.List;
import java.util.Objects;

/**
 * What a replication found: the paper's figures beside ours, row by row, and the verdict.
 *
 * @param name        the replication
 * @param paper       the citation
 * @param claim       what the paper reports
 * @param setup       what was run
 * @param criterion   the verdict rule
 * @param differences how the setup differs from the paper's
 * @param outcome     the verdict
 * @param rows        quantity, the paper's figure, ours
 * @param note        one sentence on why the verdict is what it is
 */
public record ReplicationResult(String name, String paper, String claim, String setup, String criterion,
                                String differences, Outcome outcome, List<Row> rows, String note) {

    /** The verdict of a replication. Lower-case so that JSON and text show it as is. */
    public enum Outcome { reproduced, partly, not_reproduced }

    /**
     * One line of the comparison.
     *
     * @param quantity what is compared
     * @param paper    the paper's figure (as the paper states it)
     * @param ours     ours
     */
    public record Row(String quantity, String paper, String ours) {
    }

    public ReplicationResult {
        Objects.requireNonNull(outcome, "outcome");
        rows = List.copyOf(rows);
    }

    /** The result of a replication object with our figures. */
    static ReplicationResult of(Replication r, boolean quick, Outcome outcome, List<Row> rows, String note) {
        return new ReplicationResult(r.name(), r.paper(), r.claim(), r.setup(quick), r.criterion(), r.differences(),
                outcome, rows, note);
    }
}

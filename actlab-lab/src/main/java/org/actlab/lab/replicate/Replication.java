package org.actlab.lab.replicate;

/** One published result, re-run at a reduced scale. */
public interface Replication {

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

    /** Runs it. */
    ReplicationResult run(boolean quick);
}

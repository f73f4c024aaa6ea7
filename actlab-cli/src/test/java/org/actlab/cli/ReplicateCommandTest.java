package org.actlab.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code actlab replicate}: the list, one quick run end to end, and bad input as a one-line error with exit 2. */
class ReplicateCommandTest {

    @Test
    void listNamesEveryReplicationWithItsPaper() {
        Cli.Result r = Cli.run("replicate", "list").succeeds();
        assertTrue(r.out().contains("klambauer-selu") && r.out().contains("Self-Normalizing"), r.out());
        assertTrue(r.out().contains("lu-born-dead") && r.out().contains("he-depth"), r.out());
    }

    @Test
    void quickRunPrintsThePaperBesideOursAndAVerdict() {
        Cli.Result r = Cli.run("replicate", "run", "klambauer-selu", "--quick").succeeds();
        assertTrue(r.out().startsWith("klambauer-selu: "), r.out());
        assertTrue(r.out().matches("(?s).*: (reproduced|partly|not_reproduced) \\(.*"), r.out());
        assertTrue(r.out().contains("→ (0, 1)") && r.out().contains("differences:"), r.out());
    }

    @Test
    void unknownNameIsOneLineWithTheNearestName() {
        Cli.run("replicate", "run", "klambauer-sel").fails(2, "unknown replication 'klambauer-sel'");
        Cli.run("replicate").fails(2, "missing subcommand");
    }
}

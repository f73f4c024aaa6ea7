package org.actlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpTest {

    @Test
    void everyCommandHasCleanHelp() {
        PrintStream original = System.err;
        ByteArrayOutputStream picocliWarnings = new ByteArrayOutputStream();
        // picocli reports format problems in descriptions (an unescaped %) on System.err, not the command's writer.
        System.setErr(new PrintStream(picocliWarnings, true, StandardCharsets.UTF_8));
        try {
            Cli.Result top = Cli.run("--help").succeeds();
            assertTrue(top.out().contains("Exit codes: 0 ok, 1 unexpected error, 2 bad input, 3 training diverged."));
            for (String name : new CommandLine(new Main()).getSubcommands().keySet()) {
                // "help NAME" is picocli's own command; "help --help" is not a request it serves.
                Cli.Result r = name.equals("help") ? Cli.run("help", "train") : Cli.run(name, "--help");
                assertEquals(0, r.code(), name + ": " + r.err());
                assertTrue(r.out().startsWith("Usage: actlab " + (name.equals("help") ? "train" : name)), name + ": " + r.out());
                assertTrue(top.out().contains(name), "top-level help lists " + name);
            }
        } finally {
            System.setErr(original);
        }
        String warnings = picocliWarnings.toString(StandardCharsets.UTF_8);
        assertFalse(warnings.contains("picocli WARN"), warnings);
    }
}

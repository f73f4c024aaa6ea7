package org.actlab.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every actlab command shares: picocli's model of it, injected, and the writers it prints on
 * (the terminal's, or the in-memory ones of the tests), so that no command reaches for
 * {@code System.out}. Commands return {@link Main#OK} or throw {@link IllegalArgumentException}
 * for bad input, which {@link Main} turns into one line and exit code 2.
 */
abstract class ActlabCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Where results go. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Where progress, notes and errors go. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}

package org.actlab.cli;

import org.actlab.lab.experiment.RunOptions;
import picocli.CommandLine.Option;

/**
 * The seed options of the commands that run experiments ({@code report}, {@code experiment run}),
 * declared once and mixed in with {@code @Mixin}.
 */
final class SeedOptions {

    @Option(names = "--seeds", paramLabel = "N", description = "Seeds for the statistical claims (default 5, quick 2).")
    Integer seeds;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "The first seed (default ${DEFAULT-VALUE}).")
    long baseSeed;

    /** The run options these seeds give, full or {@code quick}. */
    RunOptions options(boolean quick) {
        RunOptions defaults = RunOptions.of(quick, seeds);
        return new RunOptions(defaults.quick(), defaults.seeds(), baseSeed);
    }
}

package org.actlab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.actlab.accuracy.AccuracyAudit;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.kernel.ActivationKernels;
import org.actlab.kernel.Kernels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code actlab audit}: the catalogue's accuracy in ULPs per kernel path, as a Markdown table. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Measure the largest error in float ULPs of f and f' for every activation and kernel path, "
                + "against double-precision references; prints a Markdown table (progress on stderr).",
        footer = {"", "Examples:", "  actlab audit --samples 100000", "  actlab audit --path scalar --functions relu,tanh,gelu"})
final class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--samples", paramLabel = "N", description = "Floats per function. Default: 2^20 = 1048576.")
    Integer samples;

    @Option(names = "--path", paramLabel = "all|auto|scalar|simd", defaultValue = "all",
            description = "Kernel path(s) to audit: all available, or one. Default: ${DEFAULT-VALUE}.")
    String path;

    @Option(names = "--seed", description = "Seed of the sample draw. Default: the audit's fixed seed.")
    Long seed;

    @Option(names = "--functions", split = ",(?![^(]*\\))", paramLabel = "SPEC",
            description = "Only these activations. Default: the whole catalogue.")
    List<String> functions;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        AccuracyAudit.Config config = AccuracyAudit.Config.defaults();
        if (samples != null) {
            config = config.withSamples(samples);
        }
        if (seed != null) {
            config = config.withSeed(seed);
        }
        if (functions != null) {
            List<Activation> chosen = new ArrayList<>();
            for (String f : functions) {
                chosen.add(Activations.parse(f));
            }
            config = config.withActivations(chosen);
        }
        if (!path.equalsIgnoreCase("all")) {
            ActivationKernels kernels = Kernels.forPath(path);
            config = config.withPaths(List.of(kernels));
        }
        PrintWriter err = spec.commandLine().getErr();
        List<AccuracyAudit.Row> rows = new AccuracyAudit(config).run((done, total, row) -> {
            if (!quiet) {
                err.println(String.format(Locale.ROOT, "audit %d/%d: %s on %s", done, total, row.spec(), row.path()));
                err.flush();
            }
        });
        PrintWriter out = spec.commandLine().getOut();
        out.print(AccuracyAudit.toMarkdown(rows));
        out.flush();
        return Main.OK;
    }
}

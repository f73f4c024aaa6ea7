package org.actlab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.actlab.accuracy.AccuracyAudit;
import org.actlab.accuracy.ExhaustiveAudit;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.kernel.ActivationKernels;
import org.actlab.kernel.Kernels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code actlab audit}: the catalogue's accuracy in ULPs per kernel path, as a Markdown table. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Measure the largest error in float ULPs of f and f' for every activation and kernel path, "
                + "against double-precision references; prints a Markdown table (progress on stderr).",
                "By default a seeded sample of floats per function; with --exhaustive every one of the 2^32 float bit "
                + "patterns (NaNs must give NaN, +-Inf the limit), which takes minutes per function."},
        footer = {"", "Examples:", "  actlab audit --samples 100000", "  actlab audit --path scalar --functions relu,tanh,gelu",
                "  actlab audit --exhaustive --threads 2 sigmoid tanh",
                "  actlab audit --exhaustive --bit-range 0x3f800000:0x40000000 gelu",
                "    (the last one: every float in [1, 2))"})
final class AuditCommand extends ActlabCommand {

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

    @Option(names = "--exhaustive", description = "Check every float bit pattern instead of a sample; needs explicit SPECs.")
    boolean exhaustive;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads for --exhaustive. Default: the number of available processors.")
    Integer threads;

    @Option(names = "--bit-range", paramLabel = "FROM:TO",
            description = "With --exhaustive, only the bit patterns in [FROM, TO) (unsigned, hex with 0x or decimal, "
                    + "TO up to 0x100000000). Default: all 2^32.")
    String bitRange;

    @Parameters(paramLabel = "SPEC", arity = "0..*",
            description = "Activations to audit (as --functions); required with --exhaustive.")
    List<String> specs;

    @Override
    public Integer call() {
        List<Activation> chosen = chosenActivations();
        List<ActivationKernels> paths = path.equalsIgnoreCase("all")
                ? AccuracyAudit.availablePaths() : List.of(Kernels.forPath(path));
        if (exhaustive) {
            return exhaustive(chosen, paths);
        }
        if (threads != null || bitRange != null) {
            throw new IllegalArgumentException((threads != null ? "--threads" : "--bit-range") + " needs --exhaustive");
        }
        AccuracyAudit.Config config = AccuracyAudit.Config.defaults().withPaths(paths);
        if (samples != null) {
            config = config.withSamples(samples);
        }
        if (seed != null) {
            config = config.withSeed(seed);
        }
        if (!chosen.isEmpty()) {
            config = config.withActivations(chosen);
        }
        PrintWriter err = err();
        List<AccuracyAudit.Row> rows = new AccuracyAudit(config).run((done, total, row) -> {
            if (!quiet) {
                err.println(String.format(Locale.ROOT, "audit %d/%d: %s on %s", done, total, row.spec(), row.path()));
                err.flush();
            }
        });
        PrintWriter out = out();
        out.print(AccuracyAudit.toMarkdown(rows));
        out.flush();
        return Main.OK;
    }

    /** The activations named by --functions and the positional SPECs, in that order; empty when none. */
    private List<Activation> chosenActivations() {
        List<Activation> chosen = new ArrayList<>();
        for (List<String> names : Arrays.asList(functions, specs)) {
            if (names != null) {
                for (String name : names) {
                    chosen.add(Activations.parse(name));
                }
            }
        }
        return chosen;
    }

    private Integer exhaustive(List<Activation> chosen, List<ActivationKernels> paths) {
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("--exhaustive needs explicit SPECs (each takes minutes), e.g. "
                    + "'actlab audit --exhaustive sigmoid tanh'");
        }
        if (samples != null || seed != null) {
            throw new IllegalArgumentException((samples != null ? "--samples" : "--seed")
                    + " does not apply to --exhaustive, which checks every float");
        }
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        ExhaustiveAudit.Config config = ExhaustiveAudit.Config.allFloats(chosen, paths, workers);
        if (bitRange != null) {
            long[] range = parseBitRange(bitRange);
            config = config.withBitRange(range[0], range[1]);
        }
        PrintWriter err = err();
        if (!quiet) {
            err.println(String.format(Locale.ROOT, "exhaustive audit: %d function(s) x %d path(s) x %d bit patterns on %d thread(s)",
                    chosen.size(), paths.size(), config.patterns(), config.threads()));
            err.flush();
        }
        long[] lastPercent = {-1};
        long start = System.nanoTime();
        List<AccuracyAudit.Row> rows = new ExhaustiveAudit(config).run((done, total, elapsedNanos) -> {
            long percent = done * 100 / total;
            if (!quiet && percent > lastPercent[0]) {
                lastPercent[0] = percent;
                String left = done == total ? "" : ", about " + duration((long) (elapsedNanos * ((double) (total - done) / done))) + " left";
                err.println(String.format(Locale.ROOT, "exhaustive audit: %3d%%, %s elapsed%s", percent, duration(elapsedNanos), left));
                err.flush();
            }
        });
        if (!quiet) {
            err.println("exhaustive audit: done in " + duration(System.nanoTime() - start));
            err.flush();
        }
        PrintWriter out = out();
        out.print(AccuracyAudit.toMarkdown(rows));
        out.flush();
        return Main.OK;
    }

    /** "FROM:TO" with each bound in hex (0x...) or decimal. */
    static long[] parseBitRange(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("--bit-range must be FROM:TO, got '" + text + "'");
        }
        return new long[] {parseBits(parts[0], text), parseBits(parts[1], text)};
    }

    private static long parseBits(String bound, String whole) {
        String b = bound.strip().toLowerCase(Locale.ROOT);
        try {
            return b.startsWith("0x") ? Long.parseLong(b.substring(2), 16) : Long.parseLong(b);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--bit-range bound '" + bound + "' in '" + whole
                    + "' is not a hex (0x...) or decimal integer");
        }
    }

    private static String duration(long nanos) {
        long seconds = nanos / 1_000_000_000L;
        return seconds >= 60 ? String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60)
                : String.format(Locale.ROOT, "%.1fs", nanos / 1e9);
    }
}

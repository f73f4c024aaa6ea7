package org.actlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.actlab.lab.experiment.Experiment;
import org.actlab.lab.experiment.ExperimentResult;
import org.actlab.lab.experiment.Experiments;
import org.actlab.lab.experiment.Figures;
import org.actlab.lab.experiment.RunOptions;
import org.actlab.lab.report.ReportRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code actlab experiment list} and {@code actlab experiment run NAME}: one claim of the lecture, measured. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "List the experiments, or run one and print its verdict and figures.",
        subcommands = {ExperimentCommand.ListCommand.class, ExperimentCommand.RunCommand.class})
public final class ExperimentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: use 'experiment list' or 'experiment run NAME'");
    }

    /** {@code actlab experiment list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the experiments with their claims.")
    static final class ListCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            int width = Experiments.names().stream().mapToInt(String::length).max().orElse(10);
            for (Experiment e : Experiments.all()) {
                spec.commandLine().getOut().printf(Locale.ROOT, "%-" + width + "s  %s%n", e.name(), e.claim());
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code actlab experiment run NAME [--quick] [--seeds N] [--seed S] [--json FILE]}. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run one experiment (progress on stderr) and print its verdict and figures.")
    static final class RunCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "The experiment, see 'actlab experiment list'.")
        String name;

        @Option(names = "--quick", description = "Fewer and smaller runs; still gives a verdict.")
        boolean quick;

        @Mixin
        SeedOptions seedOptions;

        @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON to FILE.")
        Path json;

        @Override
        public Integer call() {
            Experiment experiment;
            try {
                experiment = Experiments.byName(name);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            RunOptions options = seedOptions.options(quick);
            if (json != null) {
                // Fail before a long run, not after it.
                ReportRunner.checkWritable(json.toAbsolutePath().getParent());
            }
            ReportRunner.Timed timed = ReportRunner.run(experiment, options, spec.commandLine().getErr(), "");
            ExperimentResult result = timed.result();
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "%s: %s (%.1f s)%n", result.name(), result.verdict(), timed.seconds());
            out.println("claim:     " + result.claim());
            out.println("criterion: " + result.criterion());
            out.println("key figure: " + result.headline());
            for (org.actlab.lab.experiment.Effect e : result.effects()) {
                out.printf(Locale.ROOT, "%-7s %-13s %s: %s (%s)%n", e.role(), e.verdict(), e.rule(), e.interval(), e.test());
            }
            printFigures(out, result.figures(), "  ");
            out.println("seeds: " + result.seeds());
            if (json != null) {
                ReportRunner.writeJson(json, result);
                out.println("wrote " + json);
            }
            out.flush();
            return 0;
        }

        private static void printFigures(PrintWriter out, Map<?, ?> figures, String indent) {
            for (Map.Entry<?, ?> e : figures.entrySet()) {
                if (ExperimentResult.HEADLINE.equals(e.getKey())) {
                    continue;
                }
                if (e.getValue() instanceof Map) {
                    out.println(indent + e.getKey() + ":");
                    printFigures(out, (Map<?, ?>) e.getValue(), indent + "  ");
                } else {
                    out.println(indent + e.getKey() + ": " + text(e.getValue()));
                }
            }
        }

        private static String text(Object v) {
            if (v instanceof Double || v instanceof Float) {
                return Figures.format(((Number) v).doubleValue());
            }
            if (v instanceof List) {
                return v.toString();
            }
            return String.valueOf(v);
        }
    }
}

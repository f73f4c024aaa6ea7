package org.actlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.actlab.lab.experiment.Experiment;
import org.actlab.lab.experiment.ExperimentResult;
import org.actlab.lab.experiment.Experiments;
import org.actlab.lab.experiment.Figures;
import org.actlab.lab.experiment.RunOptions;
import org.actlab.lab.report.ReportRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code actlab experiment list} and {@code actlab experiment run NAME}: one claim of the lecture, measured. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "List the experiments, or run one and print its verdict and figures.",
        subcommands = {ExperimentCommand.ListCommand.class, ExperimentCommand.RunCommand.class})
public final class ExperimentCommand extends CatalogueCommand {

    /** {@code actlab experiment list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the experiments with their claims.")
    static final class ListCommand extends Listing<Experiment> {
        ListCommand() {
            super(Experiments::all, Experiment::name, Experiment::claim);
        }
    }

    /** {@code actlab experiment run NAME [--quick] [--seeds N] [--seed S] [--json FILE]}. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run one experiment (progress on stderr) and print its verdict and figures.")
    static final class RunCommand extends Running<Experiment> {

        @Mixin
        SeedOptions seedOptions;

        @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON to FILE.")
        Path json;

        RunCommand() {
            super(Experiments::byName);
        }

        @Override
        void run(Experiment experiment, PrintWriter out) {
            RunOptions options = seedOptions.options(quick);
            if (json != null) {
                // Fail before a long run, not after it.
                ReportRunner.checkWritable(json.toAbsolutePath().getParent());
            }
            ReportRunner.Timed timed = ReportRunner.run(experiment, options, err(), "");
            ExperimentResult result = timed.result();
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

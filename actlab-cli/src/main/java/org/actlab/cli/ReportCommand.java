package org.actlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.actlab.lab.experiment.Experiments;
import org.actlab.lab.experiment.RunOptions;
import org.actlab.lab.report.ReportRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code actlab report}: runs every experiment and writes report.html and results.json. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Run every experiment (progress on stderr) and write DIR/report.html and DIR/results.json; "
                + "print a summary table.")
public final class ReportCommand extends ActlabCommand {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "report", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--quick", description = "Fewer and smaller runs: the whole suite in about a minute.")
    boolean quick;

    @Mixin
    SeedOptions seedOptions;

    @Override
    public Integer call() {
        RunOptions options = seedOptions.options(quick);
        // An unwritable folder should fail now, not after a quarter of an hour of experiments.
        ReportRunner.checkWritable(out);
        long start = System.nanoTime();
        List<ReportRunner.Timed> results = ReportRunner.runAll(Experiments.all(), options, err());
        double seconds = (System.nanoTime() - start) / 1e9;
        ReportRunner.write(out, options, results, seconds);
        PrintWriter stdout = out();
        stdout.print(ReportRunner.summaryTable(results));
        stdout.printf(Locale.ROOT, "total %.1f s; wrote %s and %s%n", seconds,
                out.resolve(ReportRunner.REPORT_FILE), out.resolve(ReportRunner.RESULTS_FILE));
        stdout.flush();
        return 0;
    }
}

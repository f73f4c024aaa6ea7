package org.actlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.actlab.data.AtomicFile;
import org.actlab.diagnose.HealthReport;
import org.actlab.diagnose.HealthTable;
import org.actlab.lab.run.DataSummary;
import org.actlab.lab.run.RunConfig;
import org.actlab.lab.run.RunResult;
import org.actlab.lab.run.SavedModel;
import org.actlab.lab.run.TrainingRun;
import org.actlab.nn.NetworkSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code actlab train}: options to a {@link RunConfig}, then the shared {@link TrainingRun}. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, modelTransformer = RunOptions.All.class,
        description = "Train a dense network on a generated data set, the bundled MNIST or a CSV file.",
        footer = {"", "Examples:",
            "  actlab train --data spiral --noise 0.1 --hidden 8,8 --activation tanh --optimizer adam --lr 0.01 --epochs 200",
            "  actlab train --data circle --features x1,x2,x1^2,x2^2 --hidden 4 --activations relu --save model.json",
            "  actlab train --data mnist --samples 2000 --hidden 64 --activation relu --epochs 5 --json result.json",
            "  actlab train --csv my.csv --label y --standardize --hidden 16 --activation leaky_relu",
            "", "Exit code 3 when training diverges (a NaN or infinite loss, or a loss grown above 1000 x max(initial loss, 1))."})
final class TrainCommand extends ActlabCommand {

    // The run options (--data, --hidden, --lr, ...) come from RunOptions, which builds them from RunConfig's settings.

    @Option(names = "--csv", paramLabel = "FILE", description = "Train on a CSV file with a header line instead of --data ('-': standard input).")
    Path csv;

    @Option(names = "--idx-images", paramLabel = "FILE",
            description = "Train on your own MNIST-format IDX images (plain or .gz), with --idx-labels.")
    Path idxImages;

    @Option(names = "--idx-labels", paramLabel = "FILE", description = "The IDX labels file that goes with --idx-images.")
    Path idxLabels;

    @Option(names = "--diagnose", description = "Per-layer health (saturation, dead units, centring, gradients) and advice.")
    boolean diagnose;

    @Option(names = "--save", paramLabel = "FILE", description = "Save the trained model as JSON (for actlab predict).")
    Path save;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the result as JSON; '-' for stdout (then no summary).")
    String json;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() {
        // Before any work: a path that cannot be written must not throw a finished run away.
        if (save != null) {
            AtomicFile.checkWritable(save, "--save");
        }
        if (json != null && !"-".equals(json)) {
            AtomicFile.checkWritable(Path.of(json), "--json");
        }
        RunConfig config = config();
        TrainingRun run = TrainingRun.prepare(config).diagnose(diagnose);
        PrintWriter out = out();
        PrintWriter err = err();
        for (String notice : run.notices()) {
            err.println("actlab train: note: " + notice);
        }
        err.flush();
        boolean jsonToStdout = "-".equals(json);
        // The bar goes to stdout (the terminal), so never when the JSON goes there.
        boolean bar = !quiet && !jsonToStdout && System.console() != null && config.epochs() > 0;
        RunResult result;
        if (bar) {
            try (ProgressBar progress = new ProgressBarBuilder().setTaskName("epoch").setInitialMax(config.epochs())
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).continuousUpdate()
                    // stdout, which is the terminal here; the launcher filters stderr line by line.
                    .setConsumer(new ConsoleProgressBarConsumer(System.out)).build()) {
                result = run.run((snapshot, total) -> {
                    progress.stepTo(snapshot.epoch() + 1);
                    progress.setExtraMessage(String.format(Locale.ROOT, "loss %.4f%s", snapshot.trainLoss(),
                            Double.isNaN(snapshot.trainAccuracy()) ? ""
                                    : String.format(Locale.ROOT, " acc %.1f%%", 100 * snapshot.trainAccuracy())));
                });
            }
        } else {
            result = run.run(TrainingRun.Progress.none());
        }
        if (json != null) {
            if (jsonToStdout) {
                out.println(result.toJson());
            } else {
                AtomicFile.writeStringUnchecked(Path.of(json), result.toJson() + System.lineSeparator());
            }
        }
        if (!jsonToStdout) {
            out.print(summary(run, result));
            if (diagnose && run.diagnostics() != null) {
                HealthReport latest = run.diagnostics().latest().orElse(null);
                out.print(latest == null ? "no health report (no epoch completed)" + System.lineSeparator()
                        : HealthTable.format(latest));
            }
            if (json != null) {
                out.println("wrote " + json);
            }
        }
        out.flush();
        if (result.diverged()) {
            err.println("actlab train: training stopped: " + Main.oneLine(result.stopped()));
            err.flush();
            return Main.DIVERGED;
        }
        if (save != null) {
            SavedModel.of(run).write(save);
            if (!jsonToStdout) {
                out.println("saved model to " + save);
            }
        }
        out.flush();
        return Main.OK;
    }

    RunConfig config() {
        boolean data = RunOptions.given(spec, RunConfig.DATA);
        if (data && csv != null) {
            throw new IllegalArgumentException("give either --data or --csv, not both");
        }
        if ((idxImages == null) != (idxLabels == null)) {
            throw new IllegalArgumentException("give --idx-images and --idx-labels together");
        }
        if (idxImages != null && (data || csv != null)) {
            throw new IllegalArgumentException("give --idx-images/--idx-labels, --data or --csv, not several");
        }
        RunConfig.Builder b = RunConfig.builder();
        RunOptions.apply(spec, b);
        if (idxImages != null) {
            b.set(RunConfig.DATA, RunConfig.idxData(idxImages, idxLabels));
        } else if (csv != null) {
            b.set(RunConfig.DATA, csvPath(csv));
        }
        return b.build();
    }

    /**
     * {@code --csv} always names a file ({@code -}: standard input), never a built-in set: a bare name
     * such as {@code xor} becomes {@code ./xor}, which no data set is called.
     */
    static String csvPath(Path csv) {
        String text = csv.toString();
        if (text.equals("-") || csv.isAbsolute() || csv.getParent() != null) {
            return text;
        }
        return "." + java.io.File.separator + text;
    }

    static String summary(TrainingRun run, RunResult result) {
        DataSummary d = run.summary();
        NetworkSpec spec = run.network().spec();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "data %s: %d train rows, %d test rows, %d input(s), %s%n", d.name(),
                d.trainRows(), d.testRows(), d.features(), d.task().name().toLowerCase(Locale.ROOT)));
        StringBuilder net = new StringBuilder().append(spec.inputs());
        for (NetworkSpec.LayerSpec layer : spec.hidden()) {
            net.append(" -> ").append(layer.units()).append(' ').append(layer.activation());
        }
        net.append(" -> ").append(spec.outputs()).append(' ').append(spec.output().name().toLowerCase(Locale.ROOT));
        s.append(String.format(Locale.ROOT, "network %s, loss %s, init %s, bias %s%n", net,
                spec.loss().name().toLowerCase(Locale.ROOT), spec.weightInit(), spec.biasInit()));
        RunConfig c = result.config();
        s.append(String.format(Locale.ROOT, "training %s lr %s, batch %d, %d epoch(s), seed %d%n", c.optimizer(),
                c.learningRate(), c.batch(), result.history().size(), c.seed()));
        RunResult.Metrics m = result.metrics();
        s.append(String.format(Locale.ROOT, "train loss %s, test loss %s", figure(m.trainLoss()), figure(m.testLoss())));
        if (!Double.isNaN(m.trainAccuracy())) {
            s.append(String.format(Locale.ROOT, ", train accuracy %s, test accuracy %s", percent(m.trainAccuracy()),
                    percent(m.testAccuracy())));
        }
        return s.append(System.lineSeparator()).toString();
    }

    private static String figure(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}

package org.actlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.actlab.lab.experiment.TrialExecutor;
import org.actlab.lab.experiment.TrialResult;
import org.actlab.lab.sweep.ReportView;
import org.actlab.lab.sweep.Sweep;
import org.actlab.lab.sweep.SweepSpec;
import org.actlab.lab.sweep.SweepStore;
import org.actlab.lab.sweep.SweepTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false, modelTransformer = RunOptions.AllButThreads.class,
        description = {"Train many runs: a grid or a random search over run options, times seeds, on all cores "
                + "(or on Apache Spark with --spark).",
            "Writes DIR/results.csv, results.parquet, report.html and sweep.json; each trial is committed as it "
                + "finishes, so --resume DIR finishes an interrupted sweep.",
            "Example: actlab sweep --grid activation=relu,tanh --grid lr=1e-3:1:log8 --seeds 10 --data mnist "
                + "--hidden 256,256 --epochs 5"})
final class SweepCommand extends ActlabCommand {

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "A sweep file (JSON, or YAML by .yaml/.yml): base, grid, seeds, random, searchSeed.")
    Path file;

    @Option(names = "--grid", paramLabel = "OPT=VALUES",
            description = "Sweep a run option: values a,b,c (commas inside ( ) or [ ] stay), or a range lo:hi:linN / lo:hi:logN. Repeatable.")
    List<String> grid = new ArrayList<>();

    @Option(names = "--set", paramLabel = "OPT=VALUE", description = "Fix a run option for every trial (any field of a run, e.g. optimizer=adam; the run options below say the same). Repeatable.")
    List<String> set = new ArrayList<>();

    // The run options but --threads (--data, --hidden, --lr, ...) come from RunOptions: shorthands for --set.

    @Option(names = "--seeds", paramLabel = "N", description = "Seeds per configuration (the base seed, +1, ...). Default: 1.")
    Integer seeds;

    @Option(names = "--random", paramLabel = "N", description = "Draw N configurations from the --grid options instead of taking every combination.")
    int random;

    @Option(names = "--search-seed", paramLabel = "S", description = "Seeds the random search's draws. Default: 1.")
    long searchSeed = 1;

    @Option(names = "--force", description = "Run more than " + SweepSpec.MAX_TRIALS + " trials.")
    boolean force;

    @Option(names = "--out", paramLabel = "DIR", description = "The sweep directory to create. Default: sweep-<date>-<time>.")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Finish the interrupted sweep in DIR (its sweep.json says what to run).")
    Path resume;

    @Option(names = "--threads", paramLabel = "N", description = "Trials at once on the local pool, one thread each. Default: all cores.")
    Integer threads;

    @Option(names = "--metric", paramLabel = "NAME", description = "The report's metric: testAccuracy, testLoss, trainAccuracy, "
            + "trainLoss, gradientRatio or wallSeconds (accuracies rank higher-is-better, the others lower). "
            + "Default: testAccuracy, or testLoss for regression.")
    String metric;

    @Option(names = "--heatmap", split = ",", paramLabel = "X,Y", description = "The report heatmap's two swept options "
            + "(columns, rows), e.g. activation,lr. Default: the first two swept options.")
    List<String> heatmap = new ArrayList<>();

    @Mixin
    SparkExecutor.Option spark;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Override
    public Integer call() {
        SweepSpec sweep = null;
        if (resume != null) {
            if (file != null || !grid.isEmpty() || !set.isEmpty() || !RunOptions.given(spec).isEmpty() || seeds != null
                    || random != 0 || out != null) {
                throw new IllegalArgumentException("--resume " + resume + " takes the spec from " + resume.resolve(SweepStore.SPEC)
                        + "; give no spec options with it");
            }
        }
        if (heatmap.size() > 2) {
            throw new IllegalArgumentException("--heatmap takes two swept options, got " + heatmap.size() + ": "
                    + String.join(",", heatmap));
        }
        ReportView view = new ReportView(metric, heatmap.isEmpty() ? null : heatmap.get(0),
                heatmap.size() < 2 ? null : heatmap.get(1));
        if (resume == null) {
            sweep = spec();
            sweep.trials(); // every check before anything is created or run
            view.checkedAgainst(sweep);
        }
        // The executor before the directory: a Spark that cannot start leaves nothing behind.
        TrialExecutor executor = executor();
        SweepStore store;
        try {
            if (sweep == null) {
                store = SweepStore.open(resume, force);
                store.spec().trials();
            } else {
                store = SweepStore.create(out != null ? out : Path.of("sweep-" + LocalDateTime.now()
                        .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT))), sweep);
            }
        } catch (RuntimeException e) {
            close(executor);
            throw e;
        }
        PrintWriter o = out();
        PrintWriter err = err();
        o.println("sweep " + store.dir() + " on " + executor);
        o.flush();
        SweepTable table;
        try (Reporter reporter = new Reporter(err, quiet)) {
            table = Sweep.run(store, executor, reporter, view);
        } finally {
            close(executor);
        }
        int failed = 0;
        int error = table.column("error");
        for (List<Object> row : table.rows()) {
            if (!((String) row.get(error)).isEmpty()) {
                failed++;
            }
        }
        o.printf(Locale.ROOT, "%d trials, %d diverged or failed (recorded with their error)%n", table.rows().size(), failed);
        for (String name : List.of(Sweep.CSV, Sweep.PARQUET, Sweep.REPORT, SweepStore.SPEC)) {
            o.println("wrote " + store.dir().resolve(name));
        }
        return Main.OK;
    }

    private void close(TrialExecutor executor) {
        SparkExecutor.close(executor, err(), "sweep");
    }

    private SweepSpec spec() {
        Map<String, String> base = new LinkedHashMap<>();
        for (String s : set) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set wants OPT=VALUE, got '" + s + "'");
            }
            base.put(SweepSpec.option(s.substring(0, eq)), s.substring(eq + 1));
        }
        // A run option's flag is shorthand for --set, and wins over it; its value arrives typed and checked.
        Map<String, Object> flags = RunOptions.given(spec);
        if (file != null) {
            if (!grid.isEmpty() || !base.isEmpty() || !flags.isEmpty() || random != 0) {
                throw new IllegalArgumentException("give the sweep in " + file + " or as options, not both");
            }
            SweepSpec read = SweepSpec.read(file, force);
            return seeds == null ? read : new SweepSpec(read.base(), read.axes(), read.random(), read.searchSeed(), seeds, force);
        }
        SweepSpec given = SweepSpec.fromFlags(base, grid, random, searchSeed, seeds == null ? 1 : seeds, force);
        Map<String, Object> fixed = new LinkedHashMap<>(given.base());
        fixed.putAll(flags);
        return new SweepSpec(fixed, given.axes(), given.random(), given.searchSeed(), given.seeds(), given.force());
    }

    /** The local pool, or Spark when asked for. */
    private TrialExecutor executor() {
        checkExecutorOptions();
        if (spark.master == null) {
            return threads == null ? TrialExecutor.pool() : TrialExecutor.pool(threads);
        }
        return SparkExecutor.connect(spark.master);
    }

    /** The executor options' checks, made before the sweep directory is created. */
    private void checkExecutorOptions() {
        if (spark.master != null && threads != null) {
            throw new IllegalArgumentException("--threads is for the local pool; with --spark " + spark.master + " Spark sets the parallelism");
        }
        if (spark.master != null) {
            SparkExecutor.check(spark.master);
        }
        if (threads != null && (threads < 1 || threads > 4096)) {
            throw new IllegalArgumentException("--threads must be in 1..4096, got " + threads);
        }
    }

    /** A progress bar with ETA on a terminal, else a plain line per tenth (and per failed trial). */
    static final class Reporter implements Sweep.Listener, AutoCloseable {
        private final PrintWriter err;
        private final boolean quiet;
        private ProgressBar bar;
        private long start;
        private int startDone;
        private int nextLine;

        Reporter(PrintWriter err, boolean quiet) {
            this.err = err;
            this.quiet = quiet;
        }

        @Override
        public void started(int total, int alreadyDone) {
            start = System.nanoTime();
            startDone = alreadyDone;
            if (quiet) {
                return;
            }
            if (alreadyDone > 0) {
                err.println("actlab sweep: resuming: " + alreadyDone + " of " + total + " trials already done");
            }
            if (System.console() != null) {
                bar = new ProgressBarBuilder().setTaskName("trials").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(500).continuousUpdate().startsFrom(alreadyDone, java.time.Duration.ZERO)
                        .setConsumer(new ConsoleProgressBarConsumer(System.out)).build();
            } else {
                nextLine = alreadyDone;
            }
            err.flush();
        }

        @Override
        public void finished(int index, TrialResult result, int done, int total) {
            if (quiet) {
                return;
            }
            String error = result.text("error");
            if (bar != null) {
                bar.stepTo(done);
                return;
            }
            if (!error.isEmpty()) {
                err.println("actlab sweep: trial " + index + " " + (result.flag("diverged") ? "diverged" : "failed") + ": " + error);
            }
            if (done >= nextLine || done == total) {
                double elapsed = (System.nanoTime() - start) / 1e9;
                int ran = done - startDone;
                double eta = ran == 0 ? Double.NaN : elapsed / ran * (total - done);
                err.printf(Locale.ROOT, "actlab sweep: %d/%d trials, %.1f s elapsed, ETA %s%n", done, total, elapsed,
                        Double.isNaN(eta) ? "-" : String.format(Locale.ROOT, "%.1f s", eta));
                err.flush();
                nextLine = done + Math.max(1, total / 10);
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}

package org.actlab.lab.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.actlab.data.AtomicFile;
import org.actlab.kernel.Kernels;
import org.actlab.lab.experiment.Experiment;
import org.actlab.lab.experiment.ExperimentResult;
import org.actlab.lab.experiment.Progress;
import org.actlab.lab.experiment.RunOptions;
import org.actlab.lab.experiment.TrialExecutor;
import org.actlab.lab.experiment.Trials;
import org.actlab.lab.experiment.Verdict;

/**
 * Runs experiments one after the other with progress on a stream, and writes {@code report.html}
 * and {@code results.json}. Each experiment's trials go through a {@link TrialExecutor}
 * ({@link TrialExecutor#sequential()} unless one is given); the reduction to figures and a verdict
 * runs here. The CLI's {@code report} and {@code experiment run} commands are thin wrappers around
 * this class.
 */
public final class ReportRunner {

    /** The report page's file name. */
    public static final String REPORT_FILE = "report.html";
    /** The results file's name. */
    public static final String RESULTS_FILE = "results.json";

    /** Progress lines are at least this far apart, so a long sweep does not flood the terminal. */
    private static final long PROGRESS_INTERVAL_NANOS = 2_000_000_000L;

    private ReportRunner() {
    }

    /**
     * A result with the wall-clock time it took.
     *
     * @param result  the result
     * @param seconds wall-clock seconds of its run
     */
    public record Timed(ExperimentResult result, double seconds) {
    }

    /**
     * Checks before a long run that {@code dir} exists or can be made and takes new files.
     *
     * @throws IllegalArgumentException with a one-line message naming the folder otherwise
     */
    public static void checkWritable(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".actlab-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("cannot write to output folder '" + dir + "': " + reason(e));
        }
    }

    /**
     * Runs one experiment with progress lines on {@code log} ({@code null} for none): a line when it
     * starts, its notes at most every two seconds, and a line with the verdict when it ends.
     */
    public static Timed run(Experiment experiment, RunOptions options, PrintWriter log, String prefix) {
        return run(experiment, options, log, prefix, TrialExecutor.sequential());
    }

    /** {@link #run(Experiment, RunOptions, PrintWriter, String)} with the trials run by {@code executor}. */
    public static Timed run(Experiment experiment, RunOptions options, PrintWriter log, String prefix, TrialExecutor executor) {
        long start = System.nanoTime();
        long[] lastNote = {start};
        if (log != null) {
            log.printf(Locale.ROOT, "%s%s: running%s%n", prefix, experiment.name(), options.quick() ? " (quick)" : "");
            log.flush();
        }
        Progress progress = log == null ? Progress.silent() : message -> {
            long now = System.nanoTime();
            if (now - lastNote[0] >= PROGRESS_INTERVAL_NANOS) {
                lastNote[0] = now;
                log.printf(Locale.ROOT, "%s%s: %s (%.0f s)%n", prefix, experiment.name(), message, (now - start) / 1e9);
                log.flush();
            }
        };
        ExperimentResult result = Trials.run(experiment, options, executor, progress);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (log != null) {
            log.printf(Locale.ROOT, "%s%s: %s in %.1f s%n", prefix, experiment.name(), result.verdict(), seconds);
            log.flush();
        }
        return new Timed(result, seconds);
    }

    /**
     * Runs every experiment. One that throws gets the verdict {@code inconclusive} with the error
     * as its figure, so that the other results still reach the report.
     */
    public static List<Timed> runAll(List<Experiment> experiments, RunOptions options, PrintWriter log) {
        return runAll(experiments, options, log, TrialExecutor.sequential());
    }

    /** {@link #runAll(List, RunOptions, PrintWriter)} with every experiment's trials run by {@code executor}. */
    public static List<Timed> runAll(List<Experiment> experiments, RunOptions options, PrintWriter log, TrialExecutor executor) {
        List<Timed> out = new ArrayList<>();
        for (int i = 0; i < experiments.size(); i++) {
            Experiment e = experiments.get(i);
            String prefix = "[" + (i + 1) + "/" + experiments.size() + "] ";
            long start = System.nanoTime();
            try {
                out.add(run(e, options, log, prefix, executor));
            } catch (RuntimeException failure) {
                double seconds = (System.nanoTime() - start) / 1e9;
                if (log != null) {
                    log.printf(Locale.ROOT, "%s%s: failed after %.1f s: %s%n", prefix, e.name(), seconds, reason(failure));
                    log.flush();
                }
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put(ExperimentResult.HEADLINE, "failed: " + reason(failure));
                figures.put("error", reason(failure));
                out.add(new Timed(new ExperimentResult(e.name(), e.claim(), e.setup(), e.criterion(), Verdict.inconclusive,
                        figures, options.seedList(), List.of()), seconds));
            }
        }
        return out;
    }

    /** Writes {@code report.html} and {@code results.json} into {@code dir}, each whole or not at all. */
    public static void write(Path dir, RunOptions options, List<Timed> results, double totalSeconds) {
        checkWritable(dir);
        String html = HtmlReport.render(options, results, totalSeconds, environment());
        String json = ResultsJson.json(options, results, totalSeconds);
        try {
            AtomicFile.writeString(dir.resolve(RESULTS_FILE), json);
            AtomicFile.writeString(dir.resolve(REPORT_FILE), html);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the report into '" + dir + "': " + reason(e));
        }
    }

    /** Writes one result as JSON to a file, whole or not at all. */
    public static void writeJson(Path file, ExperimentResult result) {
        Path parent = file.toAbsolutePath().getParent();
        checkWritable(parent);
        try {
            AtomicFile.writeString(file, ResultsJson.json(result));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write '" + file + "': " + reason(e));
        }
    }

    /** The plain-text summary: experiment, verdict, key figure, seconds. */
    public static String summaryTable(List<Timed> results) {
        int nameWidth = "experiment".length();
        int verdictWidth = "verdict".length();
        for (Timed t : results) {
            nameWidth = Math.max(nameWidth, t.result().name().length());
            verdictWidth = Math.max(verdictWidth, t.result().verdict().name().length());
        }
        String format = "%-" + nameWidth + "s  %-" + verdictWidth + "s  %8s  %s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, format, "experiment", "verdict", "seconds", "key figure"));
        for (Timed t : results) {
            out.append(String.format(Locale.ROOT, format, t.result().name(), t.result().verdict().name(),
                    String.format(Locale.ROOT, "%.1f", t.seconds()), t.result().headline()));
        }
        return out.toString();
    }

    /** What the figures were measured on: Java version, kernels, processors. */
    static String environment() {
        return String.format(Locale.ROOT, "Java %s, %s kernels, %d processor(s) available.",
                System.getProperty("java.version"), kernelName(), Runtime.getRuntime().availableProcessors());
    }

    private static String kernelName() {
        // The page header is informative only: a kernel start-up problem shows in the cost experiment instead.
        try {
            var kernels = Kernels.activations();
            return kernels == null ? "unknown" : kernels.name();
        } catch (RuntimeException | LinkageError e) {
            return "unknown";
        }
    }

    private static String reason(Throwable e) {
        String text;
        if (e instanceof FileAlreadyExistsException) {
            text = "it exists and is not a folder";
        } else if (e instanceof AccessDeniedException) {
            text = "permission denied";
        } else if (e instanceof FileSystemException) {
            // The message repeats the path, which the caller already names; the reason alone says why.
            String why = ((FileSystemException) e).getReason();
            text = why != null ? why : e.getClass().getSimpleName();
        } else {
            text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return text.replace('\n', ' ');
    }
}

package org.actlab.lab.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.actlab.data.AtomicFile;
import org.actlab.lab.experiment.Progress;
import org.actlab.lab.experiment.Trial;
import org.actlab.lab.experiment.TrialExecutor;
import org.actlab.lab.experiment.TrialResult;

/**
 * Runs a sweep: lists the spec's trials, skips those already committed in the directory, runs the
 * rest on an executor committing each as it finishes, then writes the results table (CSV, Parquet)
 * and the HTML report from the committed trials.
 */
public final class Sweep {

    /** Hears of progress, on the thread that called {@link #run}. */
    public interface Listener {
        /** Before the first trial: how many in all and how many were already done (on resume). */
        void started(int total, int alreadyDone);

        /** After each trial is committed. */
        void finished(int index, TrialResult result, int done, int total);

        /** A listener that hears nothing. */
        static Listener none() {
            return new Listener() {
                @Override
                public void started(int total, int alreadyDone) {
                }

                @Override
                public void finished(int index, TrialResult result, int done, int total) {
                }
            };
        }
    }

    /**
     * The Spark masters a sweep accepts: {@code local}, {@code local[N]}, {@code local[*]},
     * {@code local[N,F]} (F attempts per task) and {@code spark://host:port[,host:port…]}. Here so that
     * the CLI checks it before anything starts, without loading Spark.
     */
    public static final java.util.regex.Pattern SPARK_MASTER =
            java.util.regex.Pattern.compile("local(\\[(\\d+|\\*)(,\\d+)?])?|spark://[^\\s/:]+:\\d+(,[^\\s/:]+:\\d+)*");

    /** Results file names in the sweep directory. */
    public static final String CSV = "results.csv";
    public static final String PARQUET = "results.parquet";
    public static final String REPORT = "report.html";

    private Sweep() {
    }

    /**
     * Runs every trial of the store's spec not yet committed, then writes the results.
     *
     * @return the table of all trials, in trial order
     */
    public static SweepTable run(SweepStore store, TrialExecutor executor, Listener listener) {
        return run(store, executor, listener, ReportView.DEFAULT);
    }

    /**
     * As {@link #run(SweepStore, TrialExecutor, Listener)}, with the report drawn as {@code view} says.
     *
     * @throws IllegalArgumentException before any trial runs, when the view names an option the spec does not sweep
     */
    public static SweepTable run(SweepStore store, TrialExecutor executor, Listener listener, ReportView view) {
        ReportView checked = view.checkedAgainst(store.spec());
        List<Trial> trials = store.spec().trials();
        Map<Integer, TrialResult> done = store.finished(trials);
        List<Trial> pending = new ArrayList<>();
        List<Integer> pendingIndex = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            if (!done.containsKey(i)) {
                pending.add(trials.get(i));
                pendingIndex.add(i);
            }
        }
        listener.started(trials.size(), done.size());
        int[] count = {done.size()};
        // Commits run on the pool's threads side by side (each forces its own file to disk, which
        // takes milliseconds); only the count and the listener take turns.
        executor.each(pending, Progress.silent(), (result, k) -> store.commit(pendingIndex.get(k), result), (result, k) -> {
            count[0]++;
            listener.finished(pendingIndex.get(k), result, count[0], trials.size());
        });
        return write(store, trials, checked);
    }

    /** Writes results.csv, results.parquet and report.html from the committed trials. */
    static SweepTable write(SweepStore store, List<Trial> trials, ReportView view) {
        Map<Integer, TrialResult> all = store.finished(trials);
        if (all.size() != trials.size()) {
            throw new IllegalStateException(store.dir() + " holds " + all.size() + " of " + trials.size()
                    + " trials after the run; run --resume " + store.dir());
        }
        SweepTable table = SweepTable.of(new ArrayList<>(all.keySet()), new ArrayList<>(all.values()));
        Path dir = store.dir();
        AtomicFile.writeStringUnchecked(dir.resolve(CSV), table.csv(true));
        AtomicFile.writeUnchecked(dir.resolve(PARQUET), out -> ParquetWriter.write(table, out));
        AtomicFile.writeStringUnchecked(dir.resolve(REPORT), SweepReport.html(store.spec(), table, view));
        return table;
    }
}

package org.actlab.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.actlab.lab.experiment.Progress;
import org.actlab.lab.experiment.Trial;
import org.actlab.lab.experiment.TrialExecutor;
import org.actlab.lab.experiment.TrialResult;
import org.actlab.lab.experiment.Trials;
import org.actlab.lab.sweep.Sweep;
import org.actlab.lab.sweep.SweepSpec;
import org.actlab.lab.sweep.SweepStore;

/**
 * Trials per second of tiny trials (20 XOR points, one hidden layer of 2, 1 epoch) on the local pool
 * with 1 and 2 threads and on Spark {@code local[2]}, side by side in one JVM. Used by
 * {@code bench/sweep-bench.sh}.
 *
 * <p>How it keeps the pool's figures steady-state (docs/SWEEPS.md, "What limits small sweeps"):
 * <ul>
 *   <li>every trial list is built before the warm-up: building one runs the spec code (streams, maps,
 *       Jackson), whose use of shared JDK methods made C2 throw away and recompile trial code inside
 *       the timed runs of the next count;</li>
 *   <li>the warm-up runs exactly what is timed (every count, on 1 and on 2 threads) until a round
 *       compiles for under 1% of its wall time;</li>
 *   <li>the timed runs are interleaved: each round runs every count on 1 and on 2 threads (the order
 *       of the two alternating), so a change of the machine's load or a late compilation hits every
 *       row alike; a count of n trials runs max(1, 2000/n) times per round, so short rows are not
 *       decided by a few runs; each figure is the median over all its runs, and nothing is printed
 *       until the pool's rounds are over;</li>
 *   <li>Spark runs last, after the pool's rows, so its threads and classes stay out of them.</li>
 * </ul>
 * Beside the rates: the process CPU time per trial (all threads, GC and JIT included), the JIT time
 * and the GC collections during each row's timed runs, and a straight-line fit of wall time against
 * the count, wall = fixed + n × per-trial, for 1 and 2 threads: the fixed part is what a sweep costs
 * whatever its size (for 2 threads: waking the helper and waiting for its last trial). Results go to
 * a no-op sink, so these rows measure the executors; the {@code journal} rows run the whole sweep
 * path ({@link Sweep#run}: a commit per trial, forced to disk, then results.csv, results.parquet and
 * report.html) in a temporary directory and split its wall time into the trials with their commits
 * and the final writing.
 *
 * <p>Beside the pool rows, a <b>control</b> measured in the same rounds: the largest count's trials
 * run by 1 and by 2 plain threads taking them from a shared counter (no pool: no helpers, no
 * hand-over, no commit), whose speed-up is what two threads reach on this machine at that moment, and
 * the calling thread's share of the trials (50% when both cores run alike).
 *
 * <p>After the pool rows, the <b>after-a-pause</b> rows: 100 trials on 1 and 2 threads, each run after
 * a pause past the pool helpers' hot spin, the caller spinning or asleep (what a sweep that does not
 * follow another pays).
 *
 * <p>Arguments: trial counts (default 100 1000 10000), {@code --repeats R} (timed rounds, default 9),
 * {@code --pause-rounds R} (rounds of each after-a-pause row, default 40; 0: none),
 * {@code --spark-max N} (largest count run on Spark, default 1000; Spark is not started when no count
 * is that small), {@code --journal-max N} (largest count run through the journal, default 1000; 0: none).
 */
public final class SweepBench {

    /** The pause before each run of the after-a-pause rows: past the pool helpers' 5 ms hot spin. */
    private static final int PAUSE_MILLIS = 20;

    private SweepBench() {
    }

    public static void main(String[] args) throws IOException {
        List<Integer> counts = new ArrayList<>();
        int repeats = 9;
        int sparkMax = 1000;
        int journalMax = 1000;
        int pauseRounds = 40;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--spark-max" -> sparkMax = Integer.parseInt(args[++i]);
                case "--journal-max" -> journalMax = Integer.parseInt(args[++i]);
                case "--pause-rounds" -> pauseRounds = Integer.parseInt(args[++i]);
                default -> counts.add(Integer.parseInt(args[i]));
            }
        }
        if (counts.isEmpty()) {
            counts = List.of(100, 1000, 10_000);
        }
        System.out.printf(Locale.ROOT, "cores %d; %d interleaved rounds, medians over every run of a row%n",
                Runtime.getRuntime().availableProcessors(), repeats);
        Map<Integer, List<Trial>> lists = new LinkedHashMap<>();
        for (int n : counts) {
            lists.put(n, tiny(n));
        }
        List<Trial> warm = tiny(2000);
        warmUp(lists);
        // Bytes allocated per trial on one thread: unlike the rates, not moved by the machine's load.
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
                .getThreadMXBean();
        long allocated = threads.getCurrentThreadAllocatedBytes();
        run(TrialExecutor.sequential(), warm);
        double kibPerTrial = (threads.getCurrentThreadAllocatedBytes() - allocated) / 1024.0 / warm.size();
        warmUp(lists); // the sequential run above used the trial code from another caller

        Map<Integer, Row> rows = new LinkedHashMap<>();
        for (int n : counts) {
            rows.put(n, new Row(n));
        }
        int largest = counts.stream().max(Integer::compare).orElseThrow();
        double[][] plainWall = new double[2][repeats];
        int[] callerShare = new int[1];
        for (int round = 0; round < repeats; round++) {
            for (Row row : rows.values()) {
                List<Trial> trials = lists.get(row.n);
                int per = Math.max(1, 2000 / row.n);
                long jit = jitMillis();
                long gcs = gcCount();
                for (int k = 0; k < per; k++) {
                    boolean oneFirst = (round + k) % 2 == 0;
                    row.time(oneFirst ? 1 : 2, trials);
                    row.time(oneFirst ? 2 : 1, trials);
                }
                row.jitMs += jitMillis() - jit;
                row.gcs += gcCount() - gcs;
            }
            for (int k = 0; k < 2; k++) {
                int t = (round + k) % 2;
                plainWall[t][round] = plain(lists.get(largest), t + 1, t == 1 ? callerShare : new int[1]);
            }
        }
        System.out.printf(Locale.ROOT, "allocated per trial (sequential, after warm-up): %.1f KiB%n", kibPerTrial);
        System.out.printf(Locale.ROOT, "%8s %6s %14s %14s %9s %13s %13s %8s %5s%n", "trials", "runs", "pool1 trial/s", "pool2 trial/s",
                "speed-up", "pool1 cpu ms", "pool2 cpu ms", "jit ms", "gcs");
        for (Row row : rows.values()) {
            double one = row.n / median(row.wall[0]);
            double two = row.n / median(row.wall[1]);
            System.out.printf(Locale.ROOT, "%8d %6d %14.1f %14.1f %8.2fx %13.4f %13.4f %8d %5d%n", row.n, row.wall[0].size(), one, two,
                    two / one, median(row.cpu[0]) * 1e3 / row.n, median(row.cpu[1]) * 1e3 / row.n, row.jitMs, row.gcs);
        }
        double plainOne = largest / median(plainWall[0]);
        double plainTwo = largest / median(plainWall[1]);
        System.out.printf(Locale.ROOT, "no pool, %d trials: 1 plain thread %.1f trial/s, 2 plain threads (a shared counter) %.1f trial/s, speed-up %.2fx "
                + "(what two threads reach here); the calling thread ran %.1f%% of the trials on 2%n", largest, plainOne, plainTwo, plainTwo / plainOne,
                100.0 * callerShare[0] / ((double) largest * repeats));
        // The same rows for bench/sweep-bench.sh, which takes each row's median over several JVM launches.
        for (Row row : rows.values()) {
            System.out.printf(Locale.ROOT, "pool-row %d %.1f %.1f%n", row.n, row.n / median(row.wall[0]), row.n / median(row.wall[1]));
        }
        System.out.printf(Locale.ROOT, "plain-row %d %.1f %.1f%n", largest, plainOne, plainTwo);
        if (rows.size() >= 2) {
            for (int t = 0; t < 2; t++) {
                double[] fit = fit(rows.values(), t);
                System.out.printf(Locale.ROOT, "fit, %d thread(s): wall = %.3f ms + n x %.2f us%n", t + 1, fit[0] * 1e3, fit[1] * 1e6);
            }
        }
        afterPause(pauseRounds);
        journal(lists, journalMax, repeats);
        spark(lists, sparkMax, repeats);
    }

    /**
     * 100 tiny trials on 1 and on 2 threads, each run after a pause of {@value #PAUSE_MILLIS} ms,
     * longer than the pool helpers' hot spin, so the 2-thread run finds its helper parked, as a sweep
     * that does not follow another does. The pool rows above run their sweeps back to back and find
     * the helper still spinning (docs/SWEEPS.md, "A parked helper's wake-up"). Two kinds of pause:
     * <ul>
     *   <li><b>parked</b>: the calling thread spins through the pause, so only the helper's core goes
     *       idle: what a parked helper costs the pool;</li>
     *   <li><b>asleep</b>: the calling thread sleeps, so the whole process is idle, as in a program
     *       that runs a sweep now and then. On this project's VM both cores then start slow.</li>
     * </ul>
     */
    private static void afterPause(int rounds) {
        if (rounds == 0) {
            return;
        }
        List<Trial> trials = tiny(100);
        for (boolean asleep : new boolean[] {false, true}) {
            double[][] wall = new double[2][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < 2; k++) {
                    int t = (r + k) % 2; // alternate which goes first
                    if (!pause(asleep)) {
                        return;
                    }
                    long start = System.nanoTime();
                    run(TrialExecutor.pool(t + 1), trials);
                    wall[t][r] = (System.nanoTime() - start) / 1e9;
                }
            }
            String kind = asleep ? "asleep" : "parked";
            double one = trials.size() / median(wall[0]);
            double two = trials.size() / median(wall[1]);
            System.out.printf(Locale.ROOT, "after a %d ms pause (%s; %d rounds): 100 trials, pool1 %.1f trial/s, pool2 %.1f trial/s, speed-up %.2fx%n",
                    PAUSE_MILLIS, asleep ? "the caller asleep" : "the caller spinning, the helper parked", rounds, one, two, two / one);
            System.out.printf(Locale.ROOT, "%s-row 100 %.1f %.1f%n", kind, one, two);
        }
    }

    /** Spends {@link #PAUSE_MILLIS} asleep or spinning; false if interrupted. */
    private static boolean pause(boolean asleep) {
        if (asleep) {
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        } else {
            long end = System.nanoTime() + PAUSE_MILLIS * 1_000_000L;
            while (System.nanoTime() - end < 0) {
                Thread.onSpinWait();
            }
        }
        return true;
    }

    /**
     * The control for the pool rows: the trials run by {@code threads} plain threads (the calling
     * thread and new ones) taking the next trial from a shared counter and dropping its result: the
     * pool's dynamic split without its helpers, hand-over lock or commit. Its 2-thread speed-up is what
     * two threads running trials side by side reach on this machine at that moment. Returns seconds;
     * adds the calling thread's number of trials to {@code callerTrials[0]}.
     */
    private static double plain(List<Trial> trials, int threads, int[] callerTrials) {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        long start = System.nanoTime();
        Thread[] others = new Thread[threads - 1];
        for (int t = 0; t < others.length; t++) {
            others[t] = new Thread(() -> take(trials, next));
            others[t].start();
        }
        callerTrials[0] += take(trials, next);
        for (Thread other : others) {
            try {
                other.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Runs trials from the shared counter until none is left; how many it ran. */
    private static int take(List<Trial> trials, java.util.concurrent.atomic.AtomicInteger next) {
        int ran = 0;
        for (int i = next.getAndIncrement(); i < trials.size(); i = next.getAndIncrement()) {
            if (Trials.run(trials.get(i)) == null) {
                throw new IllegalStateException("no result for trial " + i);
            }
            ran++;
        }
        return ran;
    }

    /** The wall and CPU times of one count's pool runs, for 1 thread ([0]) and 2 ([1]). */
    private static final class Row {
        final int n;
        @SuppressWarnings("unchecked")
        final List<Double>[] wall = new List[] {new ArrayList<Double>(), new ArrayList<Double>()};
        @SuppressWarnings("unchecked")
        final List<Double>[] cpu = new List[] {new ArrayList<Double>(), new ArrayList<Double>()};
        long jitMs;
        long gcs;

        Row(int n) {
            this.n = n;
        }

        void time(int threads, List<Trial> trials) {
            long c = cpuNanos();
            long t = System.nanoTime();
            run(TrialExecutor.pool(threads), trials);
            wall[threads - 1].add((System.nanoTime() - t) / 1e9);
            cpu[threads - 1].add((cpuNanos() - c) / 1e9);
        }
    }

    /** Least squares of the median wall time (s) against the count: {fixed, per trial}. */
    private static double[] fit(java.util.Collection<Row> rows, int t) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int k = rows.size();
        for (Row r : rows) {
            double y = median(r.wall[t]);
            sx += r.n;
            sy += y;
            sxx += (double) r.n * r.n;
            sxy += r.n * y;
        }
        double slope = (k * sxy - sx * sy) / (k * sxx - sx * sx);
        return new double[] {(sy - slope * sx) / k, slope};
    }

    /**
     * The whole sweep path on the pool: {@link Sweep#run} into a new temporary directory per run, 1
     * and 2 threads alternating, split by the listener into the trials with their commits (first
     * trial started to last committed) and the results written at the end.
     */
    private static void journal(Map<Integer, List<Trial>> lists, int journalMax, int repeats) throws IOException {
        if (lists.keySet().stream().noneMatch(n -> n <= journalMax)) {
            return;
        }
        Path root = Files.createTempDirectory("actlab-sweep-bench");
        try {
            System.out.printf(Locale.ROOT, "journal (Sweep.run into a directory: one forced commit per trial, then results.csv, "
                    + "results.parquet, report.html)%n%8s %16s %16s %9s %18s %18s%n", "trials", "pool1 trial/s", "pool2 trial/s",
                    "speed-up", "commit ms (1 / 2)", "write ms (1 / 2)");
            int dirs = 0;
            for (Map.Entry<Integer, List<Trial>> e : lists.entrySet()) {
                int n = e.getKey();
                if (n > journalMax) {
                    continue;
                }
                SweepSpec spec = tinySpec(n);
                double[][] trialSeconds = new double[2][repeats];
                double[][] writeSeconds = new double[2][repeats];
                for (int r = -1; r < repeats; r++) { // round -1 warms the journal's code up, untimed
                    for (int k = 0; k < 2; k++) {
                        int t = (r + 2 + k) % 2;
                        long[] marks = new long[2];
                        SweepStore store = SweepStore.create(root.resolve(Integer.toString(dirs++)), spec);
                        long start = System.nanoTime();
                        Sweep.run(store, TrialExecutor.pool(t + 1), new Sweep.Listener() {
                            @Override
                            public void started(int total, int alreadyDone) {
                                marks[0] = System.nanoTime();
                            }

                            @Override
                            public void finished(int index, TrialResult result, int done, int total) {
                                marks[1] = System.nanoTime();
                            }
                        });
                        long end = System.nanoTime();
                        if (r < 0) {
                            continue;
                        }
                        trialSeconds[t][r] = (marks[1] - marks[0]) / 1e9;
                        writeSeconds[t][r] = (end - marks[1]) / 1e9;
                        if (marks[0] - start > 50_000_000L) {
                            System.out.println("  (listing the spec's trials and reading the empty directory took " + (marks[0] - start) / 1_000_000 + " ms)");
                        }
                    }
                }
                double one = n / median(trialSeconds[0]);
                double two = n / median(trialSeconds[1]);
                System.out.printf(Locale.ROOT, "%8d %16.1f %16.1f %8.2fx %8.3f / %-8.3f %8.1f / %-8.1f%n", n, one, two, two / one,
                        1e3 / one, 1e3 / two, median(writeSeconds[0]) * 1e3, median(writeSeconds[1]) * 1e3);
            }
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Spark local[2] on the counts up to {@code sparkMax}, after the pool's rows, with Spark's task metrics. */
    private static void spark(Map<Integer, List<Trial>> lists, int sparkMax, int repeats) {
        if (lists.keySet().stream().noneMatch(n -> n <= sparkMax)) {
            return;
        }
        try (SparkTrialExecutor spark = SparkTrialExecutor.connect("local[2]")) {
            run(spark, tiny(200));
            System.out.printf(Locale.ROOT, "%8s %16s %18s%n", "trials", "spark[2] trial/s", "spark ms/trial");
            for (Map.Entry<Integer, List<Trial>> e : lists.entrySet()) {
                int n = e.getKey();
                if (n > sparkMax) {
                    continue;
                }
                TaskTimes tasks = new TaskTimes();
                spark.context().sc().addSparkListener(tasks);
                double[] rates = new double[repeats];
                for (int r = 0; r < repeats; r++) {
                    rates[r] = rate(spark, e.getValue());
                }
                tasks.await((long) repeats * n);
                spark.context().sc().removeSparkListener(tasks);
                double rate = median(rates);
                // Wall time of a task slot per trial: 2 slots.
                System.out.printf(Locale.ROOT, "%8d %16.1f %18.2f%n", n, rate, 2e3 / rate);
                System.out.println("         spark tasks: " + tasks);
            }
        }
    }

    /**
     * Runs rounds of every count on 1 and on 2 threads until the JIT compiler spends under 1% of a
     * round's wall time compiling, at least 3 rounds and at most 60. A fixed 3 rounds was not enough:
     * C2 was still compiling the trial code (a whole training run: thousands of methods) while the
     * first counts were timed, on one of the two cores, so the 2-thread runs shared their cores with
     * the compiler while the 1-thread runs had a core to spare (docs/SWEEPS.md).
     */
    private static void warmUp(Map<Integer, List<Trial>> lists) {
        long start = System.nanoTime();
        for (int round = 1; round <= 60; round++) {
            long jit = jitMillis();
            long t = System.nanoTime();
            for (List<Trial> trials : lists.values()) {
                for (int k = 0; k < Math.max(1, 2000 / trials.size()); k++) {
                    run(TrialExecutor.pool(1), trials);
                    run(TrialExecutor.pool(2), trials);
                }
            }
            double share = (jitMillis() - jit) / ((System.nanoTime() - t) / 1e6);
            if (round >= 3 && share < 0.01 || round == 60) {
                System.out.printf(Locale.ROOT, "warm-up: %d rounds, %.1f s; the JIT compiled for %.1f%% of the last round%n",
                        round, (System.nanoTime() - start) / 1e9, share * 100);
                return;
            }
        }
    }

    /** Garbage collections so far (all collectors). */
    private static long gcCount() {
        long n = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    /** Milliseconds the JIT compilers have spent compiling so far (all compiler threads). */
    private static long jitMillis() {
        return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    /**
     * Spark's own account of its tasks (one per trial), summed over the runs of one count: how long a
     * task took on its executor, split into deserialising the task, running it (the trial) and
     * serialising its result, with the CPU time of the first two. What is left of the wall time per
     * trial is the driver's: scheduling, launching, and receiving and handing over each result.
     */
    static final class TaskTimes extends org.apache.spark.scheduler.SparkListener {
        private final java.util.concurrent.atomic.LongAdder tasks = new java.util.concurrent.atomic.LongAdder();
        private final java.util.concurrent.atomic.LongAdder durationMs = new java.util.concurrent.atomic.LongAdder();
        private final java.util.concurrent.atomic.LongAdder deserializeMs = new java.util.concurrent.atomic.LongAdder();
        private final java.util.concurrent.atomic.LongAdder deserializeCpuNs = new java.util.concurrent.atomic.LongAdder();
        private final java.util.concurrent.atomic.LongAdder runMs = new java.util.concurrent.atomic.LongAdder();
        private final java.util.concurrent.atomic.LongAdder runCpuNs = new java.util.concurrent.atomic.LongAdder();
        private final java.util.concurrent.atomic.LongAdder resultSerializeMs = new java.util.concurrent.atomic.LongAdder();

        @Override
        public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
            org.apache.spark.executor.TaskMetrics m = end.taskMetrics();
            if (m != null) {
                durationMs.add(end.taskInfo().duration());
                deserializeMs.add(m.executorDeserializeTime());
                deserializeCpuNs.add(m.executorDeserializeCpuTime());
                runMs.add(m.executorRunTime());
                runCpuNs.add(m.executorCpuTime());
                resultSerializeMs.add(m.resultSerializationTime());
            }
            tasks.increment();
        }

        /** Waits (at most 10 s) for the listener bus to deliver {@code expected} task ends. */
        void await(long expected) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (tasks.sum() < expected && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        @Override
        public String toString() {
            double n = Math.max(1, tasks.sum());
            return String.format(Locale.ROOT, "%d tasks; per task (ms): launch to end %.3f, of which on the executor: deserialise %.3f "
                    + "(cpu %.3f), run %.3f (cpu %.3f), serialise the result %.3f", tasks.sum(), durationMs.sum() / n, deserializeMs.sum() / n,
                    deserializeCpuNs.sum() / 1e6 / n, runMs.sum() / n, runCpuNs.sum() / 1e6 / n, resultSerializeMs.sum() / n);
        }
    }

    private static SweepSpec tinySpec(int n) {
        return SweepSpec.fromFlags(Map.of("data", "xor", "samples", "20", "hidden", "2", "epochs", "1"),
                List.of("lr=1e-3:1:log" + n), 0, 1, 1, false);
    }

    private static List<Trial> tiny(int n) {
        return tinySpec(n).trials();
    }

    private static double rate(TrialExecutor executor, List<Trial> trials) {
        long start = System.nanoTime();
        run(executor, trials);
        return trials.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** CPU time of the whole process (every thread), in nanoseconds. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double median(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void run(TrialExecutor executor, List<Trial> trials) {
        int[] count = {0};
        executor.each(trials, Progress.silent(), (result, i) -> count[0]++);
        if (count[0] != trials.size()) {
            throw new IllegalStateException(executor + " returned " + count[0] + " of " + trials.size());
        }
    }
}

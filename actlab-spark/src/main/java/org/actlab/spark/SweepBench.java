package org.actlab.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.actlab.lab.experiment.Progress;
import org.actlab.lab.experiment.Trial;
import org.actlab.lab.experiment.TrialExecutor;
import org.actlab.lab.sweep.SweepSpec;

/**
 * Trials per second of tiny trials (20 XOR points, one hidden layer of 2, 1 epoch) on the local pool
 * with 1 and 2 threads and on Spark {@code local[2]}, side by side in one JVM. All executors are
 * warmed up first, until the JIT compiler has gone quiet ({@link #warmUp}), and the time it still spent
 * compiling during each count's runs is printed beside them ({@code jit ms}); the pool's 1- and 2-thread runs alternate, so that a change in the
 * machine's load hits both; each figure is the median of {@code repeats} runs. Beside the rates, the
 * process CPU time per trial of each pool run (all threads, GC and JIT included): on a loaded machine
 * the wall-time speed-up says as much about the scheduler as about the pool, while equal CPU per trial
 * with 1 and 2 threads says that the two threads do not get in each other's way. Results are handed to a no-op sink, so this
 * measures the executors, not the journal's disk writes. Used by {@code bench/sweep-bench.sh}.
 *
 * <p>Arguments: trial counts (default 100 1000 10000), {@code --repeats R} (default 3),
 * {@code --spark-max N} (largest count run on Spark, default 10000; Spark is not started when no count is that small).
 */
public final class SweepBench {

    private SweepBench() {
    }

    public static void main(String[] args) {
        List<Integer> counts = new ArrayList<>();
        int repeats = 3;
        int sparkMax = 10_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--spark-max" -> sparkMax = Integer.parseInt(args[++i]);
                default -> counts.add(Integer.parseInt(args[i]));
            }
        }
        if (counts.isEmpty()) {
            counts = List.of(100, 1000, 10_000);
        }
        System.out.printf(Locale.ROOT, "cores %d; medians of %d runs after a warm-up; pool runs alternate 1 and 2 threads%n",
                Runtime.getRuntime().availableProcessors(), repeats);
        int sparkMaxCount = sparkMax;
        boolean anySpark = counts.stream().anyMatch(n -> n <= sparkMaxCount);
        // Spark only when some count runs on it: its idle threads would otherwise share the cores for nothing.
        try (SparkTrialExecutor spark = anySpark ? SparkTrialExecutor.connect("local[2]") : null) {
            List<Trial> warm = tiny(2000);
            warmUp(warm);
            // Bytes allocated per trial on one thread: unlike the rates, not moved by the machine's load.
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
                    .getThreadMXBean();
            long allocated = threads.getCurrentThreadAllocatedBytes();
            run(TrialExecutor.sequential(), warm);
            System.out.printf(Locale.ROOT, "allocated per trial (sequential, after warm-up): %.1f KiB%n",
                    (threads.getCurrentThreadAllocatedBytes() - allocated) / 1024.0 / warm.size());
            if (anySpark) {
                run(spark, tiny(200));
            }
            System.out.printf(Locale.ROOT, "%8s %14s %14s %9s %13s %13s %9s %16s %18s%n", "trials", "pool1 trial/s", "pool2 trial/s",
                    "speed-up", "pool1 cpu ms", "pool2 cpu ms", "jit ms", "spark[2] trial/s", "spark ms/trial extra");
            for (int n : counts) {
                List<Trial> trials = tiny(n);
                double[] ones = new double[repeats];
                double[] twos = new double[repeats];
                double[] cpuOnes = new double[repeats];
                double[] cpuTwos = new double[repeats];
                long jit = jitMillis();
                for (int r = 0; r < repeats; r++) {
                    long cpu = cpuNanos();
                    ones[r] = rate(TrialExecutor.pool(1), trials);
                    cpuOnes[r] = (cpuNanos() - cpu) / 1e6 / n;
                    cpu = cpuNanos();
                    twos[r] = rate(TrialExecutor.pool(2), trials);
                    cpuTwos[r] = (cpuNanos() - cpu) / 1e6 / n;
                }
                jit = jitMillis() - jit;
                double one = median(ones);
                double two = median(twos);
                double sp = Double.NaN;
                TaskTimes tasks = null;
                if (n <= sparkMax) {
                    tasks = new TaskTimes();
                    spark.context().sc().addSparkListener(tasks);
                    double[] sparks = new double[repeats];
                    for (int r = 0; r < repeats; r++) {
                        sparks[r] = rate(spark, trials);
                    }
                    sp = median(sparks);
                    tasks.await((long) repeats * n);
                    spark.context().sc().removeSparkListener(tasks);
                }
                // Extra time per trial on Spark over the pool with the same 2 threads.
                double extraMs = (1 / sp - 1 / two) * 1000 * 2;
                System.out.printf(Locale.ROOT, "%8d %14.1f %14.1f %8.2fx %13.3f %13.3f %9d %16.1f %18.2f%n", n, one, two, two / one,
                        median(cpuOnes), median(cpuTwos), jit, sp, extraMs);
                if (tasks != null) {
                    System.out.println("         spark tasks: " + tasks);
                }
            }
        }
    }

    /**
     * Runs warm-up rounds (2,000 trials on 1 thread, then on 2) until the JIT compiler spends under 1%
     * of a round's wall time compiling, at least 3 rounds and at most 60. A fixed 3 rounds was not
     * enough: C2 was still compiling the trial code (a whole training run: thousands of methods) while
     * the first counts were timed, on one of the two cores, so the 2-thread runs shared their cores
     * with the compiler while the 1-thread runs had a core to spare (docs/SWEEPS.md).
     */
    private static void warmUp(List<Trial> warm) {
        long start = System.nanoTime();
        for (int round = 1; round <= 60; round++) {
            long jit = jitMillis();
            long t = System.nanoTime();
            run(TrialExecutor.pool(1), warm);
            run(TrialExecutor.pool(2), warm);
            double share = (jitMillis() - jit) / ((System.nanoTime() - t) / 1e6);
            if (round >= 3 && share < 0.01 || round == 60) {
                System.out.printf(Locale.ROOT, "warm-up: %d rounds, %.1f s; the JIT compiled for %.1f%% of the last round%n",
                        round, (System.nanoTime() - start) / 1e9, share * 100);
                return;
            }
        }
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

    private static List<Trial> tiny(int n) {
        return SweepSpec.fromFlags(Map.of("data", "xor", "samples", "20", "hidden", "2", "epochs", "1"),
                List.of("lr=1e-3:1:log" + n), 0, 1, 1, false).trials();
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

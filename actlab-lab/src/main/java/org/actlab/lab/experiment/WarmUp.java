package org.actlab.lab.experiment;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Warm-up until the timings are steady, for in-process timing of JIT-compiled code.
 *
 * <p>The code runs in blocks; each block yields its cost (for example ns per call). Blocks are
 * grouped in batches of {@link Rule#blocksPerBatch}, and a batch is summarised by the median of its
 * blocks, which a single preempted block cannot move. The warm-up is steady when two successive batch
 * medians agree within {@link Rule#tolerance} (relative) <em>and</em> the JIT compiled nothing
 * during the later batch: two equally slow batches of interpreted or first-tier code agree as well
 * as two compiled ones, and on a loaded machine the compiler threads can lag by seconds, so agreement
 * alone does not show that the final code runs. After {@link Rule#maxBatches} batches it stops and
 * reports that it did not settle.
 */
final class WarmUp {

    /**
     * The stopping rule, stated before the run.
     *
     * @param blocksPerBatch blocks per batch (at least 1)
     * @param tolerance      relative difference two successive batch medians may have (in (0, 1))
     * @param maxBatches     the cap (at least 2)
     */
    record Rule(int blocksPerBatch, double tolerance, int maxBatches) {
        Rule {
            if (blocksPerBatch < 1) {
                throw new IllegalArgumentException("blocks per batch must be at least 1, got " + blocksPerBatch);
            }
            if (!(tolerance > 0 && tolerance < 1)) {
                throw new IllegalArgumentException("tolerance must be in (0, 1), got " + tolerance);
            }
            if (maxBatches < 2) {
                throw new IllegalArgumentException("the cap on batches must be at least 2, got " + maxBatches);
            }
        }

        /** "batches of 5 blocks until two successive batch medians agree within 5% …". */
        String describe() {
            return "batches of " + blocksPerBatch + " blocks until two successive batch medians agree within "
                    + Math.round(100 * tolerance) + "% and the JIT compiled nothing during the later batch (at most "
                    + maxBatches + " batches)";
        }
    }

    /**
     * How the warm-up ended.
     *
     * @param steady    whether it settled before the cap
     * @param blocks    blocks run
     * @param lastMedian the last batch's median block cost
     */
    record Outcome(boolean steady, int blocks, double lastMedian) {
    }

    private WarmUp() {
    }

    /**
     * Runs blocks until steady or the cap.
     *
     * @param rule       the stopping rule
     * @param block      runs one block and returns its cost
     * @param jitMillis  the JIT's accumulated compilation time in ms, or a constant where the JVM does not
     *                   report it ({@link #jitClock()})
     */
    static Outcome run(Rule rule, DoubleSupplier block, LongSupplier jitMillis) {
        double previous = Double.NaN;
        double[] costs = new double[rule.blocksPerBatch()];
        int blocks = 0;
        double median = Double.NaN;
        for (int batch = 0; batch < rule.maxBatches(); batch++) {
            long compiledBefore = jitMillis.getAsLong();
            for (int b = 0; b < costs.length; b++) {
                costs[b] = block.getAsDouble();
                blocks++;
            }
            boolean jitIdle = jitMillis.getAsLong() == compiledBefore;
            median = Summary.median(costs);
            if (batch > 0 && jitIdle && Math.abs(median - previous) <= rule.tolerance() * previous) {
                return new Outcome(true, blocks, median);
            }
            previous = median;
        }
        return new Outcome(false, blocks, median);
    }

    /**
     * The JIT's total compilation time in ms, where the JVM reports it; else a constant, and the
     * rule rests on the batch medians alone.
     */
    static LongSupplier jitClock() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit != null && jit.isCompilationTimeMonitoringSupported()) {
            return jit::getTotalCompilationTime;
        }
        return () -> 0;
    }
}

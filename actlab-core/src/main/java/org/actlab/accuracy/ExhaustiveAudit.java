package org.actlab.accuracy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.actlab.activation.Activation;
import org.actlab.kernel.ActivationKernels;

/**
 * The accuracy audit over every float bit pattern instead of a sample: each 32-bit pattern in
 * [{@code fromBits}, {@code toBits}) (all 2^32 by default) goes through the bulk kernels of each
 * path ({@code forward}, and {@code backward} with dA = 1) and is scored in ULPs against
 * {@link Reference} by {@link Ulps#error}. NaN patterns are included: their reference is NaN, so any
 * non-NaN result scores +inf. ±∞ are scored against the limits.
 *
 * <p>The range is cut into chunks of {@code chunkSize} consecutive patterns; {@code threads}
 * workers take (function, chunk) tasks from a shared counter, each with its own reused buffers.
 * The reference of a chunk is computed once and shared by all paths. The result does not depend
 * on the number of threads: among inputs with the same largest error the lowest bit pattern
 * (unsigned) is reported.
 *
 * <p>Usage: {@code List<AccuracyAudit.Row> rows = new ExhaustiveAudit(Config.allFloats(acts, paths, 2)).run(progress);}
 */
public final class ExhaustiveAudit {

    /** The number of 32-bit patterns: 2^32. */
    public static final long ALL_PATTERNS = 1L << 32;
    /**
     * Patterns per chunk by default: 2^16, so 65,536 chunks per function and 1.75 MB of buffers per
     * thread, which stay in cache (2^20 was 10 to 20 % slower).
     */
    public static final int DEFAULT_CHUNK = 1 << 16;

    /**
     * What to audit.
     *
     * @param activations the functions, at least one
     * @param paths       the kernel paths, at least one
     * @param threads     worker threads, 1 to 1024
     * @param fromBits    the first bit pattern, as an unsigned value in [0, 2^32)
     * @param toBits      one past the last bit pattern, in (fromBits, 2^32]
     * @param chunkSize   patterns per task, 1 to 2^24
     */
    public record Config(List<Activation> activations, List<ActivationKernels> paths, int threads,
                         long fromBits, long toBits, int chunkSize) {

        public Config {
            AccuracyAudit.checkScope(activations, paths);
            if (threads < 1 || threads > 1024) {
                throw new IllegalArgumentException("threads must be in [1, 1024], got " + threads);
            }
            if (fromBits < 0 || fromBits >= toBits || toBits > ALL_PATTERNS) {
                throw new IllegalArgumentException("bit range must satisfy 0 <= from < to <= 2^32, got from 0x"
                        + Long.toHexString(fromBits) + " to 0x" + Long.toHexString(toBits));
            }
            if (chunkSize < 1 || chunkSize > 1 << 24) {
                throw new IllegalArgumentException("chunk size must be in [1, 2^24], got " + chunkSize);
            }
            activations = List.copyOf(activations);
            paths = List.copyOf(paths);
        }

        /** Every one of the 2^32 bit patterns, in chunks of {@value #DEFAULT_CHUNK}. */
        public static Config allFloats(List<Activation> activations, List<ActivationKernels> paths, int threads) {
            return new Config(activations, paths, threads, 0, ALL_PATTERNS, DEFAULT_CHUNK);
        }

        /** Only the patterns in [fromBits, toBits), unsigned. */
        public Config withBitRange(long newFromBits, long newToBits) {
            return new Config(activations, paths, threads, newFromBits, newToBits, chunkSize);
        }

        public Config withThreads(int newThreads) {
            return new Config(activations, paths, newThreads, fromBits, toBits, chunkSize);
        }

        public Config withChunkSize(int newChunkSize) {
            return new Config(activations, paths, threads, fromBits, toBits, newChunkSize);
        }

        /** Patterns per function. */
        public long patterns() {
            return toBits - fromBits;
        }
    }

    /** Told after each chunk; called from the worker threads, one call at a time. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param patternsDone   (function, pattern) pairs checked so far, on every path
         * @param patternsTotal  (function, pattern) pairs in the whole audit
         * @param elapsedNanos   time since the audit started
         */
        void progressed(long patternsDone, long patternsTotal, long elapsedNanos);
    }

    private final Config config;

    public ExhaustiveAudit(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Runs without progress reports. */
    public List<AccuracyAudit.Row> run() {
        return run((done, total, elapsed) -> {
        });
    }

    /**
     * Runs the audit: one row per function and path, functions in config order, paths within;
     * {@code samples} of each row is the number of bit patterns checked.
     */
    public List<AccuracyAudit.Row> run(Progress progress) {
        Objects.requireNonNull(progress, "progress");
        int functions = config.activations().size();
        int paths = config.paths().size();
        long chunks = (config.patterns() + config.chunkSize() - 1) / config.chunkSize();
        long tasks = chunks * functions;
        Worst[][] worst = new Worst[functions][paths];
        for (Worst[] perFunction : worst) {
            for (int p = 0; p < paths; p++) {
                perFunction[p] = new Worst();
            }
        }
        long start = System.nanoTime();
        long total = config.patterns() * functions;
        AtomicLong nextTask = new AtomicLong();
        long[] done = {0};
        Object reportLock = new Object();
        int workers = (int) Math.min(config.threads(), tasks);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "exhaustive-audit");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    Buffers buffers = new Buffers((int) Math.min(config.chunkSize(), config.patterns()));
                    for (long task = nextTask.getAndIncrement(); task < tasks; task = nextTask.getAndIncrement()) {
                        int f = (int) (task / chunks);
                        long first = config.fromBits() + (task % chunks) * config.chunkSize();
                        int n = (int) Math.min(config.chunkSize(), config.toBits() - first);
                        checkChunk(config.activations().get(f), first, n, buffers, worst[f]);
                        synchronized (reportLock) {
                            done[0] += n;
                            progress.progressed(done[0], total, System.nanoTime() - start);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("exhaustive audit interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("exhaustive audit failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<AccuracyAudit.Row> rows = new ArrayList<>(functions * paths);
        for (int f = 0; f < functions; f++) {
            for (int p = 0; p < paths; p++) {
                Worst w = worst[f][p];
                rows.add(new AccuracyAudit.Row(config.activations().get(f).spec(), config.paths().get(p).name(),
                        config.patterns(), w.value, Float.intBitsToFloat((int) w.valueBits),
                        w.derivative, Float.intBitsToFloat((int) w.derivativeBits)));
            }
        }
        return rows;
    }

    /** Scores patterns [first, first + n) of one function on every path and merges into {@code worst}. */
    private void checkChunk(Activation act, long first, int n, Buffers b, Worst[] worst) {
        for (int i = 0; i < n; i++) {
            float x = Float.intBitsToFloat((int) (first + i));
            b.z[i] = x;
            b.refValue[i] = Reference.value(act, x);
            b.refSlope[i] = Reference.derivative(act, x);
        }
        for (int p = 0; p < config.paths().size(); p++) {
            ActivationKernels path = config.paths().get(p);
            path.forward(act, b.z, 0, b.a, 0, n);
            path.backward(act, b.z, 0, b.a, 0, b.ones, 0, b.dZ, 0, n, null);
            double worstV = -1;
            double worstD = -1;
            int worstVi = 0;
            int worstDi = 0;
            for (int i = 0; i < n; i++) {
                double ev = Ulps.error(b.a[i], b.refValue[i]);
                double ed = Ulps.error(b.dZ[i], b.refSlope[i]);
                // Strictly greater keeps the lowest pattern among ties (Ulps.error is never NaN).
                if (ev > worstV) {
                    worstV = ev;
                    worstVi = i;
                }
                if (ed > worstD) {
                    worstD = ed;
                    worstDi = i;
                }
            }
            worst[p].merge(worstV, first + worstVi, worstD, first + worstDi);
        }
    }

    /** Per-worker arrays, reused across chunks. */
    private static final class Buffers {
        final float[] z;
        final double[] refValue;
        final double[] refSlope;
        final float[] a;
        final float[] ones;
        final float[] dZ;

        Buffers(int size) {
            z = new float[size];
            refValue = new double[size];
            refSlope = new double[size];
            a = new float[size];
            ones = new float[size];
            Arrays.fill(ones, 1f);
            dZ = new float[size];
        }
    }

    /** The largest errors of one (function, path) so far and the lowest patterns where they occur. */
    private static final class Worst {
        double value = -1;
        long valueBits = Long.MAX_VALUE;
        double derivative = -1;
        long derivativeBits = Long.MAX_VALUE;

        synchronized void merge(double chunkValue, long chunkValueBits, double chunkDerivative, long chunkDerivativeBits) {
            if (chunkValue > value || (chunkValue == value && chunkValueBits < valueBits)) {
                value = chunkValue;
                valueBits = chunkValueBits;
            }
            if (chunkDerivative > derivative || (chunkDerivative == derivative && chunkDerivativeBits < derivativeBits)) {
                derivative = chunkDerivative;
                derivativeBits = chunkDerivativeBits;
            }
        }
    }
}

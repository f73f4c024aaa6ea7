package org.actlab.accuracy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.kernel.ActivationKernels;
import org.actlab.kernel.Kernels;

/**
 * Measures, per activation and per kernel path, the largest error in float ULPs of the value and
 * of the derivative, computed through the bulk kernels ({@code forward}, and {@code backward} with
 * dA = 1), against the double-precision {@link Reference}.
 *
 * <p>Samples, per function: half are uniformly random bit patterns over all finite floats (so
 * every binade, subnormals and the largest magnitudes are hit about equally often), half uniform
 * in [-{@value #DEFAULT_RANGE}, {@value #DEFAULT_RANGE}] where activations do their work. The
 * draw is seeded, so a run is reproducible; every path sees the same samples.
 *
 * <p>Usage: {@code List<Row> rows = new AccuracyAudit(Config.defaults()).run(progress);
 * String table = AccuracyAudit.toMarkdown(rows);} For every float instead of a sample, see
 * {@link ExhaustiveAudit}, which reports the same rows.
 */
public final class AccuracyAudit {

    /** Samples per function by default: 2^20, a little over 10^6. */
    public static final int DEFAULT_SAMPLES = 1 << 20;
    /** The default seed. */
    public static final long DEFAULT_SEED = 20261128L;
    /** Half of the samples are uniform in [-range, range]. */
    public static final double DEFAULT_RANGE = 20;

    /**
     * What to audit.
     *
     * @param samplesPerFunction how many floats to draw per function, >= 2
     * @param seed               the seed of the draw
     * @param activations        the functions, at least one
     * @param paths              the kernel paths, at least one
     */
    public record Config(int samplesPerFunction, long seed, List<Activation> activations, List<ActivationKernels> paths) {

        public Config {
            if (samplesPerFunction < 2) {
                throw new IllegalArgumentException("samples per function must be >= 2, got " + samplesPerFunction);
            }
            checkScope(activations, paths);
            activations = List.copyOf(activations);
            paths = List.copyOf(paths);
        }

        /** The whole catalogue, on the scalar path and (when present) the Vector API path, 2^20 samples each. */
        public static Config defaults() {
            return new Config(DEFAULT_SAMPLES, DEFAULT_SEED, Activations.catalogue(), availablePaths());
        }

        public Config withSamples(int samples) {
            return new Config(samples, seed, activations, paths);
        }

        public Config withSeed(long newSeed) {
            return new Config(samplesPerFunction, newSeed, activations, paths);
        }

        public Config withActivations(List<Activation> newActivations) {
            return new Config(samplesPerFunction, seed, newActivations, paths);
        }

        public Config withPaths(List<ActivationKernels> newPaths) {
            return new Config(samplesPerFunction, seed, activations, newPaths);
        }
    }

    /**
     * One line of the audit.
     *
     * @param spec               the activation's spec
     * @param path               the kernel path's name
     * @param samples            how many floats were checked (up to 2^32 in the exhaustive audit)
     * @param maxUlpValue        the largest value error in ULPs
     * @param worstValueX        an input where it occurred
     * @param maxUlpDerivative   the largest derivative error in ULPs
     * @param worstDerivativeX   an input where it occurred
     */
    public record Row(String spec, String path, long samples, double maxUlpValue, float worstValueX,
                      double maxUlpDerivative, float worstDerivativeX) {
    }

    /** Told after each (function, path) pair is measured. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param done  pairs measured so far
         * @param total pairs in the whole audit
         * @param row   the row just measured
         */
        void measured(int done, int total, Row row);
    }

    private final Config config;

    public AccuracyAudit(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Scalar, then the Vector API kernels when {@code jdk.incubator.vector} is usable. */
    public static List<ActivationKernels> availablePaths() {
        List<ActivationKernels> paths = new ArrayList<>();
        paths.add(Kernels.scalar());
        if (Kernels.vector() != null) {
            paths.add(Kernels.vector());
        }
        return paths;
    }

    /** The check both audits make of what they are asked to cover: some activations, on some paths. */
    static void checkScope(List<Activation> activations, List<ActivationKernels> paths) {
        Objects.requireNonNull(activations, "activations");
        Objects.requireNonNull(paths, "paths");
        if (activations.isEmpty()) {
            throw new IllegalArgumentException("no activations to audit");
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no kernel paths to audit");
        }
    }

    /** Runs the audit without progress reports. */
    public List<Row> run() {
        return run((done, total, row) -> {
        });
    }

    /** Runs the audit: one row per function and path, functions in config order, paths within. */
    public List<Row> run(Progress progress) {
        int n = config.samplesPerFunction();
        int total = config.activations().size() * config.paths().size();
        List<Row> rows = new ArrayList<>(total);
        float[] z = new float[n];
        double[] refValue = new double[n];
        double[] refSlope = new double[n];
        float[] a = new float[n];
        float[] ones = new float[n];
        java.util.Arrays.fill(ones, 1f);
        float[] dZ = new float[n];
        for (int f = 0; f < config.activations().size(); f++) {
            Activation act = config.activations().get(f);
            sample(config, f, z);
            for (int i = 0; i < n; i++) {
                refValue[i] = Reference.value(act, z[i]);
                refSlope[i] = Reference.derivative(act, z[i]);
            }
            for (ActivationKernels path : config.paths()) {
                path.forward(act, z, 0, a, 0, n);
                path.backward(act, z, 0, a, 0, ones, 0, dZ, 0, n, null);
                double worstV = -1;
                double worstD = -1;
                float worstVX = Float.NaN;
                float worstDX = Float.NaN;
                for (int i = 0; i < n; i++) {
                    double ev = Ulps.error(a[i], refValue[i]);
                    double ed = Ulps.error(dZ[i], refSlope[i]);
                    // "!(e <= worst)" also catches NaN errors.
                    if (!(ev <= worstV)) {
                        worstV = ev;
                        worstVX = z[i];
                    }
                    if (!(ed <= worstD)) {
                        worstD = ed;
                        worstDX = z[i];
                    }
                }
                Row row = new Row(act.spec(), path.name(), n, worstV, worstVX, worstD, worstDX);
                rows.add(row);
                progress.measured(rows.size(), total, row);
            }
        }
        return rows;
    }

    /**
     * The inputs the audit draws for the function at {@code index} in {@code config}'s list, so that
     * other implementations (the peer libraries in actlab-bench) can be scored on the same points.
     */
    public static float[] inputs(Config config, int index) {
        float[] z = new float[config.samplesPerFunction()];
        sample(config, index, z);
        return z;
    }

    private static void sample(Config config, int index, float[] z) {
        sample(new SplittableRandom(config.seed() + 7919L * index), z);
    }

    /** Fills z: even indices random finite bit patterns, odd ones uniform in [-range, range]. */
    private static void sample(SplittableRandom rng, float[] z) {
        for (int i = 0; i < z.length; i++) {
            if ((i & 1) == 0) {
                float x;
                do {
                    x = Float.intBitsToFloat(rng.nextInt());
                } while (!Float.isFinite(x));
                z[i] = x;
            } else {
                z[i] = (float) rng.nextDouble(-DEFAULT_RANGE, DEFAULT_RANGE);
            }
        }
    }

    /** The rows as a Markdown table with a header. */
    public static String toMarkdown(List<Row> rows) {
        StringBuilder s = new StringBuilder();
        s.append("| function | path | samples | max ULP f | worst x for f | max ULP f' | worst x for f' |\n");
        s.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            s.append("| ").append(r.spec()).append(" | ").append(r.path()).append(" | ").append(r.samples())
                    .append(" | ").append(ulps(r.maxUlpValue())).append(" | ").append(where(r.maxUlpValue(), r.worstValueX()))
                    .append(" | ").append(ulps(r.maxUlpDerivative())).append(" | ")
                    .append(where(r.maxUlpDerivative(), r.worstDerivativeX())).append(" |\n");
        }
        return s.toString();
    }

    /** The worst input, or "-" when every result was exact and no input is worse than another. */
    private static String where(double maxUlp, float x) {
        return maxUlp == 0 ? "-" : Float.toString(x);
    }

    private static String ulps(double u) {
        return Double.isFinite(u) ? String.format(Locale.ROOT, "%.3f", u) : String.valueOf(u);
    }
}

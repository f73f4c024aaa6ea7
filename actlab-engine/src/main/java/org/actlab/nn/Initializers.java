package org.actlab.nn;

import java.util.random.RandomGenerator;
import org.actlab.spec.Named;
import org.actlab.spec.Param;
import org.actlab.spec.Registry;
import org.actlab.spec.Schema;
import org.actlab.spec.Values;

/**
 * The registry of initialisers, parsed from specs such as {@code "he_normal(slope=0.01)"}.
 * With n_in the fan-in and n_out the fan-out:
 * <ul>
 * <li>{@code zeros}; {@code constant(c)}; {@code uniform(a, b)}: U[a, b); {@code normal(mean, std)}</li>
 * <li>{@code glorot_standard}: U[−1/√n_in, 1/√n_in], Glorot &amp; Bengio (2010)'s "standard" heuristic</li>
 * <li>{@code xavier_uniform(gain=1)}: U[±gain·√(6/(n_in+n_out))]; {@code xavier_normal(gain=1)}: N(0, gain²·2/(n_in+n_out))</li>
 * <li>{@code he_uniform(slope=0)}: U[±√(6/((1+slope²)·n_in))]; {@code he_normal(slope=0)}: N(0, 2/((1+slope²)·n_in)),
 *     He et al. (2015) with the leaky-ReLU gain</li>
 * <li>{@code lecun_uniform}: U[±√(3/n_in)]; {@code lecun_normal}: N(0, 1/n_in)</li>
 * <li>{@code orthogonal(gain=1)}: gain·Q with Q from the QR factorisation of a Gaussian matrix
 *     (sign-corrected as in Saxe et al. 2014), so W·Wᵀ = gain²·I when rows ≤ cols, else Wᵀ·W = gain²·I</li>
 * <li>{@code playground}: U[−0.5, 0.5), TensorFlow Playground's weights</li>
 * <li>{@code rai}: randomized asymmetric initialisation (Lu, Shin, Su &amp; Karniadakis 2019, "Dying ReLU and
 *     Initialization", Algorithm 1). For each unit, the vector of its n_in weights and its bias is drawn
 *     from N(0, σ²/n_in) with σ = 0.6007, then one of its n_in + 1 entries, at a position drawn uniformly
 *     (the bias included), is replaced by ξ ~ Beta(2, 1), drawn as √U. It fills a layer's weights and
 *     bias together ({@link Initializer#drawsBias()}), so the bias initialiser beside it must be zeros.
 *     σ = 0.6007 is the value used with Beta(2, 1) by public reimplementations of the paper's algorithm.</li>
 * </ul>
 * Normal draws are plain (not truncated) Gaussians from the generator's {@code nextGaussian()}.
 */
public final class Initializers {

    static final double RAI_SIGMA = 0.6007;

    private static final String KIND = "initialiser";
    private static final Param GAIN = Param.of("gain", 1).positive();
    private static final Param SLOPE = Param.of("slope", 0);
    private static final Registry<Initializer> REGISTRY = new Registry<>(KIND);

    static {
        REGISTRY.register("zeros", v -> new Simple(v.spec(), (w, rows, cols, fanIn, fanOut, rng) -> java.util.Arrays.fill(w, 0, rows * cols, 0f)))
                .register(Schema.of(KIND, "constant", Param.required("value")), v -> {
                    float value = (float) v.get(0);
                    if (!Float.isFinite(value)) {
                        // Weights are floats: 1e300 would fill the network with infinities.
                        throw v.schema().error("value=" + v.schema().show(v.get(0)) + " is not a finite float (|value| below about 3.4e38)");
                    }
                    return new Simple(v.spec(), (w, rows, cols, fanIn, fanOut, rng) -> java.util.Arrays.fill(w, 0, rows * cols, value));
                })
                .register(Schema.of(KIND, "uniform", Param.required("low"), Param.required("high")), v -> {
                    if (!(v.get(0) < v.get(1))) {
                        throw v.schema().error("needs low < high, got low=" + v.schema().show(v.get(0))
                                + ", high=" + v.schema().show(v.get(1)));
                    }
                    return uniform(v.spec(), v.get(0), v.get(1));
                })
                .register(Schema.of(KIND, "normal", Param.of("mean", 0), Param.required("std").atLeast(0)), v -> {
                    double mean = v.get(0);
                    double std = v.get(1);
                    return new Simple(v.spec(), (w, rows, cols, fanIn, fanOut, rng) -> fillNormal(w, rows * cols, mean, std, rng));
                })
                .register("glorot_standard", v -> new Simple(v.spec(), (w, rows, cols, fanIn, fanOut, rng) -> {
                    double bound = 1 / Math.sqrt(fanIn);
                    fillUniform(w, rows * cols, -bound, bound, rng);
                }))
                .register(Schema.of(KIND, "xavier_uniform", GAIN), v -> xavier(v, true))
                .register(Schema.of(KIND, "xavier_normal", GAIN), v -> xavier(v, false))
                .register(Schema.of(KIND, "he_uniform", SLOPE), v -> he(v, true))
                .register(Schema.of(KIND, "he_normal", SLOPE), v -> he(v, false))
                .register("lecun_uniform", v -> new Simple(v.spec(), (w, rows, cols, fanIn, fanOut, rng) ->
                        fillScaled(w, rows * cols, 1.0 / fanIn, true, rng)))
                .register("lecun_normal", v -> new Simple(v.spec(), (w, rows, cols, fanIn, fanOut, rng) ->
                        fillScaled(w, rows * cols, 1.0 / fanIn, false, rng)))
                .register(Schema.of(KIND, "orthogonal", GAIN), v -> {
                    double gain = v.get(0);
                    return new Simple(v.spec(), (w, rows, cols, fanIn, fanOut, rng) -> orthogonal(w, rows, cols, gain, rng));
                })
                .register("playground", v -> uniform(v.spec(), -0.5, 0.5))
                .register("rai", v -> new Rai(v.spec()))
                // Keras' names for Glorot & Bengio's scaled initialisers.
                .alias("glorot_uniform", "xavier_uniform")
                .alias("glorot_normal", "xavier_normal");
    }

    private Initializers() {
    }

    /** The registry: names, schemas and aliases, as for every kind of spec. */
    public static Registry<Initializer> registry() {
        return REGISTRY;
    }

    /**
     * Parses an initialiser spec.
     *
     * @throws IllegalArgumentException naming the unknown name or the bad parameter
     */
    public static Initializer parse(String spec) {
        return REGISTRY.parse(spec);
    }

    private static Initializer xavier(Values v, boolean uniform) {
        double gain = v.get(0);
        return new Simple(v.spec(), (w, rows, cols, fanIn, fanOut, rng) ->
                fillScaled(w, rows * cols, gain * gain * 2.0 / (fanIn + fanOut), uniform, rng));
    }

    private static Initializer he(Values v, boolean uniform) {
        double slope = v.get(0);
        return new Simple(v.spec(), (w, rows, cols, fanIn, fanOut, rng) ->
                fillScaled(w, rows * cols, 2.0 / ((1 + slope * slope) * fanIn), uniform, rng));
    }

    private static Initializer uniform(String spec, double low, double high) {
        return new Simple(spec, (v, rows, cols, fanIn, fanOut, rng) -> fillUniform(v, rows * cols, low, high, rng));
    }

    /** Uniform with the given variance: U[±√(3·variance)], or N(0, variance). */
    private static void fillScaled(float[] v, int n, double variance, boolean uniform, RandomGenerator rng) {
        if (uniform) {
            double bound = Math.sqrt(3 * variance);
            fillUniform(v, n, -bound, bound, rng);
        } else {
            fillNormal(v, n, 0, Math.sqrt(variance), rng);
        }
    }

    private static void fillUniform(float[] v, int n, double low, double high, RandomGenerator rng) {
        for (int i = 0; i < n; i++) {
            v[i] = (float) (low + (high - low) * rng.nextDouble());
        }
    }

    private static void fillNormal(float[] v, int n, double mean, double std, RandomGenerator rng) {
        for (int i = 0; i < n; i++) {
            v[i] = (float) (mean + std * rng.nextGaussian());
        }
    }

    /**
     * RAI on one layer, unit by unit: n_in weight draws, the bias draw, the position (uniform over the
     * n_in + 1 entries, n_in meaning the bias), then ξ. Beta(2, 1) has density 2x on [0, 1], so its
     * inverse CDF is √U.
     */
    static void rai(float[] weights, float[] bias, int units, int inputs, RandomGenerator rng) {
        double std = RAI_SIGMA / Math.sqrt(inputs);
        for (int u = 0; u < units; u++) {
            for (int k = 0; k < inputs; k++) {
                weights[u * inputs + k] = (float) (std * rng.nextGaussian());
            }
            bias[u] = (float) (std * rng.nextGaussian());
            int position = rng.nextInt(inputs + 1);
            float xi = (float) Math.sqrt(rng.nextDouble());
            if (position == inputs) {
                bias[u] = xi;
            } else {
                weights[u * inputs + position] = xi;
            }
        }
    }

    /**
     * Modified Gram–Schmidt in double on the columns of a tall Gaussian matrix G (max × min):
     * G = Q·R with R's diagonal made positive, which makes Q Haar-distributed.
     */
    private static void orthogonal(float[] v, int rows, int cols, double gain, RandomGenerator rng) {
        int tall = Math.max(rows, cols);
        int narrow = Math.min(rows, cols);
        double[][] q = new double[narrow][tall];
        for (int j = 0; j < narrow; j++) {
            for (int i = 0; i < tall; i++) {
                q[j][i] = rng.nextGaussian();
            }
        }
        for (int j = 0; j < narrow; j++) {
            // Twice for numerical orthogonality ("twice is enough", Giraud et al. 2005).
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < j; p++) {
                    double dot = 0;
                    for (int i = 0; i < tall; i++) {
                        dot += q[p][i] * q[j][i];
                    }
                    for (int i = 0; i < tall; i++) {
                        q[j][i] -= dot * q[p][i];
                    }
                }
            }
            double norm = 0;
            for (int i = 0; i < tall; i++) {
                norm += q[j][i] * q[j][i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < tall; i++) {
                q[j][i] /= norm;
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                // Rows ≥ cols: the columns of W are the q vectors; otherwise its rows are.
                double value = rows >= cols ? q[c][r] : q[r][c];
                v[r * cols + c] = (float) (gain * value);
            }
        }
    }

    @FunctionalInterface
    private interface Filler {
        void fill(float[] values, int rows, int cols, int fanIn, int fanOut, RandomGenerator rng);
    }

    /** RAI: weights and bias drawn as one vector per unit; alone it gives the weights of that draw. */
    private static final class Rai extends Named implements Initializer {
        Rai(String spec) {
            super(spec);
        }

        @Override
        public boolean drawsBias() {
            return true;
        }

        @Override
        public void initialise(float[] values, int rows, int cols, int fanIn, int fanOut, RandomGenerator rng) {
            Simple.checkShape(spec(), values, rows, cols, fanIn, fanOut);
            rai(values, new float[rows], rows, cols, rng);
        }

        @Override
        public void initialiseLayer(float[] weights, float[] bias, int units, int inputs, Initializer biasInit,
                                    RandomGenerator rng) {
            Simple.checkShape(spec(), weights, units, inputs, inputs, units);
            Simple.checkShape(spec(), bias, 1, units, inputs, units);
            rai(weights, bias, units, inputs, rng);
        }
    }

    private static final class Simple extends Named implements Initializer {
        private final Filler filler;

        Simple(String spec, Filler filler) {
            super(spec);
            this.filler = filler;
        }

        @Override
        public void initialise(float[] values, int rows, int cols, int fanIn, int fanOut, RandomGenerator rng) {
            checkShape(spec(), values, rows, cols, fanIn, fanOut);
            filler.fill(values, rows, cols, fanIn, fanOut, rng);
        }

        static void checkShape(String spec, float[] values, int rows, int cols, int fanIn, int fanOut) {
            if (rows <= 0 || cols <= 0 || fanIn <= 0 || fanOut <= 0 || values.length < rows * cols) {
                throw new IllegalArgumentException("initialiser " + spec + ": bad shape rows=" + rows + ", cols=" + cols
                        + ", fanIn=" + fanIn + ", fanOut=" + fanOut + " for an array of " + values.length);
            }
        }
    }

}

package org.actlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.actlab.data.DataSets;
import org.actlab.data.Dataset;
import org.actlab.data.Split;
import org.actlab.nn.NetworkSpec;
import org.actlab.nn.NetworkSpec.LayerSpec;
import org.actlab.nn.TrainConfig;

/**
 * Shared building blocks of the experiments: data, networks and training set-ups. Measures of layer
 * health (saturation, dead units, gradient norms) come from the diagnostics, through {@link HealthFigures}.
 */
final class Lab {

    /** Offset between the seed of a training set and that of its test set. */
    private static final long TEST_SEED_OFFSET = 1_000_003;

    private Lab() {
    }

    /** A generated data set in seeded random order (the generators emit rows grouped by class). */
    static Dataset data(String name, int n, double noise, long seed) {
        return Split.shuffle(DataSets.generate(name, n, noise, seed), seed);
    }

    /** A test set drawn like {@link #data} but from a different seed, so that it is independent. */
    static Dataset testData(String name, int n, double noise, long seed) {
        return data(name, n, noise, seed + TEST_SEED_OFFSET);
    }

    /** {@code depth} hidden layers of {@code width} units with one activation. */
    static List<LayerSpec> hidden(int depth, int width, String activation) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            layers.add(new LayerSpec(width, activation));
        }
        return layers;
    }

    /** A binary classifier: sigmoid output on binary cross-entropy. */
    static NetworkSpec binary(int inputs, List<LayerSpec> hidden, String weightInit, String biasInit) {
        return new NetworkSpec(inputs, hidden, 1, NetworkSpec.Output.SIGMOID, NetworkSpec.Loss.BCE, weightInit, biasInit);
    }

    /** A regression network: identity output on mean squared error. */
    static NetworkSpec regression(int inputs, List<LayerSpec> hidden, String weightInit, String biasInit) {
        return new NetworkSpec(inputs, hidden, 1, NetworkSpec.Output.IDENTITY, NetworkSpec.Loss.MSE, weightInit, biasInit);
    }

    /** The initialiser suited to an activation: He for the ReLU family, Glorot (Xavier) otherwise. */
    static String initFor(String activation) {
        return activation.startsWith("relu") || activation.startsWith("leaky_relu") ? "he_normal" : "xavier_normal";
    }

    /** Plain SGD at a constant rate, no penalties, one thread (bit-reproducible for a seed). */
    static TrainConfig sgd(int epochs, int batchSize, double learningRate, long seed) {
        return TrainConfig.builder().set(TrainConfig.EPOCHS, epochs).set(TrainConfig.BATCH, batchSize)
                .optimizer("sgd", learningRate).set(TrainConfig.SEED, seed).set(TrainConfig.THREADS, 1).build();
    }

    /** Adam at a constant rate, no penalties, one thread. */
    static TrainConfig adam(int epochs, int batchSize, double learningRate, long seed) {
        return TrainConfig.builder().set(TrainConfig.EPOCHS, epochs).set(TrainConfig.BATCH, batchSize)
                .optimizer("adam", learningRate).set(TrainConfig.SEED, seed).set(TrainConfig.THREADS, 1).build();
    }

    /** Fills an array with N(0, std²) draws from a seed. */
    static void fillNormal(float[] values, double std, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (std * gaussian(rng));
        }
    }

    /** A standard normal draw (Box–Muller; the second value is discarded for simplicity). */
    static double gaussian(SplittableRandom rng) {
        double u1 = 1 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Values as doubles, for charts. */
    static double[] doubles(List<? extends Number> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).doubleValue();
        }
        return out;
    }
}

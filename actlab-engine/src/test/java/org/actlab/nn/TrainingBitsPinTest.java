package org.actlab.nn;

import static org.actlab.nn.TrainConfig.BATCH;
import static org.actlab.nn.TrainConfig.CLIP;
import static org.actlab.nn.TrainConfig.EPOCHS;
import static org.actlab.nn.TrainConfig.L1;
import static org.actlab.nn.TrainConfig.L2;
import static org.actlab.nn.TrainConfig.SCHEDULE;
import static org.actlab.nn.TrainConfig.SEED;
import static org.actlab.nn.TrainConfig.THREADS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.actlab.data.DataSets;
import org.actlab.data.Dataset;
import org.actlab.kernel.Kernels;
import org.actlab.nn.NetworkSpec.LayerSpec;
import org.actlab.nn.NetworkSpec.Loss;
import org.actlab.nn.NetworkSpec.Output;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins training bit for bit: each case trains a network and folds every final weight, bias and
 * activation parameter, and every epoch's train and test loss, into one 64-bit FNV-1a fingerprint.
 * The expected fingerprints were recorded from the trainer as it was before it was split into parts
 * (commit 521a8b7), so a refactoring that changes one bit of one update, one summation order or one
 * random draw fails here. Each case also runs with 1 and 3 GEMM threads, which must agree.
 *
 * <p>Smooth activations may differ in the last bit between the scalar and SIMD kernel paths, so the
 * fingerprints are recorded per path (run the test with {@code -Dactlab.kernel=scalar} for the other).
 */
class TrainingBitsPinTest {

    /** The SIMD width the vector fingerprints were recorded with; another width may round smooth functions differently. */
    private static final String RECORDED_VECTOR = "vector(512 bit)";

    private static final Dataset SPIRAL = DataSets.generate("spiral", 120, 0.1, 5);
    private static final Dataset SPIRAL_TEST = DataSets.generate("spiral", 60, 0.1, 6);
    private static final Dataset SIN = DataSets.generate("sin", 90, 0.05, 7);
    private static final Dataset BLOBS = threeClasses(150, 8);

    /** Three Gaussian blobs, one-hot targets: a multi-class set for the softmax case. */
    private static Dataset threeClasses(int n, long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        float[] x = new float[n * 2];
        float[] y = new float[n * 3];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            x[2 * i] = (float) (Math.cos(2 * Math.PI * c / 3) + 0.5 * (rng.nextDouble() - 0.5));
            x[2 * i + 1] = (float) (Math.sin(2 * Math.PI * c / 3) + 0.5 * (rng.nextDouble() - 0.5));
            y[3 * i + c] = 1;
        }
        return new Dataset("blobs", x, y, n, 2, 3, Dataset.Task.MULTICLASS);
    }

    private static NetworkSpec binary(String activation, String init) {
        return new NetworkSpec(2, List.of(new LayerSpec(8, activation), new LayerSpec(5, activation)), 1,
                Output.SIGMOID, Loss.BCE, init, "zeros");
    }

    record Case(String name, NetworkSpec spec, TrainConfig config, Dataset train, Dataset test,
                long scalarPrint, long vectorPrint) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                new Case("sgd tanh", binary("tanh", "xavier_uniform"),
                        TrainConfig.builder().set(EPOCHS, 4).set(BATCH, 16).optimizer("sgd", 0.1).set(SEED, 11L).build(), SPIRAL, SPIRAL_TEST,
                        0x9b39fa2857c3dfd8L, 0x935a425257900e8bL),
                new Case("momentum relu l2", binary("relu", "he_normal"),
                        TrainConfig.builder().set(EPOCHS, 4).set(BATCH, 10).optimizer("momentum(0.8)", 0.05).set(L2, 1e-3).set(SEED, 12L).build(), SPIRAL, SPIRAL_TEST,
                        0x19addb6e997433d4L, 0x19addb6e997433d4L),
                new Case("nesterov elu l1 clip", binary("elu", "he_uniform"),
                        TrainConfig.builder().set(EPOCHS, 3).set(BATCH, 7).optimizer("nesterov", 0.05).set(SCHEDULE, Schedule.parse("step(every=1,gamma=0.5)")).set(L1, 1e-3).set(CLIP, 0.5).set(SEED, 13L).build(), SPIRAL, null,
                        0x25fa480db1bc6b8cL, 0x25fa480db1bc6b8cL),
                new Case("adagrad sigmoid", binary("sigmoid", "xavier_normal"),
                        TrainConfig.builder().set(EPOCHS, 3).set(BATCH, 32).optimizer("adagrad", 0.1).set(SEED, 14L).build(), SPIRAL, SPIRAL_TEST,
                        0x71c85732616a3614L, 0x94d60f540af68014L),
                new Case("rmsprop prelu", binary("prelu(0.2)", "he_normal"),
                        TrainConfig.builder().set(EPOCHS, 3).set(BATCH, 16).optimizer("rmsprop(rho=0.8)", 0.01).set(SCHEDULE, Schedule.parse("cosine")).set(CLIP, 1.0).set(SEED, 15L).build(), SPIRAL, SPIRAL_TEST,
                        0x198de71dcd44cfabL, 0x198de71dcd44cfabL),
                new Case("adam rrelu", binary("rrelu", "he_normal"),
                        TrainConfig.builder().set(EPOCHS, 3).set(BATCH, 16).optimizer("adam", 0.01).set(SEED, 16L).build(), SPIRAL, SPIRAL_TEST,
                        0x0d2907c0c5ed96ceL, 0x0d2907c0c5ed96ceL),
                new Case("adamw gelu regression", new NetworkSpec(1, List.of(new LayerSpec(12, "gelu")), 1,
                        Output.IDENTITY, Loss.MSE, "xavier_uniform", "zeros"),
                        TrainConfig.builder().set(EPOCHS, 5).set(BATCH, 9).optimizer("adamw(weight_decay=0.05)", 0.02).set(L2, 1e-4).set(SEED, 17L).build(), SIN, null,
                        0xbb3219635cf4131cL, 0xbb3219635cf4131cL),
                new Case("adam softmax", new NetworkSpec(2, List.of(new LayerSpec(10, "leaky_relu")), 3,
                        Output.SOFTMAX, Loss.SOFTMAX_CE, "he_normal", "zeros"),
                        TrainConfig.builder().set(EPOCHS, 4).set(BATCH, 20).optimizer("adam(beta1=0.8)", 0.02).set(SEED, 18L).build(), BLOBS, BLOBS,
                        0x8117ab86e150d434L, 0x8117ab86e150d434L)
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trainingIsBitIdenticalToTheRecordedTrainerForOneAndThreeThreads(Case c) {
        long one = fingerprint(c, 1);
        long three = fingerprint(c, 3);
        assertEquals(one, three, c.name() + ": 1 and 3 threads must give the same bits");
        String kernels = Kernels.activations().name();
        Assumptions.assumeTrue(kernels.equals("scalar") || kernels.equals(RECORDED_VECTOR),
                "fingerprints were recorded on the scalar and " + RECORDED_VECTOR + " kernels, not " + kernels);
        long expected = kernels.equals("scalar") ? c.scalarPrint() : c.vectorPrint();
        assertEquals(expected, one, () -> String.format(Locale.ROOT, "%s on %s: training changed bits (now 0x%016xL)",
                c.name(), kernels, one));
    }

    private static long fingerprint(Case c, int threads) {
        TrainConfig config = c.config().toBuilder().set(THREADS, threads).build();
        Network network = Network.create(c.spec(), c.config().seed() + 100);
        TrainingResult result = new Trainer(network, config, c.train(), c.test()).run();
        assertEquals(null, result.stopped(), c.name() + " must train without diverging");
        long h = 0xcbf29ce484222325L;
        for (DenseLayer layer : network.layers()) {
            for (float v : layer.weights()) {
                h = mix(h, Float.floatToRawIntBits(v));
            }
            for (float v : layer.bias()) {
                h = mix(h, Float.floatToRawIntBits(v));
            }
            for (float v : layer.activation().parameters()) {
                h = mix(h, Float.floatToRawIntBits(v));
            }
        }
        for (TrainingResult.EpochMetrics m : result.history()) {
            long train = Double.doubleToRawLongBits(m.trainLoss());
            long test = Double.doubleToRawLongBits(m.testLoss());
            h = mix(mix(h, (int) train), (int) (train >>> 32));
            h = mix(mix(h, (int) test), (int) (test >>> 32));
        }
        return h;
    }

    private static long mix(long h, int bits) {
        for (int shift = 0; shift < 32; shift += 8) {
            h ^= (bits >>> shift) & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}

package org.actlab.nn;

import static org.actlab.nn.TrainConfig.BATCH;
import static org.actlab.nn.TrainConfig.EPOCHS;
import static org.actlab.nn.TrainConfig.SCHEDULE;
import static org.actlab.nn.TrainConfig.SEED;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.actlab.data.DataSets;
import org.actlab.data.Dataset;
import org.actlab.data.Mnist;
import org.actlab.data.Split;
import org.actlab.nn.NetworkSpec.LayerSpec;
import org.actlab.nn.NetworkSpec.Loss;
import org.actlab.nn.NetworkSpec.Output;
import org.junit.jupiter.api.Test;

/** End-to-end learning on the lecture's data sets, seeded, with thresholds that a broken engine misses. */
class LearningTest {

    @Test
    void tanhNetworkLearnsXor() {
        assertLearns(DataSets.generate("xor", 400, 0, 11), 8, 1,
                TrainConfig.builder().set(EPOCHS, 60).set(BATCH, 16).optimizer("adam", 0.02).build());
    }

    @Test
    void tanhNetworkLearnsTheSpiral() {
        assertLearns(DataSets.generate("spiral", 500, 0, 5), 32, 2,
                TrainConfig.builder().set(EPOCHS, 150).set(BATCH, 16).optimizer("adam", 0.01).set(SCHEDULE, Schedule.parse("cosine")).set(SEED, 3L).build());
    }

    /** Two tanh layers of {@code width} units reach 95 % training accuracy on a binary set, without diverging. */
    private static void assertLearns(Dataset data, int width, long networkSeed, TrainConfig config) {
        NetworkSpec spec = new NetworkSpec(2, List.of(new LayerSpec(width, "tanh"), new LayerSpec(width, "tanh")), 1,
                Output.SIGMOID, Loss.BCE, "xavier_uniform", "zeros");
        TrainingResult result = new Trainer(Network.create(spec, networkSeed), config, data, null).run();
        assertNull(result.stopped());
        assertTrue(result.last().trainAccuracy() >= 0.95, data.name() + " training accuracy " + result.last().trainAccuracy());
    }

    /** Held-out accuracy only: how fast training runs is measured by the JMH training bench, not here. */
    @Test
    void mlpReachesNinetyPercentOnHeldOutMnist() {
        Split.TrainTest split = Split.trainTest(Mnist.bundled(), 0.8, 1);
        NetworkSpec spec = new NetworkSpec(784, List.of(new LayerSpec(128, "relu")), 10, Output.SOFTMAX, Loss.SOFTMAX_CE,
                "he_normal", "zeros");
        Network network = Network.create(spec, 1);
        TrainingResult result = new Trainer(network, TrainConfig.builder().set(EPOCHS, 4).set(BATCH, 64).optimizer("adam", 1e-3).build(),
                split.train(), split.test()).run();
        assertNull(result.stopped());
        assertTrue(result.last().testAccuracy() >= 0.90, "MNIST test accuracy " + result.last().testAccuracy());
    }
}

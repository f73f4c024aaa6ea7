package org.actlab.nn;

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
        Dataset xor = DataSets.generate("xor", 400, 0, 11);
        NetworkSpec spec = new NetworkSpec(2, List.of(new LayerSpec(8, "tanh"), new LayerSpec(8, "tanh")), 1,
                Output.SIGMOID, Loss.BCE, "xavier_uniform", "zeros");
        Network network = Network.create(spec, 1);
        TrainingResult result = new Trainer(network, TrainConfig.builder().epochs(60).batch(16).optimizer("adam", 0.02).build(), xor, null).run();
        assertNull(result.stopped());
        assertTrue(result.last().trainAccuracy() >= 0.95, "xor training accuracy " + result.last().trainAccuracy());
    }

    @Test
    void tanhNetworkLearnsTheSpiral() {
        Dataset spiral = DataSets.generate("spiral", 500, 0, 5);
        NetworkSpec spec = new NetworkSpec(2, List.of(new LayerSpec(32, "tanh"), new LayerSpec(32, "tanh")), 1,
                Output.SIGMOID, Loss.BCE, "xavier_uniform", "zeros");
        Network network = Network.create(spec, 2);
        TrainingResult result = new Trainer(network, TrainConfig.builder().epochs(150).batch(16).optimizer("adam", 0.01).schedule(Schedule.parse("cosine")).seed(3).build(), spiral, null).run();
        assertNull(result.stopped());
        assertTrue(result.last().trainAccuracy() >= 0.95, "spiral training accuracy " + result.last().trainAccuracy());
    }

    @Test
    void mlpReachesNinetyPercentOnHeldOutMnistInUnderAMinute() {
        long start = System.nanoTime();
        Split.TrainTest split = Split.trainTest(Mnist.bundled(), 0.8, 1);
        NetworkSpec spec = new NetworkSpec(784, List.of(new LayerSpec(128, "relu")), 10, Output.SOFTMAX, Loss.SOFTMAX_CE,
                "he_normal", "zeros");
        Network network = Network.create(spec, 1);
        TrainingResult result = new Trainer(network, TrainConfig.builder().epochs(4).batch(64).optimizer("adam", 1e-3).build(),
                split.train(), split.test()).run();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertNull(result.stopped());
        assertTrue(result.last().testAccuracy() >= 0.90, "MNIST test accuracy " + result.last().testAccuracy());
        assertTrue(seconds < 60, "took " + seconds + " s");
    }
}

package org.actlab.nn;

import static org.actlab.nn.TrainConfig.BATCH;
import static org.actlab.nn.TrainConfig.EPOCHS;
import static org.actlab.nn.TrainConfig.SEED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.actlab.data.DataSets;
import org.actlab.data.Dataset;
import org.actlab.nn.NetworkSpec.LayerSpec;
import org.actlab.nn.NetworkSpec.Loss;
import org.actlab.nn.NetworkSpec.Output;
import org.junit.jupiter.api.Test;

/** The explosive-growth rule of {@link DivergenceWatch}: a finite loss 1000 × above its start stops training. */
class DivergenceRuleTest {

    private static final Dataset CIRCLE = DataSets.generate("circle", 250, 0, 1);

    private static NetworkSpec circleNet() {
        return new NetworkSpec(2, List.of(new LayerSpec(4, "tanh"), new LayerSpec(2, "tanh")), 1, Output.SIGMOID, Loss.BCE,
                "xavier_uniform", "zeros");
    }

    @Test
    void aHugeLearningRateStopsAtTheFirstEpochWithAMessageThatSaysWhen() {
        // SGD at 1e9 on circle: every batch loss stays finite (BCE of a finite logit), so only the growth rule can stop it.
        Network network = Network.create(circleNet(), 1);
        double initial = network.loss(CIRCLE);
        TrainingResult result = new Trainer(network, TrainConfig.builder().set(EPOCHS, 100).set(BATCH, 10).optimizer("sgd", 1e9).set(SEED, 1L).build(),
                CIRCLE, null).run();
        assertNotNull(result.stopped());
        assertEquals(1, result.history().size(), "the exploded epoch is recorded and is the last");
        double exploded = result.last().trainLoss();
        assertTrue(Double.isFinite(exploded) && exploded > 1000 * Math.max(initial, 1), "loss " + exploded);
        assertTrue(result.stopped().startsWith("training diverged at epoch 0: the training loss grew from "), result.stopped());
        assertTrue(result.stopped().contains("1000 × max(initial loss, 1)"), result.stopped());
    }

    @Test
    void steppingThrowsTheDivergenceWithItsEpochAndRefusesToGoOn() {
        Trainer trainer = new Trainer(Network.create(circleNet(), 1), TrainConfig.builder().set(EPOCHS, 3).set(BATCH, 10).optimizer("sgd", 1e9).set(SEED, 1L).build(),
                CIRCLE, null);
        DivergenceException e = assertThrows(DivergenceException.class, trainer::runEpoch);
        assertEquals(0, e.epoch());
        assertEquals(trainer.stepsPerEpoch() - 1, e.step());
        assertThrows(IllegalStateException.class, trainer::step);
    }

    @Test
    void theLimitIsRelativeToTheInitialLossWithAFloorOfOne() {
        DivergenceWatch watch = new DivergenceWatch(List.of(), null, new float[0], 0);
        watch.begin(0.5);
        assertEquals(1000, watch.threshold(), 0);
        watch.checkEpochLoss(0, 0, 999.9);
        assertNull(watch.stopped());
        watch.begin(20);
        assertEquals(20_000, watch.threshold(), 0);
        watch.checkEpochLoss(1, 4, 19_999);
        assertNull(watch.stopped());
        DivergenceException e = assertThrows(DivergenceException.class, () -> watch.checkEpochLoss(2, 4, 25_000));
        assertEquals(2, e.epoch());
        assertTrue(e.getMessage().contains("grew from 20 before the first step to 25000, above the limit 1000 × max(initial loss, 1) = 20000"), e.getMessage());
    }

    @Test
    void aModeratelyHighRateThatRecoversIsNotStopped() {
        // SGD at 3 on circle swings the loss but stays far under 1000 × its start: training runs to the end.
        Network network = Network.create(circleNet(), 2);
        TrainingResult result = new Trainer(network, TrainConfig.builder().set(EPOCHS, 20).set(BATCH, 10).optimizer("sgd", 3).set(SEED, 2L).build(),
                CIRCLE, null).run();
        assertNull(result.stopped());
        assertEquals(20, result.history().size());
    }
}

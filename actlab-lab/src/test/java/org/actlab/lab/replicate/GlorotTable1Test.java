package org.actlab.lab.replicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.actlab.lab.experiment.Verdict;
import org.junit.jupiter.api.Test;

/** glorot-table1's rules on hand-made cases, and one tiny real run. */
class GlorotTable1Test {

    private static GlorotTable1.Trace trace(double[]... nearAsymptote) {
        double[] epochs = new double[nearAsymptote.length];
        double[][] mean = new double[nearAsymptote.length][GlorotTable1.DEPTH];
        return new GlorotTable1.Trace(epochs, mean, nearAsymptote);
    }

    @Test
    void figureTwoNeedsTheTopLayerSaturatedWhileTheFirstIsNotAtTheSameCheckpoint() {
        // Layers 1..5; the top is index 4.
        assertTrue(GlorotTable1.topSaturatesAlone(trace(new double[] {0, 0, 0, 0, 0}, new double[] {0.1, 0, 0, 0.2, 0.5})));
        assertFalse(GlorotTable1.topSaturatesAlone(trace(new double[] {0, 0, 0, 0, 0.49})), "49% of the top layer is not most");
        assertFalse(GlorotTable1.topSaturatesAlone(trace(new double[] {0.5, 0, 0, 0, 1})), "the first layer saturated too");
        // Top saturated at one checkpoint and the first layer at another: not at the same time.
        assertFalse(GlorotTable1.topSaturatesAlone(trace(new double[] {0.6, 0, 0, 0, 0}, new double[] {0.6, 0, 0, 0, 0.9})));
    }

    @Test
    void outcomeCountsTheMetCriteria() {
        List<Verdict> all = List.of(Verdict.supported, Verdict.supported, Verdict.supported);
        assertEquals(ReplicationResult.Outcome.reproduced, GlorotTable1.outcome(all, true));
        assertEquals(ReplicationResult.Outcome.partly, GlorotTable1.outcome(all, false));
        assertEquals(ReplicationResult.Outcome.partly,
                GlorotTable1.outcome(List.of(Verdict.supported, Verdict.inconclusive, Verdict.not_supported), false));
        assertEquals(ReplicationResult.Outcome.partly,
                GlorotTable1.outcome(List.of(Verdict.inconclusive, Verdict.inconclusive, Verdict.inconclusive), true));
        assertEquals(ReplicationResult.Outcome.not_reproduced,
                GlorotTable1.outcome(List.of(Verdict.inconclusive, Verdict.not_supported, Verdict.inconclusive), false));
    }

    @Test
    void aTinySigmoidRunIsTracedFromInitialisationToTheLastEpoch() {
        GlorotTable1.Run run = GlorotTable1.run(GlorotTable1.ARMS.get(0), 200, 300, 16, 1, 7);
        GlorotTable1.Trace trace = run.trace();
        assertEquals(1 + GlorotTable1.CHECKPOINTS_PER_EPOCH, trace.epochs().length);
        assertEquals(0, trace.epochs()[0], 0);
        assertEquals(1, trace.epochs()[trace.epochs().length - 1], 0);
        for (int l = 0; l < GlorotTable1.DEPTH; l++) {
            // Zero biases and U[±1/√n] weights: every layer's pre-activations start near 0, so its mean output near
            // σ(0) = 0.5, and no unit is near an asymptote.
            assertEquals(0.5, trace.meanOutput()[0][l], 0.05, "layer " + l);
            assertEquals(0, trace.nearAsymptote()[0][l], 0, "layer " + l);
        }
        assertTrue(run.testError() >= 0 && run.testError() <= 100, "test error in percent: " + run.testError());
        // Only sigmoid is traced.
        assertNull(GlorotTable1.run(GlorotTable1.ARMS.get(1), 200, 300, 16, 1, 7).trace());
        assertTrue(Replications.names().contains("glorot-table1"));
    }
}

package org.actlab.lab.replicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The replications' measures on small cases with known answers. */
class ReplicationsTest {

    @Test
    void raiDrawsTheSpecialEntryOverWeightsAndBias() {
        // Replaying the generator's stream tells where each unit's Beta(2, 1) entry went: with fan-in 3 the
        // bias must take it 1 time in 4, as the paper's algorithm draws the position over weights and bias.
        int fanIn = 3;
        int units = 40_000;
        double[] w = new double[units * fanIn];
        double[] b = new double[units];
        Propagation.RAI.draw(w, b, units, fanIn, new SplittableRandom(5));
        // Replay the same stream to learn each unit's chosen position.
        SplittableRandom replay = new SplittableRandom(5);
        int onBias = 0;
        for (int u = 0; u < units; u++) {
            for (int k = 0; k <= fanIn; k++) {
                Propagation.gaussian(replay);
            }
            int position = replay.nextInt(fanIn + 1);
            double xi = Math.sqrt(replay.nextDouble());
            if (position == fanIn) {
                onBias++;
                assertEquals(xi, b[u], 0);
            } else {
                assertEquals(xi, w[u * fanIn + position], 0);
            }
        }
        // Binomial(40000, 1/4): mean 10000, sd 86.6; 5 sd either side.
        assertEquals(10_000, onBias, 433);
    }

    @Test
    void seluKeepsTheFixedPointAndReluLosesVarianceUnderLecunInit() {
        double[][] selu = KlambauerSelu.profile("selu", 12, 64, 64, 2);
        assertTrue(KlambauerSelu.atFixedPoint(selu[12][0], selu[12][1]), selu[12][0] + ", " + selu[12][1]);
        // ReLU under N(0, 1/n) halves the second moment per layer: 12 layers take it below 1e-2.
        double[][] relu = KlambauerSelu.profile("relu", 12, 64, 64, 2);
        assertTrue(relu[12][1] < 1e-2, "relu variance " + relu[12][1]);
        // Layer 0 is the N(0, 1) input.
        assertEquals(1, selu[0][1], 0.1);
    }

    @Test
    void aOneLayerHeNetworkWithZeroBiasIsBornDeadOnlyWhenEveryUnitIsOffOnBothSides() {
        // Width 1, depth 1, zero bias: relu(w x) is constant only if w = 0, which a Gaussian never draws.
        assertEquals(0, LuBornDead.bornDeadShare(Propagation.HE_NORMAL, 1, 1, 500, 11, 3), 0);
        // Depth 2, width 1: relu(w x) is 0 on one side of 0 and positive on the other, so relu(v relu(w x)) is
        // constant exactly when v < 0: probability 1/2.
        assertEquals(0.5, LuBornDead.bornDeadShare(Propagation.HE_NORMAL, 1, 2, 4000, 11, 3), 0.04);
    }

    @Test
    void registryNamesTheNearestOnATypo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Replications.byName("he-dept"));
        assertTrue(e.getMessage().contains("he-depth"), e.getMessage());
    }
}

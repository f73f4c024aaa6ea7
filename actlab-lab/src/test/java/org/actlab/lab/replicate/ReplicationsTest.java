package org.actlab.lab.replicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.actlab.nn.Initializers;
import org.junit.jupiter.api.Test;

/** The replications' measures on small cases with known answers. */
class ReplicationsTest {

    @Test
    void raiIsTheEnginesInitialiserOverWeightsAndBias() {
        // The replication's RAI is the engine's (whose definition RaiTest checks by hand): the same stream gives
        // the same layer, biases included, widened from float.
        int fanIn = 3;
        int units = 1000;
        double[] w = new double[units * fanIn];
        double[] b = new double[units];
        Propagation.RAI.draw(w, b, units, fanIn, new SplittableRandom(5));
        float[] engineW = new float[units * fanIn];
        float[] engineB = new float[units];
        Initializers.parse("rai").initialiseLayer(engineW, engineB, units, fanIn, Initializers.parse("zeros"),
                new SplittableRandom(5));
        int betaOnBias = 0;
        for (int u = 0; u < units; u++) {
            assertEquals(engineB[u], b[u], 0);
            for (int k = 0; k < fanIn; k++) {
                assertEquals(engineW[u * fanIn + k], w[u * fanIn + k], 0);
            }
            // ξ ~ Beta(2, 1) exceeds 0.7 with probability 0.51, an N(0, 0.6007²/3) draw with 0.022: with the bias
            // holding ξ in 1 unit of 4, a bias exceeds 0.7 with probability 0.25·0.51 + 0.75·0.022 = 0.144
            // (144 of 1000, sd 11); without it, 22.
            betaOnBias += b[u] > 0.7 ? 1 : 0;
        }
        assertTrue(betaOnBias > 90 && betaOnBias < 200, "units whose bias looks like ξ: " + betaOnBias);
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

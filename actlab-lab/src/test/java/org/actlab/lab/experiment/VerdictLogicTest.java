package org.actlab.lab.experiment;

import static org.actlab.lab.experiment.Verdict.inconclusive;
import static org.actlab.lab.experiment.Verdict.not_supported;
import static org.actlab.lab.experiment.Verdict.supported;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Each experiment's verdict rule on synthetic figures, for all three outcomes. */
class VerdictLogicTest {

    @Test
    void verdictCombination() {
        assertEquals(supported, supported.and(supported));
        assertEquals(inconclusive, supported.and(inconclusive));
        assertEquals(not_supported, inconclusive.and(not_supported));
        assertEquals(not_supported, Verdict.of(true, true));
        assertEquals(inconclusive, Verdict.of(false, false));
    }

    @Test
    void linearCollapse() {
        assertEquals(supported, LinearCollapse.judge(3e-7, 0.55, 0.97));
        // Collapse holds and linear fails, but the non-linear layer only reaches 0.85.
        assertEquals(inconclusive, LinearCollapse.judge(3e-7, 0.55, 0.85));
        // Linear at 0.75: above "near chance" but well below the non-linear layer.
        assertEquals(inconclusive, LinearCollapse.judge(3e-7, 0.75, 0.97));
        assertEquals(not_supported, LinearCollapse.judge(0.5, 0.55, 0.97));
        assertEquals(not_supported, LinearCollapse.judge(Double.NaN, 0.55, 0.97));
        assertEquals(not_supported, LinearCollapse.judge(3e-7, 0.95, 0.97));
    }

    @Test
    void universalApproximation() {
        double[] flat = {1.0, 0.95};
        assertEquals(supported, UniversalApproximation.judge(new double[] {0.01, 0.08}, new double[] {0.05, 0.6}, flat));
        // Far below the line but the widest layer is worse than width 1.
        assertEquals(inconclusive, UniversalApproximation.judge(new double[] {0.01, 0.08}, new double[] {0.05, 1.3}, flat));
        assertEquals(inconclusive, UniversalApproximation.judge(new double[] {0.01, 0.3}, new double[] {0.05, 0.6}, flat));
        assertEquals(inconclusive, UniversalApproximation.judge(new double[] {0.01}, new double[] {0.05}, new double[] {0.5}));
        assertEquals(not_supported, UniversalApproximation.judge(new double[] {0.01, 0.9}, new double[] {0.05, 0.6}, flat));
        assertEquals(not_supported, UniversalApproximation.judge(new double[] {0.01}, new double[] {0.05}, new double[] {0.1}));
        assertEquals(not_supported, UniversalApproximation.judge(new double[] {Double.NaN}, new double[] {0.05}, flat));
    }

    @Test
    void logisticSaturation() {
        assertEquals(supported, LogisticSaturation.judge(0.0, 0.9, 0.0, 0.95, 0.1));
        assertEquals(inconclusive, LogisticSaturation.judge(0.2, 0.9, 0.0, 0.95, 0.1));
        assertEquals(inconclusive, LogisticSaturation.judge(0.0, 0.3, 0.0, 0.35, 0.1));
        assertEquals(not_supported, LogisticSaturation.judge(0.0, 0.0, 0.0, 0.0, 1.0));
        assertEquals(not_supported, LogisticSaturation.judge(0.8, 0.9, 0.8, 0.9, 0.1));
    }

    @Test
    void vanishingGradients() {
        assertEquals(supported, VanishingGradients.judge(-9, 0.2, -0.3));
        assertEquals(inconclusive, VanishingGradients.judge(-2, 0.2, -0.3));
        assertEquals(inconclusive, VanishingGradients.judge(-4, -3, -0.3));
        assertEquals(not_supported, VanishingGradients.judge(-0.5, 0.2, -0.3));
        assertEquals(not_supported, VanishingGradients.judge(-9, -10, 0));
        assertEquals(not_supported, VanishingGradients.judge(Double.NaN, 0, 0));
    }

    @Test
    void notZeroCentred() {
        assertEquals(supported, NotZeroCentred.judge(1.0, 0.1, 4.0, 1.3));
        assertEquals(inconclusive, NotZeroCentred.judge(0.9, 0.1, 4.0, 1.3));
        assertEquals(inconclusive, NotZeroCentred.judge(1.0, 0.1, 1.5, 1.3));
        assertEquals(not_supported, NotZeroCentred.judge(0.2, 0.3, 4.0, 1.3));
        assertEquals(not_supported, NotZeroCentred.judge(1.0, 0.1, 1.2, 1.3));
    }

    @Test
    void cost() {
        assertEquals(supported, ActivationCost.judge(6.0, 1.0));
        assertEquals(inconclusive, ActivationCost.judge(1.1, 1.0));
        assertEquals(not_supported, ActivationCost.judge(0.9, 1.0));
        assertEquals(not_supported, ActivationCost.judge(Double.NaN, 1.0));
    }

    @Test
    void tanhVsLogistic() {
        assertEquals(supported, TanhVsLogistic.judge(4, 0, 4, true));
        assertEquals(supported, TanhVsLogistic.judge(3, 1, 4, true));
        assertEquals(inconclusive, TanhVsLogistic.judge(4, 0, 4, false));
        assertEquals(inconclusive, TanhVsLogistic.judge(2, 2, 4, true));
        assertEquals(not_supported, TanhVsLogistic.judge(1, 3, 4, true));
    }

    @Test
    void reluProperties() {
        assertEquals(supported, ReluProperties.judge(0, 5000, 0, 0.8));
        assertEquals(inconclusive, ReluProperties.judge(0, 50, 0, 0.8));
        assertEquals(inconclusive, ReluProperties.judge(0, 5000, 0, 0.005));
        assertEquals(not_supported, ReluProperties.judge(1, 5000, 0, 0.8));
        assertEquals(not_supported, ReluProperties.judge(0, 5000, 3, 0.8));
        assertEquals(not_supported, ReluProperties.judge(0, 5000, 0, 0.0));
    }

    @Test
    void deadRelu() {
        assertEquals(supported, DeadRelu.judge(5, 0, true, 0.02, 0.6, 0.08, 0.02, 0.02));
        // Everything holds except the learning-rate effect, which is too small to count.
        assertEquals(inconclusive, DeadRelu.judge(5, 0, true, 0.02, 0.05, 0.08, 0.02, 0.02));
        // Bias +0.1 no better than -0.5.
        assertEquals(inconclusive, DeadRelu.judge(5, 0, true, 0.02, 0.6, 0.03, 0.02, 0.02));
        assertEquals(inconclusive, DeadRelu.judge(0, 0, true, 0.02, 0.6, 0.08, 0.02, 0.02));
        assertEquals(not_supported, DeadRelu.judge(5, 1, true, 0.02, 0.6, 0.08, 0.02, 0.02));
        assertEquals(not_supported, DeadRelu.judge(5, 0, true, 0.3, 0.1, 0.08, 0.02, 0.02));
        assertEquals(not_supported, DeadRelu.judge(5, 0, true, 0.02, 0.6, 0.2, 0.02, 0.1));
    }

    @Test
    void leakyRelu() {
        assertEquals(supported, LeakyRelu.judge(0, 5, 5, 0.3, 0.5));
        assertEquals(inconclusive, LeakyRelu.judge(0, 5, 3, 0.3, 0.5));
        assertEquals(inconclusive, LeakyRelu.judge(0, 5, 5, 0.5, 0.5));
        assertEquals(not_supported, LeakyRelu.judge(0.03, 5, 5, 0.3, 0.5));
        assertEquals(not_supported, LeakyRelu.judge(0, 5, 0, 0.3, 0.5));
        assertEquals(not_supported, LeakyRelu.judge(0, 5, 5, 0.6, 0.5));
    }
}

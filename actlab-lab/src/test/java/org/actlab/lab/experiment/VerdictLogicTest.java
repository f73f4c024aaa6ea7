package org.actlab.lab.experiment;

import static org.actlab.lab.experiment.Verdict.inconclusive;
import static org.actlab.lab.experiment.Verdict.not_supported;
import static org.actlab.lab.experiment.Verdict.supported;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each experiment's pre-registered effects on synthetic per-seed figures: the verdict for figures
 * like the claim arm's, and that it flips when the control arm's figures stand in for the claim's.
 */
class VerdictLogicTest {

    private static Verdict verdict(List<Effect> effects) {
        return Effect.verdictOf(effects);
    }

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
        double[] tanh = {0.97, 0.98, 0.96};
        double[] linear = {0.52, 0.55, 0.49};
        assertEquals(supported, LinearCollapse.gap("xor", Effect.Role.claim, tanh, linear).verdict());
        // The control: on separable data the linear network is as good, and the same measure says no.
        assertEquals(not_supported, LinearCollapse.gap("gauss", Effect.Role.claim, tanh, new double[] {0.97, 0.97, 0.96}).verdict());
        assertEquals(inconclusive, LinearCollapse.gap("xor", Effect.Role.claim, tanh, new double[] {0.52, 0.95, 0.49}).verdict());
    }

    @Test
    void vanishingGradients() {
        double[] sigmoid = {-9, -8.5, -9.4};
        double[] relu = {-0.2, 0.1, -0.4};
        assertEquals(supported, verdict(VanishingGradients.effects(sigmoid, relu)));
        // relu's figures in the sigmoid arm: the claim falls.
        assertEquals(not_supported, verdict(VanishingGradients.effects(relu, relu)));
        // A relu arm that vanishes too makes the control come out supported: at best inconclusive.
        assertEquals(not_supported, verdict(VanishingGradients.effects(sigmoid, sigmoid)));
    }

    @Test
    void logisticSaturation() {
        double[] large = {0.8, 0.85, 0.9};
        double[] small = {0, 0, 0.01};
        assertEquals(supported, verdict(LogisticSaturation.effects(large, small)));
        assertEquals(not_supported, verdict(LogisticSaturation.effects(small, small)));
        assertEquals(inconclusive, verdict(LogisticSaturation.effects(large, large)));
        // Just under 50% at the large scale with little spread: a near miss is not a pass.
        assertEquals(not_supported, verdict(LogisticSaturation.effects(new double[] {0.49, 0.492, 0.494}, small)));
    }

    @Test
    void notZeroCentred() {
        double[] logistic = {4.0, 5.0, 4.5};
        double[] tanh = {1.3, 1.2, 1.4};
        assertEquals(supported, verdict(NotZeroCentred.effects(logistic, tanh, tanh)));
        assertEquals(not_supported, verdict(NotZeroCentred.effects(tanh, tanh, tanh)));
        assertEquals(inconclusive, verdict(NotZeroCentred.effects(logistic, tanh, logistic)));
    }

    @Test
    void tanhVsLogisticMustSurviveTheCompensatedInitGain() {
        double[] slow = {12, 14, 13};
        double[] fast = {5, 6, 5};
        double[] aa = {5, 6, 6};
        assertEquals(supported, verdict(TanhVsLogistic.effects(slow, fast, slow, fast, slow, aa)));
        // The reviewer's counterfactual: logistic with init gain 4 as fast as tanh (or faster) sinks the claim.
        assertEquals(inconclusive, verdict(TanhVsLogistic.effects(slow, fast, slow, fast, new double[] {6, 6, 4}, aa)));
        assertEquals(not_supported, verdict(TanhVsLogistic.effects(slow, fast, slow, fast, new double[] {2, 3, 2}, aa)));
        // The A/A control clearing the margin means the measure cannot tell arms apart.
        assertEquals(inconclusive, verdict(TanhVsLogistic.effects(slow, fast, slow, fast, slow, slow)));
    }

    @Test
    void reluProperties() {
        double[] positive = {0.6, 0.7, 0.65};
        double[] centred = {0.01, -0.02, 0.0};
        assertEquals(supported, verdict(ReluProperties.effects(0, 0.98, positive, centred)));
        assertEquals(not_supported, verdict(ReluProperties.effects(0.98, 0.98, positive, centred)));
        assertEquals(not_supported, verdict(ReluProperties.effects(0, 0.98, centred, centred)));
        assertEquals(inconclusive, verdict(ReluProperties.effects(0, 0, positive, centred)));
    }

    @Test
    void deadAndLeakyReluKnockouts() {
        double[] never = {0, 0, 0, 0};
        double[] always = {1, 1, 1, 1};
        assertEquals(supported, verdict(DeadRelu.knockoutEffects(never, always)));
        assertEquals(not_supported, verdict(DeadRelu.knockoutEffects(always, always)));
        assertEquals(inconclusive, verdict(DeadRelu.knockoutEffects(never, never)));
        double[] reluOutput = {0.5, 0.6, 0.55, 0.5};
        double[] leakyOutput = {0.3, 0.35, 0.3, 0.32};
        assertEquals(supported, verdict(LeakyRelu.effects(always, never, reluOutput, leakyOutput)));
        assertEquals(not_supported, verdict(LeakyRelu.effects(never, never, reluOutput, leakyOutput)));
        assertEquals(inconclusive, verdict(LeakyRelu.effects(always, always, reluOutput, leakyOutput)));
    }

    @Test
    void costRatioPerRound() {
        List<double[]> dear = List.of(new double[] {5, 6}, new double[] {7, 8}, new double[] {9, 10});
        List<double[]> cheap = List.of(new double[] {1, 2}, new double[] {1, 2});
        double[] ratio = ActivationCost.logRatioPerRound(dear, cheap);
        assertEquals(Math.log10(7.0 / 1.0), ratio[0], 1e-12);
        assertEquals(Math.log10(8.0 / 2.0), ratio[1], 1e-12);
    }
}

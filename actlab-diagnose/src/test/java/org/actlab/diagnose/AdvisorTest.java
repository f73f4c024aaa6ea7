package org.actlab.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AdvisorTest {

    private static final AdviceThresholds T = AdviceThresholds.defaults();
    private static final Histogram H = new Histogram(-1, 1, new long[] {1});

    /** A healthy hidden layer; the tests change one figure at a time. */
    private static LayerHealth layer(int index, String activation, double mean, double std, double saturated,
                                     double dead, double coherence, double gradient, boolean saturating,
                                     boolean zeroCentred) {
        return new LayerHealth(index, activation, 10, mean, std, saturated, saturated, dead, coherence, gradient,
                0.1, 0.01, H, saturating, zeroCentred);
    }

    private static LayerHealth output(double gradient, double coherence) {
        return layer(1, "identity", 0, 1, 0, 0, coherence, gradient, false, true);
    }

    private static List<String> rules(List<LayerHealth> layers) {
        return Advisor.advise(layers, HealthReport.gradientRatio(layers), T).stream().map(Advice::rule)
                .collect(Collectors.toList());
    }

    @Test
    void healthyNetworkGetsNoAdvice() {
        assertEquals(List.of(), rules(List.of(layer(0, "tanh", 0.01, 0.5, 0.1, 0, 0.3, 1, true, true), output(1, 0.3))));
    }

    @Test
    void saturationFiresAtTheThresholdForTwoSidedSaturationOnly() {
        List<Advice> advice = Advisor.advise(List.of(layer(0, "sigmoid", 0, 0.5, 0.5, 0, 0, 1, true, false),
                output(1, 0)), 1, T);
        assertEquals(1, advice.size());
        assertEquals(Advisor.SATURATION, advice.get(0).rule());
        assertTrue(advice.get(0).recommendation().contains("Xavier"), advice.get(0).recommendation());
        assertTrue(advice.get(0).recommendation().contains("tanh"), advice.get(0).recommendation());
        assertTrue(advice.get(0).evidence().contains("layer 0 (sigmoid): 50.0%"), advice.get(0).evidence());

        Advice tanh = Advisor.advise(List.of(layer(0, "tanh", 0, 0.9, 0.97, 0, 0, 1, true, true), output(1, 0)), 1, T)
                .get(0);
        assertTrue(tanh.recommendation().contains("ReLU family") && !tanh.recommendation().contains("tanh"),
                tanh.recommendation());

        assertEquals(List.of(), rules(List.of(layer(0, "sigmoid", 0.5, 0.1, 0.49, 0, 0, 1, true, false), output(1, 0))));
        // ReLU's f' = 0 on z < 0 counts as saturated pairs, but relu does not saturate on both sides.
        assertEquals(List.of(), rules(List.of(layer(0, "relu", 0.1, 0.5, 0.6, 0, 0, 1, false, true), output(1, 0))));
    }

    @Test
    void deadUnitsFireAtTheThresholdAndNameTheCount() {
        List<Advice> advice = Advisor.advise(List.of(layer(0, "relu", 0, 1, 0.3, 0.3, 0, 1, false, true),
                output(1, 0)), 1, T);
        assertEquals(List.of(Advisor.DEAD_UNITS), advice.stream().map(Advice::rule).collect(Collectors.toList()));
        assertTrue(advice.get(0).evidence().contains("3 of 10 units dead (30.0%, threshold 20.0%)"),
                advice.get(0).evidence());
        assertTrue(advice.get(0).recommendation().contains("leaky_relu"));
        assertEquals(List.of(), rules(List.of(layer(0, "relu", 0, 1, 0.3, 0.1, 0, 1, false, true), output(1, 0))));
    }

    @Test
    void outputLayerIsNotJudgedByLayerRules() {
        LayerHealth deadSaturatedOutput = new LayerHealth(1, "sigmoid", 1, 0, 0, 1, 1, 1, 0, 1, 0, 0, H, true, false);
        assertEquals(List.of(), rules(List.of(layer(0, "tanh", 0, 1, 0, 0, 0, 1, true, true), deadSaturatedOutput)));
    }

    @Test
    void notZeroCentredNeedsBothThePositiveMeanAndTheCoherentGradients() {
        // Sigmoid outputs mean 0.5, std 0.1: mean / RMS = 0.98; the next layer's gradients are 90% coherent.
        LayerHealth sigmoid = layer(0, "sigmoid", 0.5, 0.1, 0, 0, 0.2, 1, true, false);
        List<Advice> advice = Advisor.advise(List.of(sigmoid, output(1, 0.9)), 1, T);
        assertEquals(List.of(Advisor.NOT_ZERO_CENTRED), advice.stream().map(Advice::rule).collect(Collectors.toList()));
        assertTrue(advice.get(0).recommendation().contains("tanh or leaky_relu in layer 0"), advice.get(0).recommendation());
        assertTrue(advice.get(0).evidence().contains("0.98 of its RMS"), advice.get(0).evidence());
        assertTrue(advice.get(0).evidence().contains("90.0%"), advice.get(0).evidence());

        assertEquals(List.of(), rules(List.of(sigmoid, output(1, 0.79))));
        // Mean 0.1 with std 0.5: mean / RMS = 0.196, centred enough.
        assertEquals(List.of(), rules(List.of(layer(0, "sigmoid", 0.1, 0.5, 0, 0, 0, 1, true, false), output(1, 0.9))));
        // A zero-centred activation is not blamed even if its outputs happen to be positive.
        assertEquals(List.of(), rules(List.of(layer(0, "tanh", 0.5, 0.1, 0, 0, 0, 1, true, true), output(1, 0.9))));
        assertEquals(List.of(), rules(List.of(sigmoid, output(1, Double.NaN))));
    }

    @Test
    void gradientFlowRulesUseTheRatioOfFirstToLast() {
        LayerHealth tanh = layer(0, "tanh", 0, 0.5, 0, 0, 0, 1e-3, true, true);
        List<Advice> vanishing = Advisor.advise(List.of(tanh, output(0.2, 0)), 5e-3, T);
        assertEquals(Advisor.VANISHING, vanishing.get(0).rule());
        assertTrue(vanishing.get(0).evidence().contains("layer 0 = 0.00100, of layer 1 = 0.200: ratio 0.00500 < 0.0100"),
                vanishing.get(0).evidence());
        assertTrue(vanishing.get(0).recommendation().contains("He"));
        assertEquals(List.of(Advisor.EXPLODING), rules(List.of(layer(0, "tanh", 0, 0.5, 0, 0, 0, 101, true, true),
                output(1, 0))));
        assertEquals(List.of(), rules(List.of(layer(0, "tanh", 0, 0.5, 0, 0, 0, 0.0101, true, true), output(1, 0))));
        assertEquals(List.of(), rules(List.of(layer(0, "tanh", 0, 0.5, 0, 0, 0, Double.NaN, true, true),
                output(Double.NaN, 0))));
        // A single layer has ratio 1 by definition and no gradient-flow advice.
        assertEquals(1.0, HealthReport.gradientRatio(List.of(output(1e-9, 0))));
    }

    @Test
    void gradientRatioEdgeCases() {
        assertEquals(0.5, HealthReport.gradientRatio(List.of(layer(0, "tanh", 0, 1, 0, 0, 0, 1, true, true), output(2, 0))));
        assertEquals(Double.POSITIVE_INFINITY,
                HealthReport.gradientRatio(List.of(layer(0, "tanh", 0, 1, 0, 0, 0, 1, true, true), output(0, 0))));
        assertTrue(Double.isNaN(HealthReport.gradientRatio(List.of(layer(0, "tanh", 0, 1, 0, 0, 0, 0, true, true),
                output(0, 0)))));
    }

    @Test
    void adviceWorkedOutWhenReadIsTheSameImmutableListAndLeavesTheLayersAlone() {
        // Two rules fire (dead units and vanishing gradients), so the list has an order to keep.
        List<LayerHealth> sick = List.of(layer(0, "relu", 0, 1, 0.3, 0.3, 0, 1e-4, false, true), output(1, 0));
        double ratio = HealthReport.gradientRatio(sick);
        List<Advice> eager = Advisor.advise(sick, ratio, T);
        List<LayerHealth> changing = new java.util.ArrayList<>(sick);
        List<Advice> later = Advisor.whenRead(changing, ratio, T);
        // Changing the caller's list afterwards does not change the advice: it works on its own copy.
        changing.set(0, output(1, 0));
        assertEquals(List.of(Advisor.DEAD_UNITS, Advisor.VANISHING), later.stream().map(Advice::rule).collect(Collectors.toList()));
        assertEquals(eager, later);
        assertEquals(eager.hashCode(), later.hashCode());
        assertEquals(eager.get(1).evidence(), later.get(1).evidence());
        assertThrows(UnsupportedOperationException.class, () -> later.add(eager.get(0)));
        assertThrows(UnsupportedOperationException.class, () -> later.set(0, eager.get(0)));

        // A report keeps the list as it is (no eager copy), reads the same advice and equals the eager report.
        HealthReport report = new HealthReport(3, sick, ratio, Advisor.whenRead(sick, ratio, T));
        assertEquals(eager, report.advice());
        assertEquals(new HealthReport(3, sick, ratio, eager), report);
    }
}

package org.actlab.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.junit.jupiter.api.Test;

/**
 * The second saturation criterion, output near an asymptote (Glorot and Bengio 2010, Figure 2),
 * next to the slope criterion: each flags cases the other does not.
 */
class NearAsymptoteTest {

    private static final DiagnosticsConfig DEFAULTS = DiagnosticsConfig.defaults();

    @Test
    void limitsAreTheFunctionsValuesAtInfinityAndApplyOnlyWhenBoundedOnBothSides() {
        Asymptotes sigmoid = Asymptotes.of(Activations.parse("sigmoid"));
        assertEquals(0.0, sigmoid.lower(), 0.0);
        assertEquals(1.0, sigmoid.upper(), 0.0);
        assertTrue(sigmoid.applies());
        Asymptotes tanh = Asymptotes.of(Activations.parse("tanh"));
        assertEquals(-1.0, tanh.lower(), 0.0);
        assertEquals(1.0, tanh.upper(), 0.0);
        assertTrue(Asymptotes.of(Activations.parse("hardtanh(min=-2, max=3)")).applies());
        assertEquals(6.0, Asymptotes.of(Activations.parse("relu6")).upper(), 0.0);
        for (String unbounded : List.of("relu", "elu", "softplus", "identity", "leaky_relu", "gelu", "gaussian", "sin")) {
            assertFalse(Asymptotes.of(Activations.parse(unbounded)).applies(), unbounded);
        }
    }

    @Test
    void bandIsFivePercentOfTheRangeAndStrict() {
        Asymptotes sigmoid = Asymptotes.of(Activations.parse("sigmoid"));
        assertTrue(sigmoid.near(0.049f, 0.05));
        assertTrue(sigmoid.near(0.951f, 0.05));
        assertFalse(sigmoid.near(0.5f, 0.05));
        assertFalse(sigmoid.near(0.051f, 0.05));
        // tanh's range is 2 wide: |a| > 0.9 is near.
        Asymptotes tanh = Asymptotes.of(Activations.parse("tanh"));
        assertTrue(tanh.near(-0.91f, 0.05));
        assertFalse(tanh.near(0.89f, 0.05));
    }

    /**
     * Glorot's Figure 2 in miniature: a sigmoid layer whose outputs sit near 0 (mean ≈ 0.028, as the
     * top hidden layer after training), yet σ′ there is ≈ 0.027, 11% of the maximum 0.25, well above
     * the slope criterion's 1%. The slope criterion flags nothing; the output criterion flags all.
     */
    @Test
    void glorotsTopLayerIsFlaggedByTheOutputCriterionOnly() {
        int n = 200;
        int units = 4;
        float[] z = new float[n * units];
        for (int i = 0; i < z.length; i++) {
            z[i] = -3.6f + 0.4f * (float) Math.sin(i);   // σ(z) in [0.018, 0.040]
        }
        LayerHealth h = Layers.health(Activations.parse("sigmoid"), z, n, units);
        assertEquals(0.0, h.saturatedFraction(), 0.0);
        assertEquals(0.0, h.saturatedUnits(), 0.0);
        assertEquals(1.0, h.nearAsymptoteFraction(), 0.0);
        assertEquals(1.0, h.nearAsymptoteUnits(), 0.0);
        assertTrue(h.meanActivation() > 0.02 && h.meanActivation() < 0.04, "mean " + h.meanActivation());

        List<String> rules = rules(h);
        assertEquals(List.of(Advisor.NEAR_ASYMPTOTE), rules);
    }

    /** ReLU units below zero: f′ = 0 (slope-saturated and dead), but relu has no upper asymptote. */
    @Test
    void deadReluIsFlaggedByTheSlopeCriterionOnly() {
        int n = 10;
        float[] z = new float[n];
        for (int i = 0; i < n; i++) {
            z[i] = -1f - i;
        }
        LayerHealth h = Layers.health(Activations.parse("relu"), z, n, 1);
        assertEquals(1.0, h.saturatedFraction(), 0.0);
        assertEquals(1.0, h.deadFraction(), 0.0);
        assertTrue(Double.isNaN(h.nearAsymptoteFraction()));
        assertTrue(Double.isNaN(h.nearAsymptoteUnits()));
    }

    @Test
    void deepSaturationIsFlaggedByBothAndOnlyTheSlopeRuleAdvises() {
        // tanh at |z| = 4: f′ = 1.3e-3 < 1% of 1, and |a| = 0.9993 > 0.9.
        float[] z = {4, -4, 4.5f, -5};
        LayerHealth h = Layers.health(Activations.parse("tanh"), z, 4, 1);
        assertEquals(1.0, h.saturatedFraction(), 0.0);
        assertEquals(1.0, h.nearAsymptoteFraction(), 0.0);
        assertEquals(List.of(Advisor.SATURATION), rules(h));
    }

    @Test
    void countsArePerPairAndPerUnit() {
        // Unit 0 is near on all 4 samples, unit 1 on 1 of 4 (a = 0.5, 0.5, 0.5, 0.99).
        float[] z = {-5, 0, -6, 0, -7, 0, -8, 4.6f};
        LayerHealth h = Layers.health(Activations.parse("sigmoid"), z, 4, 2);
        assertEquals(5.0 / 8, h.nearAsymptoteFraction(), 0.0);
        assertEquals(0.5, h.nearAsymptoteUnits(), 0.0);
        // The per-unit view for diagrams agrees with the layer figure.
        Activation sigmoid = Activations.parse("sigmoid");
        boolean[] flags = OutputSaturation.unitFlags(sigmoid, Layers.apply(sigmoid, z), 4, 2, DEFAULTS);
        assertTrue(flags[0]);
        assertFalse(flags[1]);
        assertFalse(OutputSaturation.applies(Activations.parse("relu")));
        assertFalse(OutputSaturation.unitFlags(Activations.parse("relu"), new float[] {0, 0}, 1, 2, DEFAULTS)[0]);
    }

    private static List<String> rules(LayerHealth hidden) {
        LayerHealth output = new LayerHealth(1, "identity", 1, 0, 1, 0, 0, 0, 0.3, 1, 0.1, 0.01,
                new Histogram(-1, 1, new long[] {1}), false, true);
        List<LayerHealth> layers = List.of(hidden, output);
        return Advisor.advise(layers, 1, AdviceThresholds.defaults()).stream().map(Advice::rule)
                .collect(Collectors.toList());
    }
}

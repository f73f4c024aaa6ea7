package org.actlab.diagnose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LayerStatisticsTest {

    private static final DiagnosticsConfig DEFAULTS = DiagnosticsConfig.defaults();

    @Test
    void l2NormIsPythagorasOverTheFirstEntriesOnly() {
        assertEquals(5.0, LayerStatistics.l2(new float[] {3, -4, 100}, 2), 0.0);
        assertEquals(0.0, LayerStatistics.l2(new float[] {7}, 0), 0.0);
        // Squares accumulate in double: 1e20² overflows float but not double.
        assertEquals(Math.sqrt(2) * 1e20, LayerStatistics.l2(new float[] {1e20f, 1e20f}, 2), 1e20 * 1e-6);
    }

    @Test
    void oneSampleOfPositiveInputsMakesEveryRowCoherent() {
        float[] x = {0.5f, 2f, 1.5f};
        float[] dZ = {0.3f, -0.7f, 0.2f};
        float[] dW = Layers.weightGradient(dZ, x, 1, 3, 3);
        assertEquals(1.0, LayerStatistics.signCoherence(dW, 3, 3), 0.0);
    }

    @Test
    void aBatchOfPositiveInputsCanHalveTheCoherence() {
        // x1 = (1, 2), x2 = (2, 1). Unit 0 has dZ = (1, 1): row (3, 3), coherent.
        // Unit 1 has dZ = (1, -1): row (1 - 2, 2 - 1) = (-1, 1), mixed.
        float[] x = {1, 2, 2, 1};
        float[] dZ = {1, 1, 1, -1};
        float[] dW = Layers.weightGradient(dZ, x, 2, 2, 2);
        assertEquals(3f, dW[0]);
        assertEquals(-1f, dW[2]);
        assertEquals(1f, dW[3]);
        assertEquals(0.5, LayerStatistics.signCoherence(dW, 2, 2), 0.0);
    }

    @Test
    void zeroRowsAreNotCoherentAndZeroOrNanEntriesAreSkipped() {
        float[] dW = {
            0, 0, 0,            // no gradient: not coherent
            0, -0f, 2,          // one positive entry among zeros: coherent
            -1, Float.NaN, -3,  // NaN skipped: coherent
            -0f, 0, -0f,        // signed zeros are zeros
        };
        assertEquals(0.5, LayerStatistics.signCoherence(dW, 4, 3), 0.0);
    }

    @Test
    void aUnitWithAHugeNegativeBiasIsTheOnlyDeadOne() {
        int n = 50;
        float[] x = Layers.uniform(n, 2, 7);
        // Each of units 0, 1, 3 is positive somewhere on [-1, 1]²; unit 2's bias keeps it negative.
        float[] w = {1, 0, 0, 1, 1, 1, -1, 0.5f};
        float[] b = {0, 0, -1000, 0};
        float[] z = Layers.preActivations(x, n, 2, w, b, 4);
        assertEquals(0.25, Layers.health(TestActivations.RELU, z, n, 4).deadFraction(), 0.0);
        assertEquals(0.0, Layers.health(TestActivations.LEAKY_RELU, z, n, 4).deadFraction(), 0.0);
    }

    @Test
    void reluIsDeadAtZeroOfEitherSignButNotAtNan() {
        float[] zeros = {0f, -0f, 0f, -0f};
        assertEquals(1.0, Layers.health(TestActivations.RELU, zeros, 4, 1).deadFraction(), 0.0);
        float[] withNan = {-1f, Float.NaN, -2f, -3f};
        LayerHealth h = Layers.health(TestActivations.RELU, withNan, 4, 1);
        assertEquals(0.0, h.deadFraction(), 0.0);
        assertEquals(0.75, h.saturatedFraction(), 0.0);
    }

    @Test
    void sigmoidWithHugeWeightsSaturatesAndWithTinyWeightsDoesNot() {
        int n = 400;
        float[] x = Layers.uniform(n, 2, 11);
        float[] huge = {1000, 1000, -1000, 1000, 1000, -700};
        float[] tiny = {1e-3f, 1e-3f, -1e-3f, 1e-3f, 1e-3f, -7e-4f};
        float[] b = new float[3];
        float[] zHuge = Layers.preActivations(x, n, 2, huge, b, 3);
        LayerHealth saturated = Layers.health(TestActivations.SIGMOID, zHuge, n, 3);
        // Independent reference: σ'(z) < 0.01 × 0.25 exactly when |z| > z*, with z* from bisection.
        double zStar = bisect(z -> TestActivations.logistic(z) * (1 - TestActivations.logistic(z)) - 0.0025, 0, 50);
        long beyond = 0;
        for (float v : zHuge) {
            if (Math.abs(v) > zStar) {
                beyond++;
            }
        }
        assertEquals((double) beyond / zHuge.length, saturated.saturatedFraction(), 0.0);
        assertTrue(saturated.saturatedFraction() > 0.99, "saturated " + saturated.saturatedFraction());
        assertTrue(saturated.saturating());

        LayerHealth healthy = Layers.health(TestActivations.SIGMOID, Layers.preActivations(x, n, 2, tiny, b, 3), n, 3);
        assertEquals(0.0, healthy.saturatedFraction(), 0.0);
        assertEquals(0.0, healthy.saturatedUnits(), 0.0);
        assertEquals(0.5, healthy.meanActivation(), 1e-3);
    }

    @Test
    void leakyReluNeitherDiesNorSaturatesOnItsNegativeSide() {
        // f' = 0.01f for z < 0 equals the float32 limit 0.01 × 1, which is not "below" it.
        float[] z = {-1, -5, -100, -1e30f};
        LayerHealth h = Layers.health(TestActivations.LEAKY_RELU, z, 4, 1);
        assertEquals(0.0, h.saturatedFraction(), 0.0);
        assertEquals(0.0, h.deadFraction(), 0.0);
    }

    @Test
    void unitStatesMatchTheLayerShares() {
        // Three units over 100 samples: unit 0 z = -1 always (relu: dead), unit 1 z = 30 on 99 samples
        // (sigmoid: saturated; sigmoid at -1 is healthy), unit 2 z = 30 on 98 (neither, at share 0.99).
        int n = 100;
        float[] z = new float[3 * n];
        for (int s = 0; s < n; s++) {
            z[3 * s] = -1;
            z[3 * s + 1] = s < 99 ? 30 : 0;
            z[3 * s + 2] = s < 98 ? 30 : 0;
        }
        assertArrayEquals(new UnitState[] {UnitState.HEALTHY, UnitState.SATURATED, UnitState.HEALTHY},
                Diagnostics.unitStates(TestActivations.SIGMOID, z, n, 3, DEFAULTS));
        assertArrayEquals(new UnitState[] {UnitState.DEAD, UnitState.HEALTHY, UnitState.HEALTHY},
                Diagnostics.unitStates(TestActivations.RELU, z, n, 3, DEFAULTS));
        assertArrayEquals(new UnitState[] {UnitState.HEALTHY, UnitState.HEALTHY, UnitState.HEALTHY},
                Diagnostics.unitStates(TestActivations.LEAKY_RELU, z, n, 3, DEFAULTS));
        LayerHealth relu = Layers.health(TestActivations.RELU, z, n, 3);
        assertEquals(1.0 / 3, relu.deadFraction(), 0.0);
        assertEquals(1.0 / 3, relu.saturatedUnits(), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Diagnostics.unitStates(TestActivations.RELU, z, n, 4, DEFAULTS));
        assertTrue(e.getMessage().contains("units=4, z.length=300"), e.getMessage());
    }

    @Test
    void aUnitIsSaturatedFromItsShareOfSaturatedSamples() {
        // Unit 0 is saturated (z = 20) on 99 of 100 samples, unit 1 on 98: with share 0.99 only unit 0 counts.
        int n = 100;
        float[] z = new float[2 * n];
        for (int s = 0; s < n; s++) {
            z[2 * s] = s < 99 ? 20f : 0f;
            z[2 * s + 1] = s < 98 ? -20f : 0f;
        }
        LayerHealth h = Layers.health(TestActivations.SIGMOID, z, n, 2);
        assertEquals(197.0 / 200, h.saturatedFraction(), 0.0);
        assertEquals(0.5, h.saturatedUnits(), 0.0);
        assertEquals(0.0, h.deadFraction(), 0.0);
    }

    @Test
    void meanAndStdAreThePopulationMoments() {
        // a = z for identity: values 1, 2, 3, 4 have mean 2.5 and population variance 1.25.
        LayerHealth h = Layers.health(TestActivations.IDENTITY, new float[] {1, 2, 3, 4}, 2, 2);
        assertEquals(2.5, h.meanActivation(), 0.0);
        assertEquals(Math.sqrt(1.25), h.stdActivation(), 1e-15);
        assertEquals(2, h.units());
        assertEquals("identity", h.activation());
        assertEquals(4, h.preActivations().total());
        assertTrue(Double.isNaN(h.gradientNorm()));
    }

    @Test
    void histogramOfALayerCountsEveryPair() {
        int n = 37;
        float[] x = Layers.uniform(n, 3, 5);
        float[] w = Layers.uniform(5, 3, 6);
        float[] z = Layers.preActivations(x, n, 3, w, new float[5], 5);
        LayerHealth h = Layers.health(TestActivations.TANH, z, n, 5);
        assertEquals(40, h.preActivations().bins());
        assertEquals((long) n * 5, h.preActivations().total());
    }

    private static double bisect(java.util.function.DoubleUnaryOperator g, double lo, double hi) {
        // g decreasing on [lo, hi] with a sign change.
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (g.applyAsDouble(mid) > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}

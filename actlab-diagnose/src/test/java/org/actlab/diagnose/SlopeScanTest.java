package org.actlab.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SlopeScanTest {

    @Test
    void largestSlopesOfTheClosedFormsAreFound() {
        assertEquals(0.25, SlopeScan.of(TestActivations.SIGMOID).maxSlope(), 0.0);
        assertEquals(1.0, SlopeScan.of(TestActivations.TANH).maxSlope(), 0.0);
        assertEquals(1.0, SlopeScan.of(TestActivations.RELU).maxSlope(), 0.0);
        assertEquals(1.0, SlopeScan.of(TestActivations.LEAKY_RELU).maxSlope(), 0.0);
    }

    @Test
    void aMaximumAwayFromZeroIsFoundToTheGridsPrecision() {
        // Reference: maximise d/dx [x σ(x)] = σ + x σ (1 − σ) in double by golden-section search on [1, 4].
        double lo = 1;
        double hi = 4;
        double g = (Math.sqrt(5) - 1) / 2;
        for (int i = 0; i < 200; i++) {
            double c = hi - g * (hi - lo);
            double d = lo + g * (hi - lo);
            if (swishSlope(c) > swishSlope(d)) {
                hi = d;
            } else {
                lo = c;
            }
        }
        double reference = swishSlope(0.5 * (lo + hi));
        assertEquals(1.0998, reference, 1e-4);
        assertEquals(reference, SlopeScan.of(TestActivations.SWISH).maxSlope(), 1e-6);
    }

    @Test
    void anUnboundedSlopeIsMeasuredAgainstItsLargestValueOnMinusOneToOne() {
        SlopeScan exp = SlopeScan.of(TestActivations.EXPONENTIAL);
        assertTrue(exp.unbounded());
        assertEquals(Math.E, exp.maxSlope(), 1e-6);
        SlopeScan cube = SlopeScan.of(TestActivations.CUBE);
        assertTrue(cube.unbounded());
        assertEquals(3.0, cube.maxSlope(), 1e-6);
        assertFalse(SlopeScan.of(TestActivations.SIGMOID).unbounded());
        assertFalse(SlopeScan.of(TestActivations.SWISH).unbounded());
        assertFalse(SlopeScan.of(TestActivations.IDENTITY).unbounded());
        // e^z < 0.01 e exactly when z < 1 + ln 0.01 = -3.605: z = -4 is saturated, z = -3 is not.
        float[] z = {-4, -3};
        LayerHealth h = LayerStatistics.layerHealth(0, TestActivations.EXPONENTIAL, z,
                Layers.apply(TestActivations.EXPONENTIAL, z), 2, 1, LayerStatistics.StepFigures.NONE,
                DiagnosticsConfig.defaults());
        assertEquals(0.5, h.saturatedFraction(), 0.0);
    }

    @Test
    void onlyLogisticAndTanhSaturateOnBothSides() {
        assertTrue(SlopeScan.of(TestActivations.SIGMOID).saturatesBothSides(0.01));
        assertTrue(SlopeScan.of(TestActivations.TANH).saturatesBothSides(0.01));
        assertFalse(SlopeScan.of(TestActivations.RELU).saturatesBothSides(0.01));
        assertFalse(SlopeScan.of(TestActivations.LEAKY_RELU).saturatesBothSides(0.01));
        assertFalse(SlopeScan.of(TestActivations.SWISH).saturatesBothSides(0.01));
        assertFalse(SlopeScan.of(TestActivations.IDENTITY).saturatesBothSides(0.01));
    }

    private static double swishSlope(double x) {
        double s = TestActivations.logistic(x);
        return s + x * s * (1 - s);
    }
}

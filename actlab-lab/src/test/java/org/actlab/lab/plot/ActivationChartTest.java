package org.actlab.lab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.diagnose.Diagnostics;
import org.junit.jupiter.api.Test;

class ActivationChartTest {

    @Test
    void sigmoidSaturatesBeyondTheClosedFormPoint() {
        Activation sigmoid = Activations.parse("sigmoid");
        assertEquals(0.0025f, Diagnostics.saturationLimit(sigmoid, ActivationChart.SATURATION_SHARE), 1e-9,
                "1% of sigmoid'(0) = 1/4");
        // sigma'(x) = s(1-s) = 0.0025 at s = (1 - sqrt(0.99))/2, so |x| = ln((1-s)/s).
        double s = (1 - Math.sqrt(0.99)) / 2;
        double edge = Math.log((1 - s) / s);
        List<ActivationChart.Interval> saturated = ActivationChart.saturatedIntervals(sigmoid, -8, 8);
        assertEquals(2, saturated.size(), saturated.toString());
        double step = 16.0 / (ActivationChart.SLOPE_SAMPLES - 1);
        assertEquals(-8, saturated.get(0).from(), 1e-6);
        assertEquals(-edge, saturated.get(0).to(), step);
        assertEquals(edge, saturated.get(1).from(), step);
        assertEquals(8, saturated.get(1).to(), 1e-6);
    }

    @Test
    void reluIsSaturatedOnTheLeftOnlyAndIdentityNowhere() {
        List<ActivationChart.Interval> relu = ActivationChart.saturatedIntervals(Activations.parse("relu"), -3, 3);
        assertEquals(1, relu.size());
        assertEquals(-3, relu.get(0).from(), 1e-6);
        assertEquals(0, relu.get(0).to(), 1e-6, "relu'(0) = 0 by the catalogue's convention");
        assertTrue(ActivationChart.saturatedIntervals(Activations.parse("identity"), -3, 3).isEmpty());
        assertTrue(ActivationChart.saturatedIntervals(Activations.parse("leaky_relu(0.01)"), -3, 3).isEmpty(),
                "a slope of exactly 1% is not below 1%");
    }

    @Test
    void badRangesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ActivationChart.create(List.of(Activations.parse("tanh")), 2, 1));
        assertTrue(e.getMessage().contains("2.0:1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ActivationChart.create(List.of(), -1, 1));
    }
}

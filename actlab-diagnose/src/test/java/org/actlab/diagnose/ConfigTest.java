package org.actlab.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ConfigTest {

    @Test
    void defaultsAreTheDocumentedValues() {
        DiagnosticsConfig d = DiagnosticsConfig.defaults();
        assertEquals(new DiagnosticsConfig(0.01, 0.99, 40, 1, AdviceThresholds.defaults()), d);
        assertEquals(new AdviceThresholds(0.5, 0.2, 0.5, 0.8, 0.01, 100), d.advice());
        assertEquals(5, d.withEvaluateEvery(5).evaluateEvery());
    }

    @Test
    void badValuesAreNamedInTheMessage() {
        rejects(() -> new DiagnosticsConfig(0, 0.99, 40, 1), "saturationThreshold", "0.0");
        rejects(() -> new DiagnosticsConfig(1, 0.99, 40, 1), "saturationThreshold", "1.0");
        rejects(() -> new DiagnosticsConfig(Double.NaN, 0.99, 40, 1), "saturationThreshold", "NaN");
        rejects(() -> new DiagnosticsConfig(0.01, 1.5, 40, 1), "saturatedUnitShare", "1.5");
        rejects(() -> new DiagnosticsConfig(0.01, 0.99, 0, 1), "histogramBins", "0");
        rejects(() -> new DiagnosticsConfig(0.01, 0.99, 40, 0), "evaluateEvery", "0");
        rejects(() -> new AdviceThresholds(0, 0.2, 0.5, 0.8, 0.01, 100), "saturatedFraction", "0.0");
        rejects(() -> new AdviceThresholds(0.5, 0.2, 0.5, 0.8, 1, 0.5), "vanishingRatio=1.0", "explodingRatio=0.5");
    }

    private static void rejects(Executable make, String... inMessage) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make);
        for (String s : inMessage) {
            assertTrue(e.getMessage().contains(s), e.getMessage() + " should name " + s);
        }
    }
}

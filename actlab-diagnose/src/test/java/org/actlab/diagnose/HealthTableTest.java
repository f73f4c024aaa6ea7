package org.actlab.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text table for the CLI and the JSON form of the records. */
class HealthTableTest {

    private static HealthReport sample() {
        Histogram h = new Histogram(-2, 2, new long[] {3, 1});
        LayerHealth hidden = new LayerHealth(0, "leaky_relu(slope=0.01)", 8, 0.25, 0.5, 0.125, 0, 0.375, 0.9,
                0.0123, 0.004, 0.002, h, false, false);
        LayerHealth out = new LayerHealth(1, "identity", 1, -0.1, 1.5, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, h, false, true);
        Advice advice = new Advice(Advisor.DEAD_UNITS, "use leaky_relu", "layer 0: 3 of 8 units dead");
        return new HealthReport(4, List.of(hidden, out), Double.NaN, List.of(advice));
    }

    @Test
    void tableHasOneAlignedRowPerLayerAndTheAdvice() {
        String text = HealthTable.format(sample());
        String[] lines = text.split("\\R");
        assertEquals("health after epoch 4: gradient ratio first/last layer -", lines[0]);
        assertTrue(lines[1].startsWith("layer  activation"), lines[1]);
        assertEquals(lines[1].length(), lines[2].length(), text);
        assertEquals(lines[1].length(), lines[3].length(), text);
        assertTrue(lines[2].matches(" +0  leaky_relu\\(slope=0.01\\) +8 +0.2500 +0.5000 +12.5 +0.0 +- +37.5 +90.0 "
                + "+0.0123 +0.00400 +0.00200"), lines[2]);
        assertTrue(lines[3].matches(" +1  identity +1 +-0.1000 +1.5000 +0.0 +0.0 +- +0.0 +- +- +- +-"), lines[3]);
        assertEquals("advice [dead-units]: use leaky_relu", lines[4]);
        assertEquals("    because layer 0: 3 of 8 units dead", lines[5]);
    }

    @Test
    void hugeAndInfiniteFiguresKeepTheColumnsAligned() {
        Histogram h = new Histogram(-2, 2, new long[] {1});
        LayerHealth diverged = new LayerHealth(0, "relu", 8, 6.68e18, Double.POSITIVE_INFINITY, 0.79, 0.625, 0.5,
                0.013, 6.85e12, 1.33e13, 0.214, h, false, false);
        LayerHealth out = new LayerHealth(1, "identity", 3, -1234.5, 0, 0, 0, 0, 0, 1, 1, 1, h, false, true);
        String[] lines = HealthTable.format(new HealthReport(0, List.of(diverged, out), 6.85e12, List.of())).split("\\R");
        assertEquals(lines[1].length(), lines[2].length(), lines[2]);
        assertEquals(lines[1].length(), lines[3].length(), lines[3]);
        assertTrue(lines[2].contains(" 6.68e+18 ") && lines[2].contains(" Infinity "), lines[2]);
        assertTrue(lines[3].contains(" -1.23e+03 "), lines[3]);
        assertEquals("advice: none", lines[4]);
    }

    @Test
    void jsonCarriesTheDocumentedFieldsAndReadsBack() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        HealthReport report = sample();
        String json = mapper.writeValueAsString(report);
        JsonNode tree = mapper.readTree(json);
        JsonNode layer = tree.get("layers").get(0);
        for (String field : List.of("index", "activation", "units", "meanActivation", "stdActivation",
                "saturatedFraction", "saturatedUnits", "deadFraction", "signCoherence", "gradientNorm",
                "biasGradientNorm", "updateRatio", "preActivations", "saturating", "zeroCentred",
                "nearAsymptoteFraction", "nearAsymptoteUnits")) {
            assertTrue(layer.has(field), field + " missing in " + layer);
        }
        assertEquals(17, layer.size(), layer.toString());
        assertEquals(3, layer.get("preActivations").size(), layer.get("preActivations").toString());
        assertEquals(0.375, layer.get("deadFraction").asDouble(), 0.0);
        assertEquals("NaN", tree.get("gradientRatio").asText());
        assertEquals("dead-units", tree.get("advice").get(0).get("rule").asText());
        assertEquals(report, mapper.readValue(json, HealthReport.class));
    }
}

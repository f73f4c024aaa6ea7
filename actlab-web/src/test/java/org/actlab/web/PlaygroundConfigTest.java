package org.actlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Config parsing: defaults, canonical specs, and the exported config.json reading back as the same config. */
class PlaygroundConfigTest {

    @Test
    void anEmptyObjectGivesThePlaygroundDefaults() throws Exception {
        PlaygroundConfig c = PlaygroundConfig.parse(HttpHelper.JSON.readTree("{}"), Limits.defaults());
        assertEquals("circle", c.dataset());
        assertEquals("classification", c.problem());
        assertEquals(List.of("x1", "x2"), c.features());
        assertEquals(List.of(new PlaygroundConfig.Layer(4, "tanh"), new PlaygroundConfig.Layer(2, "tanh")), c.layers());
        assertEquals("cross_entropy", c.loss());
        assertEquals(0.03, c.learningRate(), 0.0);
        assertEquals(50, c.gridSize());
    }

    @Test
    void theExportedConfigParsesBackToItself() throws Exception {
        PlaygroundConfig c = PlaygroundConfig.parse(HttpHelper.JSON.readTree(
                "{\"dataset\":\"moons\",\"noise\":15,\"features\":[\"x1\",\"sin x2\"],\"layers\":[{\"units\":3,\"activation\":\"leaky_relu(0.2)\"}],"
                        + "\"learningRate\":0.1,\"optimizer\":\"adam\",\"regularization\":\"l2\",\"regularizationRate\":0.001,\"seed\":-7}"),
                Limits.defaults());
        assertEquals("sin(x2)", c.features().get(1), "feature names are canonical");
        JsonNode exported = HttpHelper.JSON.valueToTree(c);
        assertEquals(15.0, exported.get("noise").asDouble());
        assertEquals(c, PlaygroundConfig.parse(exported, Limits.defaults()));
    }
}

package org.actlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.actlab.lab.run.RunJson;
import org.junit.jupiter.api.Test;

/**
 * The browser build writes and reads JSON without Jackson's ObjectMapper; on the JVM both are at hand, so
 * this checks that the hand-written documents are the server's, field for field.
 */
class BrowserJsonTest {

    private static final ObjectMapper JSON = RunJson.mapper();

    private static JsonNode tree(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static TrainingSession trained(String config, int epochs) {
        TrainingSession session = new TrainingSession("t1", PlaygroundConfig.parse(JsonTree.parse(config), Limits.defaults()),
                Limits.defaults());
        session.trainEpochsSlice(epochs, Long.MAX_VALUE);
        return session;
    }

    @Test
    void stateAndUpdateAreTheServersDocuments() throws Exception {
        TrainingSession session = trained("{\"dataset\":\"spiral\",\"noise\":10,\"layers\":[{\"units\":6,\"activation\":\"relu\"},"
                + "{\"units\":3,\"activation\":\"elu(alpha=0.5)\"}],\"optimizer\":\"adam\",\"gridSize\":20,\"seed\":7}", 3);
        assertEquals(tree(JSON.writeValueAsString(session.state())), tree(BrowserJson.state(session.state())));
        Payloads.Update update = session.update(1);
        assertTrue(update.health() != null && !update.points().isEmpty(), "a trained update has diagnostics and history");
        assertEquals(tree(JSON.writeValueAsString(update)), tree(BrowserJson.update(update)));
        assertEquals(tree(JSON.writeValueAsString(session.unitGrid(0, 2))), tree(BrowserJson.heatmap(session.unitGrid(0, 2))));
        assertEquals(tree(JSON.writeValueAsString(session.weights())), tree(BrowserJson.weights(session.weights())));
        assertEquals(tree(JSON.writeValueAsString(session.history())), tree(BrowserJson.history(session.history())));
    }

    @Test
    void aDivergedUpdateWritesNullsWhereTheServerDoes() throws Exception {
        TrainingSession session = trained("{\"dataset\":\"plane\",\"learningRate\":10,\"layers\":[{\"units\":8,\"activation\":\"relu\"}],"
                + "\"samples\":50,\"seed\":3}", 50);
        Payloads.Update update = session.update();
        assertTrue(update.diverged() != null, "learning rate 10 on plane diverges within 50 epochs");
        assertEquals(tree(JSON.writeValueAsString(update)), tree(BrowserJson.update(update)));
    }

    @Test
    void configsReadLikeTheServersReader() throws Exception {
        String text = "{\"dataset\":\"xor\",\"features\":[\"x1\",\"x2\",\"x1x2\"],\"layers\":[{\"units\":3,\"activation\":\"prelu\"}],"
                + "\"learningRate\":0.25,\"seed\":-12,\"weightInit\":\"normal(std=0.5)\",\"noise\":12.5}";
        PlaygroundConfig server = PlaygroundConfig.parse(JSON.readTree(text), Limits.defaults());
        assertEquals(server, PlaygroundConfig.parse(JsonTree.parse(text), Limits.defaults()));
        assertEquals(tree(JSON.writeValueAsString(server)), tree(BrowserJson.config(server)));
        // The same one-line errors, quoting the bad value the same way.
        for (String bad : new String[] {"{\"samples\":2.5}", "{\"features\":[\"x1\",7]}", "{\"layers\":{\"units\":2}}",
                "{\"seed\":1e300}", "{\"dataset\":\"nope\"}"}) {
            String expected = assertThrows(IllegalArgumentException.class,
                    () -> PlaygroundConfig.parse(JSON.readTree(bad), Limits.defaults())).getMessage();
            String actual = assertThrows(IllegalArgumentException.class,
                    () -> PlaygroundConfig.parse(JsonTree.parse(bad), Limits.defaults())).getMessage();
            assertEquals(expected, actual, bad);
        }
    }

    @Test
    void nodeTextIsJacksonsCompactText() throws Exception {
        for (String text : new String[] {"{\"a\":[1,-2.5,1.0E300,\"x\\\"y\\u0001\",true,null],\"b\":{}}", "12.5", "-7", "\"tanh\""}) {
            JsonNode node = JSON.readTree(text);
            assertEquals(node.toString(), BrowserJsonText.of(node), text);
        }
    }

    @Test
    void theExplorersCurveIsTheActivations() throws Exception {
        JsonNode curve = tree(BrowserPlayground.activation("elu(alpha=0.5)", -6, 6, 241));
        org.actlab.activation.Activation elu = org.actlab.activation.Activations.parse("elu(alpha=0.5)");
        assertEquals(elu.spec(), curve.get("spec").asText());
        assertEquals(241, curve.get("x").size());
        for (int i = 0; i < 241; i += 20) {
            float x = (float) (-6 + 12.0 * i / 240);
            assertEquals(x, curve.get("x").get(i).asDouble(), 0);
            assertEquals(elu.apply(x), curve.get("f").get(i).asDouble(), 0);
            assertEquals(elu.derivative(x), curve.get("df").get(i).asDouble(), 0);
        }
        JsonNode error = tree(BrowserPlayground.activation("nope", -6, 6, 241));
        assertEquals(400, error.get("status").asInt());
        assertTrue(error.get("error").asText().contains("nope"), error.toString());
    }

    @Test
    void malformedJsonIsAOneLineError() {
        for (String bad : new String[] {"{", "{\"a\":1,\"a\":2}", "[1,]", "{\"a\":1} x", "{\"a\":tru}", "\"\\x\""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonTree.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("bad JSON at character "), e.getMessage());
        }
        assertEquals(null, JsonTree.parse("  "));
    }
}

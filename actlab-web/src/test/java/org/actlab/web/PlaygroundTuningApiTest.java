package org.actlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Settings changed without a reset, hand-edited weights and the per-unit grid, against a real LIVE.server(). */
class PlaygroundTuningApiTest {

    @RegisterExtension
    static final LoopbackServer LIVE = new LoopbackServer(Limits.defaults());

    private static String create(String config) {
        return LIVE.http().createSession(config).get("session").asText();
    }

    /** Sets the weight from input {@code input} into unit 0 of layer 0, as the diagram's editor does. */
    private static JsonNode setWeight(String id, int input, double value) {
        return ok(LIVE.http().post("/api/sessions/" + id + "/parameter",
                "{\"layer\":0,\"unit\":0,\"input\":" + input + ",\"value\":" + value + "}"));
    }

    /** Sets the bias of unit 0 of layer 0. */
    private static JsonNode setBias(String id, double value) {
        return ok(LIVE.http().post("/api/sessions/" + id + "/parameter", "{\"layer\":0,\"unit\":0,\"value\":" + value + "}"));
    }

    private static JsonNode ok(HttpHelper.Reply reply) {
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    private static double[] weights(JsonNode update, int layer) {
        JsonNode w = update.get("layers").get(layer).get("weights");
        double[] out = new double[w.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = w.get(i).asDouble();
        }
        return out;
    }

    @Test
    void aNewLearningRateKeepsTheWeightsAndTheEpochAndScalesTheNextStep() {
        String config = "{\"dataset\":\"xor\",\"seed\":3,\"learningRate\":0.03,\"batchSize\":10}";
        String a = create(config);
        String b = create(config);
        ok(LIVE.http().post("/api/sessions/" + a + "/step?epochs=3", ""));
        JsonNode before = ok(LIVE.http().post("/api/sessions/" + b + "/step?epochs=3", ""));
        JsonNode stateA = ok(LIVE.http().post("/api/sessions/" + a + "/settings", config.replace("0.03", "0.3")));
        JsonNode stateB = ok(LIVE.http().post("/api/sessions/" + b + "/settings", config.replace("0.03", "0.6")));
        assertEquals(3, stateA.get("update").get("epoch").asInt(), "the epoch count stays");
        assertEquals(3, stateA.get("history").size(), "the history stays");
        assertEquals(0.3, stateA.get("config").get("learningRate").asDouble());
        double[] w0 = weights(before, 0);
        assertEquals(java.util.Arrays.toString(w0), java.util.Arrays.toString(weights(stateB.get("update"), 0)),
                "the weights are the ones trained before the change");
        // Same weights, same batch (each new trainer shuffles from the same seed), plain SGD: Δ at 0.6 = 2 Δ at 0.3.
        double[] wa = weights(ok(LIVE.http().post("/api/sessions/" + a + "/step?batches=1", "")), 0);
        double[] wb = weights(ok(LIVE.http().post("/api/sessions/" + b + "/step?batches=1", "")), 0);
        double moved = 0;
        for (int i = 0; i < w0.length; i++) {
            double da = wa[i] - w0[i];
            double db = wb[i] - w0[i];
            // Weights travel rounded to 1e-4, so each Δ carries up to 1e-4 of rounding.
            assertEquals(2 * da, db, 3e-4, "weight " + i);
            moved = Math.max(moved, Math.abs(db));
        }
        assertTrue(moved > 1e-3, "the step moved the weights: " + moved);
        LIVE.http().delete("/api/sessions/" + a);
        LIVE.http().delete("/api/sessions/" + b);
    }

    @Test
    void regenerateMakesNewDataAndKeepsTheNetwork() {
        String id = create("{\"dataset\":\"circle\",\"seed\":1,\"samples\":200}");
        JsonNode trained = ok(LIVE.http().post("/api/sessions/" + id + "/step?epochs=2", ""));
        JsonNode old = ok(LIVE.http().get("/api/sessions/" + id));
        JsonNode state = ok(LIVE.http().post("/api/sessions/" + id + "/settings", "{\"dataset\":\"circle\",\"seed\":2,\"samples\":200}"));
        assertNotEquals(old.get("train").get("xy").toString(), state.get("train").get("xy").toString(), "new points");
        assertEquals(java.util.Arrays.toString(weights(trained, 0)), java.util.Arrays.toString(weights(state.get("update"), 0)));
        assertEquals(2, state.get("update").get("epoch").asInt());
        JsonNode next = ok(LIVE.http().post("/api/sessions/" + id + "/step?epochs=1", ""));
        assertEquals(3, next.get("epoch").asInt(), "training goes on counting");
        LIVE.http().delete("/api/sessions/" + id);
    }

    @Test
    void settingsThatChangeTheNetworkAreRefusedAndLeaveTheSessionAlone() {
        String id = create("{\"dataset\":\"circle\"}");
        ok(LIVE.http().post("/api/sessions/" + id + "/step?epochs=1", ""));
        HttpHelper.Reply reply = LIVE.http().post("/api/sessions/" + id + "/settings",
                "{\"dataset\":\"circle\",\"layers\":[{\"units\":3,\"activation\":\"relu\"}]}");
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.json().get("error").asText().contains("reset"), reply.body());
        JsonNode state = ok(LIVE.http().get("/api/sessions/" + id));
        assertEquals(1, state.get("update").get("epoch").asInt());
        assertEquals("tanh", state.get("config").get("layers").get(0).get("activation").asText());
        LIVE.http().delete("/api/sessions/" + id);
    }

    @Test
    void editedWeightsGiveTheOutputOfTheClosedForm() {
        // No hidden layer: the output is sigmoid(w1 x1 + w2 x2 + b). With w1 = 1, w2 = 0, b = 0.5 each cell is sigmoid(x1 + 0.5).
        String id = create("{\"dataset\":\"circle\",\"layers\":[],\"gridSize\":20}");
        setWeight(id, 0, 1);
        setWeight(id, 1, 0);
        JsonNode update = setBias(id, 0.5);
        assertEquals(0.5, update.get("layers").get(0).get("bias").get(0).asDouble(), 1e-6);
        JsonNode heat = update.get("heatmap").get("values");
        JsonNode unit = ok(LIVE.http().get("/api/sessions/" + id + "/unit?layer=0&unit=0"));
        assertEquals(20, unit.get("size").asInt());
        for (int row = 0; row < 20; row += 7) {
            for (int col = 0; col < 20; col++) {
                double x1 = -6 + (col + 0.5) * 12.0 / 20;
                double expected = 1 / (1 + Math.exp(-(x1 + 0.5)));
                assertEquals(expected, heat.get(row * 20 + col).asDouble(), 1.5e-3, "cell " + row + "," + col);
                assertEquals(expected, unit.get("values").get(row * 20 + col).asDouble(), 1.5e-3);
            }
        }
        // The output's thumbnail (20 x 20, the same cells here) is 2p - 1 on the colour scale, one byte a cell.
        double[] thumb = thumb(update, 0, 0);
        for (int row = 0; row < 20; row++) {
            for (int col = 0; col < 20; col++) {
                double x1 = -6 + (col + 0.5) * 12.0 / 20;
                double expected = 2 / (1 + Math.exp(-(x1 + 0.5))) - 1;
                assertEquals(expected, thumb[row * 20 + col], 0.5 / 127 + 1e-6, "thumbnail cell " + row + "," + col);
            }
        }
        LIVE.http().delete("/api/sessions/" + id);
    }

    /**
     * One unit's thumbnail from an update, decoded as the page decodes it: base64 bytes, layer after layer and unit
     * after unit, k standing for k / 127 - 1 (255 for NaN).
     */
    static double[] thumb(JsonNode update, int layer, int unit) {
        JsonNode thumbs = update.get("thumbs");
        int cells = thumbs.get("size").asInt() * thumbs.get("size").asInt();
        byte[] bytes = java.util.Base64.getDecoder().decode(thumbs.get("values").asText());
        int start = 0;
        int total = 0;
        for (int i = 0; i < thumbs.get("units").size(); i++) {
            total += thumbs.get("units").get(i).asInt() * cells;
            if (i < layer) {
                start += thumbs.get("units").get(i).asInt() * cells;
            }
        }
        assertEquals(total, bytes.length, "one byte per cell of every unit");
        start += unit * cells;
        double[] out = new double[cells];
        for (int s = 0; s < cells; s++) {
            int k = bytes[start + s] & 0xff;
            out[s] = k == 255 ? Double.NaN : k / 127.0 - 1;
        }
        return out;
    }

    @Test
    void theUnitGridIsTheHiddenUnitsActivationAtFullResolution() {
        // One tanh unit with w = (0, 1), b = 0: a = tanh(x2), and row 0 is the top of the plane (x2 = 6).
        String id = create("{\"dataset\":\"circle\",\"layers\":[{\"units\":1,\"activation\":\"tanh\"}],\"gridSize\":40}");
        setWeight(id, 0, 0);
        setWeight(id, 1, 1);
        setBias(id, 0);
        JsonNode unit = ok(LIVE.http().get("/api/sessions/" + id + "/unit?layer=0&unit=0"));
        assertEquals(1600, unit.get("values").size());
        for (int row = 0; row < 40; row++) {
            double x2 = 6 - (row + 0.5) * 12.0 / 40;
            assertEquals(Math.tanh(x2), unit.get("values").get(row * 40 + 3).asDouble(), 1.5e-3, "row " + row);
        }
        // Its thumbnail on the 20 x 20 grid: tanh(x2) row by row, within half a byte step.
        double[] thumb = thumb(ok(LIVE.http().get("/api/sessions/" + id)).get("update"), 0, 0);
        for (int row = 0; row < 20; row++) {
            double x2 = 6 - (row + 0.5) * 12.0 / 20;
            for (int col = 0; col < 20; col++) {
                assertEquals(Math.tanh(x2), thumb[row * 20 + col], 0.5 / 127 + 1e-6, "thumbnail row " + row);
            }
        }
        LIVE.http().delete("/api/sessions/" + id);
    }

    /**
     * The diagnostics' output criterion in the diagram and the health report: one tanh unit with w = 0 outputs tanh(b)
     * on every point. tanh(2) = 0.964 is within 5 % of the output range (2) of the asymptote 1 (above 0.9) while
     * tanh'(2) = 0.071 is above 1 % of the maximum slope: near an asymptote, not saturated by slope. tanh(0.5) = 0.46
     * is neither; tanh(4) = 0.9993 with tanh'(4) = 0.0013 is both.
     */
    @Test
    void aUnitNearItsAsymptoteIsFlaggedBesideTheSlopeCriterion() {
        String id = create("{\"dataset\":\"circle\",\"layers\":[{\"units\":1,\"activation\":\"tanh\"}],\"learningRate\":0.00001}");
        setWeight(id, 0, 0);
        setWeight(id, 1, 0);
        double[][] cases = {{2, 1, 0}, {0.5, 0, 0}, {4, 1, 1}, {-2, 1, 0}};
        for (double[] c : cases) {
            JsonNode layer = setBias(id, c[0]).get("layers").get(0);
            assertEquals(c[1] == 1, layer.get("nearAsymptote").get(0).asBoolean(), "b = " + c[0] + ": " + layer);
            assertEquals((int) c[2], layer.get("flags").get(0).asInt(), "b = " + c[0] + ": " + layer);
        }
        // One epoch at a learning rate of 1e-5 leaves b near 2: every pair and the unit are near the asymptote.
        setBias(id, 2);
        JsonNode health = ok(LIVE.http().post("/api/sessions/" + id + "/step?epochs=1", "")).get("health").get("layers").get(0);
        assertEquals(1.0, health.get("nearAsymptoteFraction").asDouble(), 1e-12, health.toString());
        assertEquals(1.0, health.get("nearAsymptoteUnits").asDouble(), 1e-12, health.toString());
        assertEquals(0.0, health.get("saturatedFraction").asDouble(), 1e-12, "tanh'(2) is not below 1 %: " + health);
        LIVE.http().delete("/api/sessions/" + id);
        // ReLU is not bounded on both sides: the criterion does not apply (false, and null as a share).
        String relu = create("{\"dataset\":\"circle\",\"layers\":[{\"units\":3,\"activation\":\"relu\"}]}");
        JsonNode stepped = ok(LIVE.http().post("/api/sessions/" + relu + "/step?epochs=1", ""));
        for (JsonNode flag : stepped.get("layers").get(0).get("nearAsymptote")) {
            assertTrue(!flag.asBoolean(), stepped.get("layers").get(0).toString());
        }
        assertTrue(stepped.get("health").get("layers").get(0).get("nearAsymptoteFraction").isNull(),
                stepped.get("health").get("layers").get(0).toString());
        LIVE.http().delete("/api/sessions/" + relu);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"layer\":5,\"unit\":0,\"value\":1}",
        "{\"layer\":0,\"unit\":9,\"value\":1}",
        "{\"layer\":0,\"unit\":0,\"input\":2,\"value\":1}",
        "{\"layer\":0,\"unit\":0,\"input\":-1,\"value\":1}",
        "{\"layer\":0,\"unit\":0,\"value\":\"big\"}",
        "{\"layer\":0,\"unit\":0,\"value\":1e300}",
        "{\"layer\":0,\"unit\":0}",
        "{\"layer\":0,\"unit\":0,\"value\":1,\"extra\":1}",
        "{\"layer\":0.5,\"unit\":0,\"value\":1}",
        "[1,2]",
    })
    void badParameterEditsAreOneLine400s(String body) {
        String id = create("{\"dataset\":\"circle\",\"layers\":[{\"units\":2,\"activation\":\"tanh\"}]}");
        HttpHelper.Reply reply = LIVE.http().post("/api/sessions/" + id + "/parameter", body);
        assertEquals(400, reply.status(), body + " -> " + reply.body());
        assertTrue(reply.json().get("error").asText().length() > 10, reply.body());
        assertEquals(400, LIVE.http().get("/api/sessions/" + id + "/unit?layer=3&unit=0").status());
        assertEquals(400, LIVE.http().get("/api/sessions/" + id + "/unit?layer=0").status());
        LIVE.http().delete("/api/sessions/" + id);
    }
}

package org.actlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON API against a real server on loopback. */
class PlaygroundApiTest {

    @RegisterExtension
    static final LoopbackServer LIVE = new LoopbackServer(Limits.defaults());

    private static JsonNode create(String config) {
        return LIVE.http().createSession(config);
    }

    @Test
    void startBindsAnEphemeralPortAndStopReleasesIt() {
        assertTrue(LIVE.server().port() > 0);
        PlaygroundServer other = new PlaygroundServer();
        int port = other.start("127.0.0.1", 0);
        assertTrue(port > 0 && port != LIVE.server().port());
        other.stop();
        assertEquals(-1, other.port());
    }

    @Test
    void aPortInUseIsAOneLineError() {
        PlaygroundServer other = new PlaygroundServer();
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> other.start("127.0.0.1", LIVE.server().port()));
        assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + LIVE.server().port()), e.getMessage());
        assertEquals(-1, other.port());
        IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> other.start("127.0.0.1", 70000));
        assertTrue(bad.getMessage().contains("70000"));
    }

    @Test
    void servesThePageAndItsModules() {
        HttpHelper.Reply page = LIVE.http().get("/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<script type=\"module\" src=\"app.js\">"), page.body());
        for (String file : List.of("app.js", "api.js", "draw.js", "style.css", "index.html", "favicon.svg")) {
            assertEquals(200, LIVE.http().get("/" + file).status(), file);
        }
    }

    @Test
    void trainingOnCircleLowersTheLoss() {
        JsonNode state = create("{\"dataset\":\"circle\",\"samples\":300,\"learningRate\":0.1,\"seed\":3}");
        String id = state.get("session").asText();
        double before = state.get("update").get("trainLoss").asDouble();
        assertEquals(0, state.get("update").get("epoch").asInt());
        assertEquals(240, state.get("train").get("n").asInt(), "80 % of 300 rows train, the run description's default");
        assertEquals(60, state.get("test").get("n").asInt());

        HttpHelper.Reply step = LIVE.http().post("/api/sessions/" + id + "/step?epochs=40", "");
        assertEquals(200, step.status(), step.body());
        JsonNode update = step.json();
        assertEquals(40, update.get("epoch").asInt());
        assertEquals(40 * 24, update.get("step").asLong(), "240 rows in batches of 10 are 24 steps per epoch");
        assertEquals(40, update.get("points").size(), "one history point per epoch of the call");
        assertEquals(39, update.get("points").get(39).get("epoch").asInt());
        double after = update.get("trainLoss").asDouble();
        assertTrue(after < 0.7 * before, "loss " + before + " -> " + after);
        assertTrue(update.get("trainAccuracy").asDouble() > 0.8, update.get("trainAccuracy").toString());

        JsonNode heatmap = update.get("heatmap");
        assertEquals(50, heatmap.get("size").asInt());
        assertEquals(2500, heatmap.get("values").size());
        // The circle's inside (label 1) is at the centre of the grid and its outside at the corners.
        double centre = heatmap.get("values").get(25 * 50 + 25).asDouble();
        double corner = heatmap.get("values").get(0).asDouble();
        assertTrue(centre > 0.5 && corner < 0.5, "centre " + centre + ", corner " + corner);

        assertEquals(3, update.get("layers").size(), "two hidden layers and the output");
        assertEquals(4 * 2, update.get("layers").get(0).get("weights").size());
        JsonNode thumbs = update.get("thumbs");
        assertEquals(20, thumbs.get("size").asInt());
        assertEquals("[4,2,1]", thumbs.get("units").toString(), "units per layer, hidden layers then the output");
        assertEquals((4 + 2 + 1) * 400, java.util.Base64.getDecoder().decode(thumbs.get("values").asText()).length);
        assertNotNull(update.get("health"));
        assertEquals(3, update.get("health").get("layers").size());

        JsonNode history = LIVE.http().get("/api/sessions/" + id).json().get("history");
        assertEquals(40, history.size());
        assertEquals(39, history.get(39).get("epoch").asInt());
        assertEquals(3, history.get(39).get("gradientNorms").size());
    }

    @Test
    void stepByBatchesAndResetStartAgainFromTheSameWeights() {
        JsonNode state = create("{\"seed\":5}");
        String id = state.get("session").asText();
        JsonNode first = state.get("update");
        JsonNode stepped = LIVE.http().post("/api/sessions/" + id + "/step?batches=3", "").json();
        assertEquals(3, stepped.get("step").asLong());
        assertEquals(0, stepped.get("epoch").asInt());
        assertFalse(stepped.get("layers").get(0).get("weights").equals(first.get("layers").get(0).get("weights")));

        JsonNode reset = LIVE.http().post("/api/sessions/" + id + "/reset", "").json();
        assertEquals(0, reset.get("update").get("step").asLong());
        assertEquals(first.get("layers"), reset.get("update").get("layers"), "same config and seed: same initial weights");

        JsonNode relu = LIVE.http().post("/api/sessions/" + id + "/reset",
                "{\"seed\":5,\"layers\":[{\"units\":3,\"activation\":\"leaky_relu(0.2)\"}]}").json();
        assertEquals(2, relu.get("update").get("layers").size());
        assertEquals(3, relu.get("update").get("layers").get(0).get("units").asInt());
        assertTrue(relu.get("config").get("layers").get(0).get("activation").asText().startsWith("leaky_relu"));
    }

    @Test
    void featuresWidenTheFirstLayer() {
        JsonNode state = create("{\"features\":[\"x1\",\"x2\",\"x1^2\",\"x2^2\",\"x1*x2\",\"sin(x1)\",\"sin(x2)\"],\"layers\":[]}");
        JsonNode output = state.get("update").get("layers").get(0);
        assertEquals(7, output.get("inputs").asInt());
        assertEquals(1, output.get("units").asInt());
    }

    @Test
    void regressionAndCsvUploads() {
        JsonNode plane = create("{\"dataset\":\"plane\",\"layers\":[{\"units\":3,\"activation\":\"relu\"}]}");
        assertEquals("regression", plane.get("config").get("problem").asText());
        assertEquals("mse", plane.get("config").get("loss").asText());

        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 40; i++) {
            double x = -3 + 0.15 * i;
            csv.append(x).append(',').append(-x / 2).append(',').append(x > 0 ? 1 : 0).append('\n');
        }
        JsonNode uploaded = create("{\"dataset\":\"csv\",\"csv\":" + HttpHelper.JSON.valueToTree(csv.toString()) + "}");
        assertEquals(32, uploaded.get("train").get("n").asInt());
        JsonNode domain = uploaded.get("domain");
        assertTrue(domain.get(0).asDouble() < -3 && domain.get(1).asDouble() > 2.85, domain.toString());
    }

    @Test
    void liveUpdatesArriveOverServerSentEvents() throws Exception {
        String id = create("{\"samples\":200}").get("session").asText();
        HttpRequest request = HttpRequest.newBuilder(LIVE.http().uri("/api/sessions/" + id + "/events")).header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> response = LIVE.http().client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"), response.headers().map().toString());
        List<String> events = new ArrayList<>();
        List<Integer> epochs = new ArrayList<>();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String event = null;
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                        events.add(event);
                    } else if (line.startsWith("data:") && "update".equals(event)) {
                        epochs.add(HttpHelper.JSON.readTree(line.substring(5)).get("epoch").asInt());
                        if (epochs.size() >= 5) {
                            return;
                        }
                    }
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(200);
        assertEquals(200, LIVE.http().post("/api/sessions/" + id + "/play", "").status());
        reader.get(30, TimeUnit.SECONDS);
        assertEquals(200, LIVE.http().post("/api/sessions/" + id + "/pause", "").status());
        assertEquals("state", events.get(0), "a new stream starts with the full state");
        assertTrue(epochs.get(epochs.size() - 1) > epochs.get(1), "epochs advance while playing: " + epochs);
        response.body().close();
    }

    @Test
    void exportsConfigHistoryAndDiagnostics() {
        String id = create("{\"seed\":9}").get("session").asText();
        LIVE.http().post("/api/sessions/" + id + "/step?epochs=3", "");
        JsonNode config = LIVE.http().get("/api/sessions/" + id + "/export/config.json").json();
        assertEquals(9, config.get("seed").asLong());
        HttpHelper.Reply csv = LIVE.http().get("/api/sessions/" + id + "/export/history.csv");
        String[] rows = csv.body().split("\n");
        assertEquals(4, rows.length, csv.body());
        assertTrue(rows[0].startsWith("epoch,train_loss,test_loss"), rows[0]);
        assertTrue(rows[3].startsWith("2,"), rows[3]);
        JsonNode history = LIVE.http().get("/api/sessions/" + id + "/export/history.json").json();
        assertEquals(3, history.size());
        assertEquals(history.get(2).get("trainLoss").asDouble(), Double.parseDouble(rows[3].split(",")[1]), 0.0);
        JsonNode diagnostics = LIVE.http().get("/api/sessions/" + id + "/export/diagnostics.json").json();
        assertEquals(2, diagnostics.get("epoch").asInt());
        String diagnosticsCsv = LIVE.http().get("/api/sessions/" + id + "/export/diagnostics.csv").body();
        assertEquals(4, diagnosticsCsv.split("\n").length, diagnosticsCsv);
    }

    @Test
    void activationExplorerGivesFAndItsDerivative() {
        JsonNode tanh = LIVE.http().get("/api/activation?spec=tanh&from=-4&to=4&points=9").json();
        assertEquals(9, tanh.get("x").size());
        for (int i = 0; i < 9; i++) {
            double x = tanh.get("x").get(i).asDouble();
            assertEquals(Math.tanh(x), tanh.get("f").get(i).asDouble(), 1e-6);
            assertEquals(1 - Math.tanh(x) * Math.tanh(x), tanh.get("df").get(i).asDouble(), 1e-6);
            // max tanh' = 1, so saturated where 1 - tanh² < 0.01, i.e. |x| > 2.99.
            assertEquals(Math.abs(x) >= 3, tanh.get("saturated").get(i).asBoolean(), "x=" + x);
        }
        JsonNode leaky = LIVE.http().get("/api/activation?spec=leaky_relu(0.1)&from=-1&to=1&points=3").json();
        assertEquals(-0.1, leaky.get("f").get(0).asDouble(), 1e-7);
        assertEquals(0.1, leaky.get("df").get(0).asDouble(), 1e-7);
        assertFalse(leaky.get("saturated").get(0).asBoolean(), "leaky ReLU never saturates");
        JsonNode relu = LIVE.http().get("/api/activation?spec=relu&from=-1&to=1&points=3").json();
        assertTrue(relu.get("saturated").get(0).asBoolean(), "ReLU's flat side has f' = 0");
    }

    @Test
    void catalogueListsActivationsDataAndLimits() {
        JsonNode catalogue = LIVE.http().get("/api/catalogue").json();
        assertTrue(catalogue.get("activations").size() >= 5);
        boolean leaky = false;
        for (JsonNode a : catalogue.get("activations")) {
            if (a.get("id").asText().equals("leaky_relu")) {
                leaky = a.get("parameters").size() == 1;
            }
        }
        assertTrue(leaky, "leaky_relu is listed with its slope parameter");
        assertEquals(PlaygroundConfig.DATASETS.size(), catalogue.get("datasets").size());
        assertEquals(7, catalogue.get("features").size());
        assertEquals(Limits.defaults().maxLayers(), catalogue.get("limits").get("maxLayers").asInt());
    }

    /** Each bad config, with a word its message must contain. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"dataset\": | malformed JSON",
        "[1,2] | JSON object",
        "{\"colour\":1} | unknown config field 'colour'",
        "{\"dataset\":\"mnist\"} | unknown dataset 'mnist'",
        "{\"layers\":[{},{},{},{},{},{},{},{},{}]} | at most 8 hidden layers",
        "{\"layers\":[{\"units\":0}]} | layer 0 units",
        "{\"layers\":[{\"units\":17}]} | layer 0 units",
        "{\"layers\":[{\"units\":2.5}]} | layer 0 units",
        "{\"layers\":[{\"units\":2,\"activation\":\"rleu\"}]} | layer 0",
        "{\"layers\":[{\"units\":2,\"activation\":\"leaky_relu(slope=abc)\"}]} | layer 0",
        "{\"layers\":5} | layers must be an array",
        "{\"samples\":100000} | samples must be in 10..2000",
        "{\"samples\":\"many\"} | samples",
        "{\"noise\":80} | noise",
        "{\"trainPercent\":100} | trainPercent",
        "{\"batchSize\":0} | batchSize",
        "{\"learningRate\":0} | learningRate",
        "{\"learningRate\":-1} | learningRate",
        "{\"learningRate\":\"fast\"} | learningRate must be a number",
        "{\"features\":[]} | at least one input feature",
        "{\"features\":[\"x3\"]} | x3",
        "{\"features\":[\"x1\",\"x1\"]} | twice",
        "{\"dataset\":\"plane\",\"loss\":\"cross_entropy\"} | cross_entropy",
        "{\"dataset\":\"circle\",\"problem\":\"regression\"} | classification problem",
        "{\"loss\":\"hinge\"} | loss must be",
        "{\"regularization\":\"l3\"} | regularization",
        "{\"regularizationRate\":-0.1} | regularizationRate",
        "{\"gridSize\":1000} | gridSize",
        "{\"seed\":1.5} | seed",
        "{\"dataset\":\"csv\"} | csv",
        "{\"dataset\":\"csv\",\"csv\":\"a,b,c\\n1,2,x\\n\"} | CSV",
        "{\"dataset\":\"csv\",\"csv\":\"a,b,c,d\\n1,2,3,1\\n\"} | 2 input columns",
        "{\"csv\":\"a,b\\n1,2\"} | only for dataset csv",
        "{\"optimizer\":\"\"} | optimizer",
    })
    void badConfigsAreRejectedWithAMessage(String row) {
        int bar = row.lastIndexOf(" | ");
        String body = row.substring(0, bar);
        String expected = row.substring(bar + 3).trim();
        HttpHelper.Reply reply = LIVE.http().post("/api/sessions", body);
        assertEquals(400, reply.status(), body + " -> " + reply.body());
        String message = reply.json().get("error").asText();
        assertTrue(message.contains(expected), body + " -> " + message);
        assertFalse(message.contains("\n") || message.contains("\tat "), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"optimizer\":\"warp_drive\"}", "{\"weightInit\":\"magic\"}", "{\"biasInit\":\"constant(x)\"}"})
    void specsTheEngineRejectsAre400(String body) {
        HttpHelper.Reply reply = LIVE.http().post("/api/sessions", body);
        assertEquals(400, reply.status(), body + " -> " + reply.body());
        assertFalse(reply.json().get("error").asText().isBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/api/activation | spec",
        "/api/activation?spec=nope | nope",
        "/api/activation?spec=tanh&points=1 | points",
        "/api/activation?spec=tanh&points=99999 | points",
        "/api/activation?spec=tanh&from=3&to=1 | from",
        "/api/activation?spec=tanh&from=NaN | from",
        "/api/activation?spec=tanh&points=x | points",
    })
    void badExplorerQueriesAre400(String row) {
        String[] parts = row.split(" \\| ");
        HttpHelper.Reply reply = LIVE.http().get(parts[0]);
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.json().get("error").asText().contains(parts[1]), reply.body());
    }

    @Test
    void badStepsExportsAndUnknownSessions() {
        String id = create("{}").get("session").asText();
        for (String query : List.of("epochs=0", "epochs=abc", "epochs=1000", "batches=0", "batches=100000", "epochs=1&batches=1")) {
            HttpHelper.Reply reply = LIVE.http().post("/api/sessions/" + id + "/step?" + query, "");
            assertEquals(400, reply.status(), query + " -> " + reply.body());
            assertTrue(reply.json().has("error"));
        }
        HttpHelper.Reply export = LIVE.http().get("/api/sessions/" + id + "/export/passwords.txt");
        assertEquals(400, export.status());
        assertTrue(export.json().get("error").asText().contains("unknown export"));
        HttpHelper.Reply missing = LIVE.http().post("/api/sessions/deadbeef/step", "");
        assertEquals(404, missing.status());
        assertTrue(missing.json().get("error").asText().contains("no session 'deadbeef'"));
        assertEquals(404, LIVE.http().get("/api/sessions/deadbeef/events").status());
        assertEquals(404, LIVE.http().get("/api/nothing-here").status());
        assertEquals(204, LIVE.http().delete("/api/sessions/" + id).status());
        assertEquals(404, LIVE.http().get("/api/sessions/" + id).status());
    }

    @Test
    void oversizedBodiesAreRefused() {
        String huge = "{\"dataset\":\"csv\",\"csv\":\"" + "1,2,0\\n".repeat(60_000) + "\"}";
        HttpHelper.Reply reply = LIVE.http().post("/api/sessions", huge);
        assertTrue(reply.status() == 413 || reply.status() == 400, reply.status() + " " + reply.body());
        assertTrue(reply.json().has("error"), reply.body());
    }

    @Test
    void divergenceIsReportedWithEpochAndStepAndStopsTraining() {
        String id = create("{\"dataset\":\"plane\",\"learningRate\":10,\"weightInit\":\"he_normal\","
                + "\"layers\":[{\"units\":16,\"activation\":\"identity\"},{\"units\":16,\"activation\":\"identity\"},"
                + "{\"units\":16,\"activation\":\"identity\"},{\"units\":16,\"activation\":\"identity\"}]}").get("session").asText();
        JsonNode update = LIVE.http().post("/api/sessions/" + id + "/step?epochs=20", "").json();
        JsonNode diverged = update.get("diverged");
        assertTrue(diverged != null && !diverged.isNull(), update.toString().substring(0, 300));
        assertTrue(diverged.get("epoch").asInt() >= 0 && diverged.get("step").asInt() >= 0);
        assertFalse(diverged.get("message").asText().isBlank());
        assertTrue(update.get("heatmap").isNull(), "no heatmap of NaNs");
        HttpHelper.Reply again = LIVE.http().post("/api/sessions/" + id + "/step", "");
        assertEquals(409, again.status());
        assertTrue(again.json().get("error").asText().contains("diverged at epoch " + diverged.get("epoch").asInt()));
        assertEquals(409, LIVE.http().post("/api/sessions/" + id + "/play", "").status());
        assertEquals(200, LIVE.http().post("/api/sessions/" + id + "/reset", "").status(), "reset recovers");
    }

    /** Request targets that try to leave the app's files; sent raw so that no client normalises them. */
    @ParameterizedTest
    @ValueSource(strings = {
        "/../pom.xml", "/../../../../etc/passwd", "/%2e%2e/pom.xml", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/..%2f..%2fetc%2fpasswd", "/%252e%252e/pom.xml", "//etc/passwd", "/etc/passwd", "/file:/etc/passwd",
        "/org/actlab/web/static/app.js", "/org/actlab/web/PlaygroundServer.class", "/META-INF/MANIFEST.MF",
        "/static/../../pom.xml", "/app.js/../../pom.xml", "/C:/Windows/win.ini", "/%5c..%5cpom.xml",
        "/app.js%00.html", "/..;/pom.xml", "/api/sessions/..%2f..%2fpom.xml/state"
    })
    void pathTraversalNeverReachesFiles(String target) throws Exception {
        HttpHelper.Reply reply = LIVE.http().raw(target);
        assertTrue(reply.status() == 404 || reply.status() == 400, target + " -> " + reply.status());
        for (String marker : List.of("root:", "<project", "Manifest-Version", "\u00ca\u00fe\u00ba\u00be", "import {", "[extensions]")) {
            assertFalse(reply.body().contains(marker), target + " leaked " + marker);
        }
    }

    @Test
    void schemaServesTheSpecLanguageAndTheDefaultsAsData() {
        HttpHelper.Reply reply = LIVE.http().get("/api/schema");
        assertEquals(200, reply.status(), reply.body());
        JsonNode body = reply.json();
        JsonNode adam = null;
        for (JsonNode schema : body.get("specs").get("optimizer").get("schemas")) {
            if (schema.get("name").asText().equals("adam")) {
                adam = schema;
            }
        }
        assertTrue(adam != null, body.get("specs").toString());
        JsonNode beta2 = adam.get("params").get(1);
        assertEquals("beta2", beta2.get("key").asText());
        assertEquals(0.999, beta2.get("defaultValue").asDouble());
        assertEquals(0.0, beta2.get("min").asDouble());
        assertTrue(beta2.get("minExclusive").asBoolean() && beta2.get("maxExclusive").asBoolean());
        assertEquals("identity", body.get("specs").get("activation").get("aliases").get("linear").asText());
        assertEquals("sigmoid", body.get("specs").get("output").get("aliases").get("logistic").asText());
        // The run description's defaults and the playground's are the same facts in two vocabularies.
        JsonNode run = body.get("defaults");
        JsonNode page = body.get("playground");
        assertEquals(run.get("trainFraction").asDouble() * 100, page.get("trainPercent").asDouble());
        assertEquals(run.get("learningRate").asDouble(), page.get("learningRate").asDouble());
        assertEquals(run.get("optimizer").asText(), page.get("optimizer").asText());
        assertEquals(run.get("activations").get(0).asText(), page.get("layers").get(0).get("activation").asText());
        assertEquals(run.get("hidden").get(0).asInt(), page.get("layers").get(0).get("units").asInt());
        assertEquals(run.get("biasInit").asText(), page.get("biasInit").asText());
    }

    @Test
    void sessionsSendEverySpecWithItsNameAndValues() {
        JsonNode config = create("{\"layers\":[{\"units\":2,\"activation\":\"Leaky_ReLU(0.2)\"}],"
                + "\"biasInit\":\"constant(-2)\",\"optimizer\":\"momentum(0.8)\"}").get("config");
        JsonNode layer = config.get("layers").get(0);
        assertEquals("leaky_relu(slope=0.2)", layer.get("activation").asText());
        assertEquals("leaky_relu", layer.get("name").asText());
        assertEquals(0.2f, (float) layer.get("values").get("slope").asDouble());
        assertEquals("constant(value=-2.0)", config.get("biasInit").asText());
        assertEquals(-2.0, config.get("specs").get("biasInit").get("values").get("value").asDouble());
        assertEquals("momentum", config.get("specs").get("optimizer").get("name").asText());
        assertEquals(0.8, config.get("specs").get("optimizer").get("values").get("mu").asDouble());
        // What the server sent can be sent back as it is.
        assertEquals(201, LIVE.http().post("/api/sessions", config.toString()).status());
    }
}

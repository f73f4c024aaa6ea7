package org.actlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.actlab.web.PlaygroundServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run description: the same settings sent to the playground over real HTTP and given to
 * {@code actlab train} on the command line give bit-identical weights, because both go through
 * {@code lab.run.TrainingRun}. The playground speaks its own vocabulary (noise in percent, a train
 * percentage, {@code cross_entropy}, one regularisation switch); the CLI the run description's.
 */
class CliWebEquivalenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static PlaygroundServer server;
    private static int port;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        server = new PlaygroundServer();
        port = server.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private JsonNode call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() / 100 == 2, path + " answered " + response.statusCode() + ": " + response.body());
        return JSON.readTree(response.body());
    }

    @Test
    void httpAndCliGiveBitIdenticalWeights(@TempDir Path dir) throws Exception {
        String settings = """
                {"dataset": "spiral", "samples": 300, "noise": 10, "trainPercent": 70, "batchSize": 16,
                 "features": ["x1", "x2", "x1^2", "sin(x2)"],
                 "layers": [{"units": 5, "activation": "leaky_relu(0.1)"}, {"units": 3, "activation": "tanh"}],
                 "loss": "cross_entropy", "learningRate": 0.01, "optimizer": "adam(beta1=0.8)",
                 "regularization": "l2", "regularizationRate": 0.001, "weightInit": "he_normal",
                 "biasInit": "constant(0.1)", "seed": 7}""";
        String id = call("POST", "/api/sessions", settings).get("session").asText();
        call("POST", "/api/sessions/" + id + "/step?epochs=4", null);
        JsonNode web = call("GET", "/api/sessions/" + id + "/export/weights.json", null);

        Path model = dir.resolve("model.json");
        Cli.run("train", "--data", "spiral", "--samples", "300", "--noise", "0.1", "--train-fraction", "0.7",
                "--batch", "16", "--features", "x1,x2,x1^2,sin(x2)", "--hidden", "5,3",
                "--activations", "leaky_relu(0.1),tanh", "--loss", "cross_entropy", "--lr", "0.01",
                "--optimizer", "adam(beta1=0.8)", "--l2", "0.001", "--init", "he_normal", "--bias-init", "0.1",
                "--seed", "7", "--epochs", "4", "--threads", "2", "--quiet", "--save", model.toString()).succeeds();
        JsonNode cli = JSON.readTree(Files.readString(model)).get("layers");

        assertEquals(3, web.size());
        assertEquals(web.size(), cli.size());
        int compared = 0;
        for (int l = 0; l < web.size(); l++) {
            for (String part : new String[] {"weights", "bias"}) {
                JsonNode w = web.get(l).get(part);
                JsonNode c = cli.get(l).get(part);
                assertEquals(c.size(), w.size(), "layer " + l + " " + part);
                for (int i = 0; i < w.size(); i++) {
                    assertEquals(Float.floatToRawIntBits(c.get(i).floatValue()), Float.floatToRawIntBits(w.get(i).floatValue()),
                            "layer " + l + " " + part + "[" + i + "]: CLI " + c.get(i) + ", web " + w.get(i));
                    compared++;
                }
            }
        }
        assertEquals(4 * 5 + 5 + 5 * 3 + 3 + 3 * 1 + 1, compared);
        // Training moved the weights: the comparison is not between two untouched initialisations.
        JsonNode fresh = call("POST", "/api/sessions/" + id + "/reset", null);
        JsonNode initial = call("GET", "/api/sessions/" + fresh.get("session").asText() + "/export/weights.json", null);
        assertTrue(!initial.get(0).get("weights").equals(web.get(0).get("weights")), "4 epochs changed the first layer");
    }
}

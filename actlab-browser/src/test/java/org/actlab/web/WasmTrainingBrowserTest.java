package org.actlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine compiled to WebAssembly, in a Web Worker in real headless Chromium, trains to the same weights as
 * the JVM's scalar path (this module's tests run with {@code -Dactlab.kernel=scalar}), bit for bit.
 */
class WasmTrainingBrowserTest {

    /** Epochs each configuration trains before the weights are compared. */
    private static final int EPOCHS = 40;

    /** tanh / relu / sigmoid; sgd / adam; uniform and normal initialisers; a prelu layer; regression with mse. */
    static final List<String> CONFIGS = List.of(
            "{\"dataset\":\"spiral\",\"layers\":[{\"units\":8,\"activation\":\"tanh\"},{\"units\":8,\"activation\":\"tanh\"}],"
                    + "\"learningRate\":0.03,\"seed\":1}",
            "{\"dataset\":\"xor\",\"noise\":10,\"layers\":[{\"units\":8,\"activation\":\"relu\"},{\"units\":4,\"activation\":\"relu\"}],"
                    + "\"optimizer\":\"adam\",\"learningRate\":0.01,\"weightInit\":\"he_normal\",\"seed\":5}",
            "{\"dataset\":\"circle\",\"layers\":[{\"units\":6,\"activation\":\"sigmoid\"}],\"weightInit\":\"normal(std=0.5)\","
                    + "\"biasInit\":\"constant(0.1)\",\"batchSize\":7,\"seed\":11}",
            "{\"dataset\":\"moons\",\"features\":[\"x1\",\"x2\",\"x1*x2\",\"sin(x1)\"],\"layers\":[{\"units\":5,\"activation\":\"prelu\"},"
                    + "{\"units\":3,\"activation\":\"tanh\"}],\"optimizer\":\"adam\",\"weightInit\":\"uniform(low=-0.4,high=0.4)\",\"seed\":3}",
            "{\"dataset\":\"plane\",\"noise\":20,\"layers\":[{\"units\":4,\"activation\":\"leaky_relu(0.1)\"}],\"loss\":\"mse\","
                    + "\"regularization\":\"l2\",\"regularizationRate\":0.001,\"seed\":9}");

    private static StaticFileServer server;
    private static Chromium browser;

    @BeforeAll
    static void start(@TempDir Path site) throws IOException {
        browser = Chromium.start(800, 600);
        StaticSite.write(site);
        Files.writeString(site.resolve("harness.html"), """
                <!doctype html><meta charset="utf-8"><title>harness</title>
                <script type="module">
                import { createBackend } from './backend-wasm.js';
                class ApiError extends Error { constructor(status, message) { super(message); this.status = status; } }
                const site = await (await fetch('site.json')).json();
                window.backend = createBackend(site, ApiError);
                window.harnessReady = true;
                </script>
                """);
        server = new StaticFileServer(site);
        browser.driver.get("http://127.0.0.1:" + server.port() + "/harness.html");
        browser.waitFor(30).until(d -> Boolean.TRUE.equals(browser.js("return window.harnessReady === true")));
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Creates the session in the worker, trains it epoch by epoch and returns its weights' bits. */
    private static String trainInBrowser(String config, int epochs) {
        Object bits = ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const state = await backend.create(JSON.parse(arguments[0]));
                  for (let i = 0; i < arguments[1]; i++) await backend.step(state.session);
                  const bits = await backend.raw('weightBits', state.session);
                  await backend.remove(state.session);
                  done(bits);
                })().catch((e) => done('failed: ' + e.message));
                """, config, epochs);
        return (String) bits;
    }

    private static String trainOnJvm(String config, int epochs) {
        TrainingSession session = new TrainingSession("jvm", PlaygroundConfig.parse(JsonTree.parse(config), Limits.defaults()),
                Limits.defaults());
        session.trainEpochsSlice(epochs, Long.MAX_VALUE);
        return BrowserPlayground.weightBits(session);
    }

    @Test
    void weightsAreBitIdenticalToTheJvmScalarPath() {
        browser.driver.manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(120));
        List<String> mismatches = new ArrayList<>();
        for (String config : CONFIGS) {
            String jvm = trainOnJvm(config, EPOCHS);
            String wasm = trainInBrowser(config, EPOCHS);
            assertTrue(jvm.length() > 20, "the JVM run has weights");
            // The untrained network must differ from the trained one, or the comparison would show nothing.
            assertTrue(!jvm.equals(trainOnJvm(config, 0)), "training changed the weights of " + config);
            if (!jvm.equals(wasm)) {
                mismatches.add(config + "\n  jvm  " + jvm.hashCode() + " " + abbreviate(jvm) + "\n  wasm " + wasm.hashCode() + " "
                        + abbreviate(wasm));
            }
        }
        assertEquals(List.of(), mismatches, "configurations whose weights differ after " + EPOCHS + " epochs");
    }

    private static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }
}

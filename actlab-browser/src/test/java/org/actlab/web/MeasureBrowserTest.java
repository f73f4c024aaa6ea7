package org.actlab.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The figures of docs/PLAYGROUND.md's static-site section: the site's gzipped size, the engine's epochs per
 * second in Chromium against the JVM's scalar path side by side, and the page's frame rate while training.
 * They are measurements, not checks: the test runs only with {@code -Dactlab.measure=true} and prints them.
 */
class MeasureBrowserTest {

    private static final String NETWORK = "{\"dataset\":\"spiral\",\"samples\":500,\"batchSize\":10,\"layers\":"
            + "[{\"units\":8,\"activation\":\"tanh\"},{\"units\":8,\"activation\":\"tanh\"}],\"seed\":1}";
    private static final int EPOCHS = 100;
    private static final int ROUNDS = 7;

    @Test
    void measure(@TempDir Path site) throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("actlab.measure"), "measurements run only with -Dactlab.measure=true");
        StaticSite.write(site);
        long gzipped = 0;
        long raw = 0;
        try (Stream<Path> files = Files.walk(site)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                    gz.write(bytes);
                }
                raw += bytes.length;
                gzipped += out.size();
                System.out.printf(Locale.ROOT, "size %-28s %9d bytes, %8d gzipped%n", site.relativize(file), bytes.length, out.size());
            }
        }
        System.out.printf(Locale.ROOT, "size total %d bytes, %d gzipped%n", raw, gzipped);

        Files.writeString(site.resolve("harness.html"), """
                <!doctype html><meta charset="utf-8"><script type="module">
                import { createBackend } from './backend-wasm.js';
                class ApiError extends Error { constructor(status, message) { super(message); this.status = status; } }
                const site = await (await fetch('site.json')).json();
                window.backend = createBackend(site, ApiError);
                window.harnessReady = true;
                </script>
                """);
        try (StaticFileServer server = new StaticFileServer(site); Chromium browser = Chromium.start(1500, 1400)) {
            JavascriptExecutor js = (JavascriptExecutor) browser.driver;
            browser.driver.manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(300));
            browser.driver.get("http://127.0.0.1:" + server.port() + "/harness.html");
            browser.waitFor(30).until(d -> Boolean.TRUE.equals(browser.js("return window.harnessReady === true")));
            String id = (String) js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "backend.create(JSON.parse(arguments[0])).then((s) => done(s.session));", NETWORK);
            TrainingSession jvm = new TrainingSession("jvm", PlaygroundConfig.parse(JsonTree.parse(NETWORK), Limits.defaults()),
                    Limits.defaults());
            // Warm-up: the JIT on the JVM, the Wasm tiers in Chromium.
            jvm.trainEpochsSlice(3 * EPOCHS, Long.MAX_VALUE);
            wasmMillis(js, id, 3 * EPOCHS);
            double[] wasm = new double[ROUNDS];
            double[] java = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                wasm[r] = EPOCHS / (wasmMillis(js, id, EPOCHS) / 1000);
                long start = System.nanoTime();
                jvm.trainEpochsSlice(jvm.epoch() + EPOCHS, Long.MAX_VALUE);
                java[r] = EPOCHS / ((System.nanoTime() - start) / 1e9);
            }
            System.out.printf(Locale.ROOT, "speed wasm epochs/s %s median %.0f%n", Arrays.toString(round(wasm)), median(wasm));
            System.out.printf(Locale.ROOT, "speed jvm scalar epochs/s %s median %.0f%n", Arrays.toString(round(java)), median(java));
            double[] ratios = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                ratios[r] = wasm[r] / java[r];
            }
            System.out.printf(Locale.ROOT, "speed ratio wasm/jvm per round %s median %.2f%n", Arrays.toString(ratios), median(ratios));

            // Frame rate of the page while it trains: requestAnimationFrame callbacks over 5 s of play.
            for (String hash : List.of("dataset=spiral&layers=8%3Atanh|8%3Atanh&seed=1",
                    "dataset=spiral&layers=16%3Atanh|16%3Atanh|16%3Atanh|16%3Atanh|16%3Atanh|16%3Atanh|16%3Atanh|16%3Atanh&seed=1")) {
                browser.open(server.port(), hash);
                browser.driver.findElement(By.id("play")).click();
                Object fps = js.executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        let frames = 0; const start = performance.now();
                        const tick = () => { frames++; if (performance.now() - start < 5000) requestAnimationFrame(tick);
                          else done(frames * 1000 / (performance.now() - start)); };
                        requestAnimationFrame(tick);
                        """);
                int epochs = Integer.parseInt(browser.driver.findElement(By.id("epoch")).getText().replace(",", ""));
                browser.driver.findElement(By.id("play")).click();
                System.out.printf(Locale.ROOT, "fps %.1f while training (%d epochs reached) with #%s%n", ((Number) fps).doubleValue(),
                        epochs, hash);
                assertTrue(epochs > 0, "the page trained while the frames were counted");
            }
        }
    }

    private static double wasmMillis(JavascriptExecutor js, String id, int epochs) {
        Object ms = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const t0 = performance.now();
                backend.raw('train', arguments[0], arguments[1]).then((epoch) => done([performance.now() - t0, epoch]));
                """, id, epochs);
        List<?> answer = (List<?>) ms;
        assertTrue(String.valueOf(answer.get(1)).matches("[0-9]+"), "the engine trained: " + answer.get(1));
        return ((Number) answer.get(0)).doubleValue();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double[] round(double[] values) {
        return Arrays.stream(values).map(v -> Math.round(v * 100) / 100.0).toArray();
    }
}

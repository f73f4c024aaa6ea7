package org.actlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The TF Playground features, the Lecture panel's tours and the layout, in real headless Chromium.
 * Screenshots go to target/ ; with {@code -Dactlab.docs.img=DIR} the tours' screenshots are also written,
 * scaled down, to DIR (docs/img in the repository).
 */
class PlaygroundLectureBrowserTest {

    @RegisterExtension
    static final PlaygroundPage page = PlaygroundPage.withServer(1440, 1500);

    /** The page's screenshot in target/, and scaled to half size into the docs folder when one is given. */
    private static void screenshot(String name) throws IOException {
        Path full = Paths.get("target", "playground-" + name + ".png");
        page.screenshot(full);
        String docs = System.getProperty("actlab.docs.img");
        if (docs != null) {
            Path target = Paths.get(docs, name + ".png");
            Files.createDirectories(target.getParent());
            // Down to the Lecture panel's tour text and check, with a little of the highlighted panel.
            int bottom = ((Number) page.js("return Math.ceil(document.getElementById('lecture').getBoundingClientRect().bottom + 120)")).intValue();
            ImageIO.write(docsImage(ImageIO.read(full.toFile()), bottom), "png", target.toFile());
        }
    }

    /** A screenshot made small for the docs: its top {@code height} px, halved, in Java's default 256-colour palette. */
    static BufferedImage docsImage(BufferedImage image, int height) {
        BufferedImage top = image.getSubimage(0, 0, image.getWidth(), Math.min(image.getHeight(), height));
        int w = top.getWidth() / 2;
        int h = top.getHeight() / 2;
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED);
        small.getGraphics().drawImage(top.getScaledInstance(w, h, Image.SCALE_SMOOTH), 0, 0, null);
        return small;
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear-collapse", "universal-approximation", "logistic-saturation", "vanishing-gradients",
        "not-zero-centred", "cost", "tanh-vs-logistic", "relu-properties", "dead-relu", "leaky-relu"})
    void eachTourSetsUpTrainsAndSeesItsPhenomenon(String tour) throws IOException {
        page.open("tour=" + tour);
        page.waitFor(120).withMessage(() -> "tour " + tour + ": " + page.text("tourCheck") + " / " + page.text("error"))
                .until(d -> "seen".equals(page.js("return document.getElementById('tourCheck').dataset.verdict")));
        String check = page.text("tourCheck");
        assertTrue(check.startsWith("Seen: "), check);
        assertTrue(String.valueOf(page.js("return location.hash")).contains("tour=" + tour), "the tour is in the URL");
        assertEquals("report/report.html#" + tour, page.js("return document.getElementById('tourReport').getAttribute('href')"));
        String panel = (String) page.js("return document.querySelector('.panel.highlight').id");
        assertTrue(panel.startsWith("panel"), panel);
        if (!tour.equals("cost")) {
            assertTrue(page.epoch() > 0, "the tour trains");
        }
        page.js("if (document.getElementById('play').classList.contains('playing')) document.getElementById('play').click()");
        page.waitFor(20).until(d -> !(Boolean) page.js("return document.getElementById('play').classList.contains('playing')"));
        screenshot("tour-" + tour);
    }

    @Test
    void clickingALinkEditsItsWeightAndTheOutputChanges() {
        page.open("dataset=circle&layers=3%3Atanh&seed=5");
        String before = page.heatmapPixels();
        // A point on the drawn curve of the weight x1 -> unit 0 of layer 0, in viewport coordinates.
        @SuppressWarnings("unchecked")
        Map<String, Number> point = (Map<String, Number>) page.js(
                "document.getElementById('network').scrollIntoView({block: 'center'}); return window.actlabLinkPoint(0, 0, 0);");
        new Actions(page.driver()).moveToLocation(point.get("x").intValue(), point.get("y").intValue()).perform();
        page.waitFor(5).until(d -> d.findElement(By.id("card")).isDisplayed());
        assertTrue(page.text("card").startsWith("weight x₁ → unit 0 of layer 0:"), page.text("card"));
        new Actions(page.driver()).click().perform();
        var input = page.driver().findElement(By.id("cardInput"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), "4.5", Keys.ENTER);
        page.waitFor(10).until(d -> page.serverState().get("update").get("layers").get(0).get("weights").get(0).asDouble() == 4.5);
        page.waitFor(10).until(d -> !page.heatmapPixels().equals(before));
        // The bias square of unit 1: hover shows its value, a click edits it.
        var bias = page.driver().findElement(By.id("bias-0-1"));
        new Actions(page.driver()).moveToElement(bias).perform();
        page.waitFor(5).until(d -> page.text("card").startsWith("bias of unit 1 of layer 0:"));
        bias.click();
        page.driver().findElement(By.id("cardInput")).sendKeys(Keys.chord(Keys.CONTROL, "a"), "-2", Keys.ENTER);
        page.waitFor(10).until(d -> page.serverState().get("update").get("layers").get(0).get("bias").get(1).asDouble() == -2);
        String colour = (String) page.js("return getComputedStyle(document.getElementById('bias-0-1')).backgroundColor");
        assertEquals("rgb(245, 147, 34)", colour, "a bias of -2 is painted full orange (the scale is clipped at -1)");
    }

    @Test
    void aNewLearningRateKeepsTheNetworkAndItsEpoch() {
        page.open("dataset=circle&seed=3&lr=0.03");
        for (int i = 1; i <= 3; i++) {
            page.driver().findElement(By.id("step")).click();
            int expected = i;
            page.waitFor(20).until(d -> page.epoch() == expected);
        }
        JsonNode before = page.serverState();
        new Select(page.driver().findElement(By.id("learningRate"))).selectByValue("0.3");
        page.waitFor(20).until(d -> page.serverState().get("config").get("learningRate").asDouble() == 0.3);
        JsonNode after = page.serverState();
        assertEquals(3, after.get("update").get("epoch").asInt(), "no reset: the epoch count stays");
        assertEquals(before.get("update").get("layers").toString(), after.get("update").get("layers").toString(),
                "no reset: the same weights");
        assertEquals(3, page.epoch());
        page.driver().findElement(By.id("step")).click();
        page.waitFor(20).until(d -> page.epoch() == 4);
        // Regenerate: new points, same network.
        String points = page.serverState().get("train").toString();
        String weights = page.serverState().get("update").get("layers").toString();
        page.driver().findElement(By.id("regenerate")).click();
        page.waitFor(20).until(d -> !page.serverState().get("train").toString().equals(points));
        assertEquals(weights, page.serverState().get("update").get("layers").toString());
        assertEquals(4, page.serverState().get("update").get("epoch").asInt());
    }

    @Test
    void hoveringAUnitShowsItAtTheHeatmapsFullResolution() {
        page.open("dataset=circle&layers=4%3Atanh&seed=2");
        new Actions(page.driver()).moveToElement(page.driver().findElement(By.id("unit-0-2"))).perform();
        page.waitFor(10).until(d -> "unit-0-2-full".equals(page.js("return document.getElementById('heatmap').dataset.showing")));
        new Actions(page.driver()).moveToElement(page.driver().findElement(By.id("play"))).perform();
        page.waitFor(10).until(d -> "output".equals(page.js("return document.getElementById('heatmap').dataset.showing")));
    }

    /**
     * Issue 10 item 7 in the playground: zero weights and biases of 2 put every tanh unit at tanh(2) = 0.964, within
     * 5 % of the output range of its asymptote while tanh'(2) = 0.071 is far above 1 % of the maximum slope. The
     * diagram marks them "asym" (not "sat"), and after an epoch the health table gives the share near an asymptote.
     */
    @Test
    void unitsNearTheirAsymptoteAreMarkedBesideTheSlopeCriterion() {
        page.open("dataset=circle&layers=2%3Atanh&winit=zeros&binit=constant(value%3D2)&lr=0.00001");
        page.waitFor(20).until(d -> ((Number) page.js("return document.querySelectorAll('[id^=unit-0-].asymptote').length")).intValue() == 2);
        assertEquals("asym", page.js("return document.querySelector('#unit-0-1 .badge').textContent"));
        assertTrue(String.valueOf(page.js("return document.getElementById('unit-0-1').title")).contains("near an asymptote"));
        assertEquals(0L, page.js("return document.querySelectorAll('.node.saturated').length"), "the slope criterion does not fire");
        assertTrue(!(Boolean) page.js("return document.getElementById('unit-output').classList.contains('asymptote')"),
                "the output unit is not marked");
        page.driver().findElement(By.id("step")).click();
        page.waitFor(20).withMessage(() -> page.text("healthTable"))
                .until(d -> page.text("healthTable").contains("100% (100% of units)"));
        String firstRow = (String) page.js("return document.querySelector('#healthTable tbody tr').innerText");
        assertTrue(firstRow.contains("tanh") && firstRow.contains("100% (100% of units)"), firstRow);
    }

    @Test
    void classroomModeHidesControlsFromTheUrl() {
        page.open("dataset=circle&hide=learningRate,noise,diagnostics&hideText=1&initZero=1");
        assertTrue(!page.driver().findElement(By.id("learningRate")).isDisplayed());
        assertTrue(!page.driver().findElement(By.id("noise")).isDisplayed());
        assertTrue(!page.driver().findElement(By.id("panelGradients")).isDisplayed());
        assertTrue(!page.driver().findElement(By.id("explanation")).isDisplayed());
        assertTrue(page.driver().findElement(By.id("batchSize")).isDisplayed());
        JsonNode state = page.serverState();
        assertEquals("zeros", state.get("config").get("weightInit").asText());
        for (JsonNode w : state.get("update").get("layers").get(0).get("weights")) {
            assertEquals(0.0, w.asDouble(), "initZero starts every weight at 0");
        }
        // Showing a control again takes it out of the URL.
        page.js("document.querySelector('details').open = true");
        page.driver().findElement(By.id("show-learningRate")).click();
        assertTrue(page.driver().findElement(By.id("learningRate")).isDisplayed());
        String hash = (String) page.js("return decodeURIComponent(location.hash)");
        assertTrue(hash.contains("hide=noise,diagnostics"), hash);
    }

    @Test
    void layoutHasNoOverlapsFrom800To1920PixelsWith0To8Layers() throws IOException {
        String eight = String.join("|", java.util.Collections.nCopies(8, "16%3Aleaky_relu"));
        String six = String.join("|", java.util.Collections.nCopies(6, "4%3Atanh"));
        for (int width : new int[] {800, 1024, 1440, 1920}) {
            page.viewport(width, 1200);
            for (String layers : List.of("", "4%3Atanh|2%3Atanh", six, eight)) {
                page.open("dataset=circle&layers=" + layers);
                String overlaps = (String) page.js(OVERLAPS);
                assertEquals("", overlaps, "at " + width + " px with layers '" + layers + "'");
                long scroll = ((Number) page.js("return document.documentElement.scrollWidth - window.innerWidth")).longValue();
                assertTrue(scroll <= 0, "no horizontal scrolling at " + width + " px: " + scroll);
            }
            screenshot("layout-" + width + "-8x16");
        }
        page.viewport(1440, 1500);
    }

    /**
     * Not a timed assertion but a measurement: with 8 hidden layers of 16 units playing, the page's frame rate
     * (requestAnimationFrame callbacks per second) and how many updates it drew per second, in a first and a
     * later window of {@code actlab.fps.seconds} (default 5) each, {@code actlab.fps.gap} (default 5) apart, written to target/playground-fps.txt.
     * The figures go into docs/PLAYGROUND.md by hand, with the machine's load.
     */
    @Test
    void frameRateProbeWith8LayersOf16Units() throws IOException {
        int seconds = Integer.getInteger("actlab.fps.seconds", 5);
        int gap = Integer.getInteger("actlab.fps.gap", 5);
        String layers = String.join("|", java.util.Collections.nCopies(8, "16%3Atanh"));
        page.open("dataset=spiral&layers=" + layers + "&lr=0.01");
        page.driver().findElement(By.id("play")).click();
        page.waitFor(30).until(d -> page.epoch() > 0);
        String first = probe(seconds) + "; " + cpu;
        try {
            Thread.sleep(gap * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String later = probe(seconds) + "; " + cpu;
        page.js("if (document.getElementById('play').classList.contains('playing')) document.getElementById('play').click()");
        String line = String.format(Locale.ROOT, "8x16 tanh, spiral, %d s windows %d s apart: first %s; later %s; epoch %d; load %s%n",
                seconds, gap, first, later, page.epoch(), Files.readString(Path.of("/proc/loadavg")).trim());
        Files.writeString(Paths.get("target", "playground-fps.txt"), line, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        System.out.print(line);
        assertTrue(first.contains("fps") && later.contains("fps"), line);
    }

    /** The CPU split of the last {@link #probe} window, as text. */
    private static String cpu = "";

    /**
     * CPU time in milliseconds: [0] Chromium's renderer processes, [1] its other processes (browser, GPU, utility), [2]
     * this JVM, which runs the server's training (the test's own client threads mostly wait). From the processes'
     * accounting (/proc on Linux), not from wall-clock time, so that the page's cost and the server's can be told apart
     * on a loaded machine.
     */
    private static long[] cpuMillis() {
        long[] out = new long[3];
        ProcessHandle.current().descendants().forEach(p -> {
            String command = commandLine(p);
            if (!command.contains("chrom") || command.contains("chromedriver")) {
                return;
            }
            long ms = p.info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(0L);
            out[command.contains("--type=renderer") ? 0 : 1] += ms;
        });
        out[2] = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
        return out;
    }

    /**
     * A process's command line. Chromium rewrites its children's titles, which {@link ProcessHandle.Info#commandLine}
     * does not always see, so /proc is read first where there is one.
     */
    private static String commandLine(ProcessHandle p) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return p.info().commandLine().orElse("");
        }
    }

    /** Frames and distinct drawn epochs over a window, as "N fps, M updates/s", with the CPU split in {@link #cpu}. */
    private static String probe(int seconds) {
        long[] before = cpuMillis();
        long start = System.nanoTime();
        String frames = frames(seconds);
        double wall = (System.nanoTime() - start) / 1e6;
        long[] after = cpuMillis();
        cpu = String.format(Locale.ROOT, "CPU in shares of one core: renderer %.0f%%, other browser processes %.0f%%, server %.0f%%",
                100 * (after[0] - before[0]) / wall, 100 * (after[1] - before[1]) / wall, 100 * (after[2] - before[2]) / wall);
        return frames;
    }

    private static String frames(int seconds) {
        Object result = ((org.openqa.selenium.JavascriptExecutor) page.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const ms = arguments[0] * 1000;
                const canvas = document.getElementById('heatmap');
                let frames = 0, updates = 0, last = canvas.dataset.epoch, longest = 0, prev = performance.now();
                const start = prev;
                const stats = window.actlabFrameStats;
                const before = {...stats};
                function tick(now) {
                  frames++;
                  longest = Math.max(longest, now - prev);
                  prev = now;
                  if (canvas.dataset.epoch !== last) { updates++; last = canvas.dataset.epoch; }
                  if (now - start < ms) requestAnimationFrame(tick);
                  else done(`${(1000 * frames / (now - start)).toFixed(1)} fps, ${(1000 * updates / (now - start)).toFixed(1)} updates/s, longest frame ${longest.toFixed(0)} ms, script per drawn update ${((stats.total - before.total) / Math.max(1, stats.frames - before.frames)).toFixed(1)} ms (network ${((stats.network - before.network) / Math.max(1, stats.frames - before.frames)).toFixed(1)}, diagnostics ${((stats.diagnostics - before.diagnostics) / Math.max(1, stats.frames - before.frames)).toFixed(1)}), JSON.parse per message ${((stats.parse - before.parse) / Math.max(1, stats.messages - before.messages)).toFixed(1)} ms for ${((stats.bytes - before.bytes) / Math.max(1, stats.messages - before.messages) / 1024).toFixed(0)} KiB, ${(1000 * (stats.messages - before.messages) / (now - start)).toFixed(1)} messages/s`);
                }
                requestAnimationFrame(tick);
                """, seconds);
        return String.valueOf(result);
    }

    /** Pairs of overlapping boxes among the layer headers, the units, and the controls of each bar and column. */
    private static final String OVERLAPS = """
            const groups = [
              [...document.querySelectorAll('#network .col-head, #network .node')],
              [...document.querySelectorAll('.topbar > *, .settings > label, .controls > *')],
              [...document.querySelectorAll('.subbar > label, .subbar > span')],
              [...document.querySelectorAll('.column')],
              [...document.querySelectorAll('.column.data > *')],
              [...document.querySelectorAll('.column.output > *')],
            ];
            const bad = [];
            const name = (e) => e.id || e.className || e.tagName;
            for (const group of groups) {
              const boxes = group.filter((e) => e.offsetParent !== null).map((e) => [e, e.getBoundingClientRect()]);
              for (let i = 0; i < boxes.length; i++) {
                for (let j = i + 1; j < boxes.length; j++) {
                  const [a, p] = boxes[i];
                  const [b, q] = boxes[j];
                  if (a.contains(b) || b.contains(a)) continue;
                  const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
                  const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
                  if (w > 1 && h > 1) bad.push(name(a) + ' / ' + name(b));
                }
              }
              for (const [e, r] of boxes) if (r.right > window.innerWidth + 1) bad.push(name(e) + ' past the right edge');
            }
            return bad.slice(0, 6).join('; ');
            """;
}

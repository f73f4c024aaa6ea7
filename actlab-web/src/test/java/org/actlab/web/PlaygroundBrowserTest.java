package org.actlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The page's training, diagnostics and side-by-side runs in real headless Chromium (see {@link Chromium}). */
class PlaygroundBrowserTest {

    @RegisterExtension
    static final PlaygroundPage page = PlaygroundPage.withServer(1500, 1400);

    private static void screenshot(String name) throws IOException {
        page.screenshot(Paths.get("target", name));
    }

    @Test
    void playingLowersTheLossAndRepaintsTheHeatmap() throws IOException {
        page.open("dataset=circle&lr=0.1&seed=2&samples=300");
        double before = Double.parseDouble(page.text("lossTrain"));
        String pixelsBefore = page.heatmapPixels();
        page.driver().findElement(By.id("play")).click();
        page.waitFor(60).until(d -> page.epoch() >= 40);
        page.driver().findElement(By.id("play")).click();
        double after = Double.parseDouble(page.text("lossTrain"));
        assertTrue(after < 0.8 * before, "training loss " + before + " -> " + after);
        assertNotEquals(pixelsBefore, page.heatmapPixels(), "the decision boundary was repainted");
        assertTrue((Boolean) page.js("return window.actlabLinks() === 2*4 + 4*2 + 2"),
                "one link per weight");
        screenshot("playground-training.png");
    }

    @Test
    void switchingTheActivationRebuildsTheRunOnTheServer() {
        page.open("dataset=xor&seed=4");
        page.js("window.__errs=[]; window.addEventListener('error', e => __errs.push(e.message + ' ' + e.lineno)); window.addEventListener('unhandledrejection', e => __errs.push(String(e.reason && e.reason.stack)));"
                + "const f = window.fetch; window.fetch = (u, i) => { __errs.push('fetch ' + u); return f(u, i).then(r => { __errs.push(r.status + ' ' + u); return r; }); };");
        // The diagram is rebuilt when the stream's first state arrives; pick from the current one.
        page.waitFor(20).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            new Select(page.driver().findElement(By.id("layer-0-activation"))).selectByValue("relu");
            return true;
        });
        page.waitFor(20).withMessage(() -> "hash " + page.js("return location.hash") + ", error " + page.text("error"))
                .until(d -> String.valueOf(page.js("return location.hash")).contains("layers=4%3Arelu"));
        page.waitFor(20).withMessage(() -> "session " + page.sessionId() + ": " + page.http().get("/api/sessions/" + page.sessionId()).body().substring(0, 400)
                + " error: " + page.text("error") + " js: " + page.js("return JSON.stringify(window.__errs)")).until(d -> {
            JsonNode config = page.http().get("/api/sessions/" + page.sessionId()).json().get("config");
            return config.get("layers").get(0).get("activation").asText().equals("relu");
        });
        JsonNode config = page.http().get("/api/sessions/" + page.sessionId()).json().get("config");
        assertEquals("tanh", config.get("layers").get(1).get("activation").asText(), "only layer 0 changed");
        assertEquals(0, page.epoch(), "a new activation starts a new run");
    }

    @Test
    void deadReluUnitsAreMarkedOnTheDiagram() throws IOException {
        // A bias of -10 puts z = w·x - 10 below 0 for every point of the [-6, 6] square with these weights.
        page.open("dataset=circle&layers=6%3Arelu&binit=constant(-10)&seed=1");
        page.waitFor(20).until(d -> ((Number) page.js("return document.querySelectorAll('.node.dead').length")).intValue() > 0);
        long dead = ((Number) page.js("return document.querySelectorAll('[id^=unit-0-].dead').length")).longValue();
        assertTrue(dead >= 1, "dead units marked: " + dead);
        String badge = (String) page.js("return document.querySelector('.node.dead .badge').textContent");
        assertEquals("dead", badge);
        page.driver().findElement(By.id("step")).click();
        page.waitFor(20).until(d -> page.epoch() == 1);
        page.waitFor(20).until(d -> !page.driver().findElements(By.cssSelector("#healthTable tbody tr")).isEmpty());
        screenshot("playground-dead-relu.png");
    }

    @Test
    void divergenceShowsABannerNamingEpochAndStep() throws IOException {
        page.open("dataset=plane&lr=10&winit=he_normal&layers=16%3Aidentity|16%3Aidentity|16%3Aidentity|16%3Aidentity");
        page.driver().findElement(By.id("play")).click();
        page.waitFor(60).until(d -> page.driver().findElement(By.id("banner")).isDisplayed());
        String banner = page.text("banner");
        assertTrue(banner.matches(".*diverged.*epoch \\d+, step \\d+.*"), banner);
        screenshot("playground-diverged.png");
    }

    @Test
    void sideBySideTrainsTwoRunsThatDifferInOneSetting() throws IOException {
        int before = page.server().sessions();
        page.open("dataset=xor&seed=6&lr=0.1&compare=activation&compareValue=relu");
        page.waitFor(20).until(d -> page.driver().findElement(By.id("boxB")).isDisplayed() && !page.text("lossTrainB").equals("–"));
        assertEquals(before + 2, page.server().sessions(), "run A and run B each have a session");
        page.driver().findElement(By.id("play")).click();
        page.waitFor(60).until(d -> page.epoch() >= 20);
        page.driver().findElement(By.id("play")).click();
        double a = Double.parseDouble(page.text("lossTrain"));
        double b = Double.parseDouble(page.text("lossTrainB"));
        assertNotEquals(a, b, "tanh and relu runs differ");
        screenshot("playground-side-by-side.png");
    }

    /**
     * Issue 13's teaching glitches, each seen in the page: drawn play/step/reset glyphs (no font needed); the explorer's
     * default range shows the logistic function saturate at both ends, and ReLU's negative half shaded as zero slope,
     * not saturated; a layer whose gradient is exactly 0 (dead ReLU) still has its line in the gradient chart; the
     * health table calls ReLU's flat share "f′=0"; a saturated output unit carries no "sat" mark; and regression shows
     * R² (checked against 1 − 2·loss / Var y computed here from the server's points and loss).
     */
    @Test
    void theTeachingGlitchesStayFixed() {
        page.open("dataset=circle&layers=4%3Asigmoid&seed=1");
        assertEquals(100, page.serverState().get("update").get("heatmap").get("size").asInt(),
                "the page asks for a 100 x 100 heatmap by default");
        for (String id : new String[] {"play", "step", "reset"}) {
            double width = ((Number) page.js("const s = document.querySelector('#" + id + " svg');"
                    + " return s ? s.getBoundingClientRect().width : 0")).doubleValue();
            assertTrue(width >= 16, id + " has a drawn glyph, " + width + " px wide");
        }
        page.waitFor(20).withMessage(() -> "explorer edges: " + page.js(EXPLORER_EDGES))
                .until(d -> "saturated saturated".equals(page.js(EXPLORER_EDGES)));

        // Biases of -10 and these weights kill every ReLU unit of layer 0, so layers 0 and 1 get exactly no weight
        // gradient, while the output layer (inputs -10 from the identity layer) gets some.
        page.open("dataset=circle&layers=6%3Arelu|4%3Aidentity&binit=constant(-10)&seed=1");
        page.waitFor(20).withMessage(() -> "explorer edges: " + page.js(EXPLORER_EDGES))
                .until(d -> "zero-slope none".equals(page.js(EXPLORER_EDGES)));
        for (int i = 1; i <= 2; i++) {
            page.driver().findElement(By.id("step")).click();
            int epoch = i;
            page.waitFor(20).until(d -> page.epoch() == epoch);
        }
        JsonNode history = page.serverState().get("history");
        JsonNode norms = history.get(history.size() - 1).get("gradientNorms");
        assertEquals(0.0, norms.get(0).asDouble(), "the set-up's premise: layer 0 gets no weight gradient at all");
        assertEquals(0.0, norms.get(1).asDouble(), "the set-up's premise: nor does layer 1");
        assertTrue(norms.get(2).asDouble() > 0, "the set-up's premise: the output layer does");
        // Layer 1's colour (#ff7f0e, drawn over layer 0's on the same line) on the gradient chart: zeros are drawn on
        // the "0" line, not left out.
        page.waitFor(20).until(d -> ((Number) page.js(COLOUR_PIXELS, "gradients", 255, 127, 14)).intValue() > 20);
        page.waitFor(20).until(d -> page.text("healthTable").contains("f′=0"));

        // Zero weights and biases of 8: tanh(8) and σ(8) are flat, so the server flags every unit, the output included.
        page.open("dataset=circle&layers=2%3Atanh&winit=zeros&binit=constant(value%3D8)&seed=1");
        JsonNode layers = page.serverState().get("update").get("layers");
        assertEquals(1, layers.get(layers.size() - 1).get("flags").get(0).asInt(), "the server flags the output unit as saturated");
        page.waitFor(20).until(d -> ((Number) page.js("return document.querySelectorAll('[id^=unit-0-].saturated').length")).intValue() == 2);
        assertTrue(!(Boolean) page.js("return document.getElementById('unit-output').classList.contains('saturated')"),
                "a confident output unit is not marked saturated");
        assertEquals(0L, page.js("return document.querySelectorAll('#unit-output .badge').length"));

        page.open("dataset=plane&seed=1");
        page.driver().findElement(By.id("step")).click();
        page.waitFor(20).until(d -> page.epoch() == 1);
        // textContent: the label's CSS shows it in capitals.
        String labelScript = "return document.getElementById('outputLabel').textContent";
        page.waitFor(20).withMessage(() -> String.valueOf(page.js(labelScript)))
                .until(d -> String.valueOf(page.js(labelScript)).matches("R² train -?\\d+\\.\\d{3} · test -?\\d+\\.\\d{3}"));
        JsonNode state = page.serverState();
        JsonNode xy = state.get("train").get("xy");
        int n = state.get("train").get("n").asInt();
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += xy.get(3 * i + 2).asDouble() / n;
        }
        double variance = 0;
        for (int i = 0; i < n; i++) {
            variance += Math.pow(xy.get(3 * i + 2).asDouble() - mean, 2) / n;
        }
        double expected = 1 - 2 * state.get("update").get("trainLoss").asDouble() / variance;
        String label = (String) page.js(labelScript);
        assertEquals(expected, Double.parseDouble(label.replaceAll("R² train (-?[0-9.]+) .*", "$1")), 0.0006, label);
    }

    /** The explorer's shading at its left and right edges, above the curves: saturated (red), zero-slope (grey) or none. */
    private static final String EXPLORER_EDGES = """
            const c = document.getElementById('explorer');
            const at = (x) => {
              const p = c.getContext('2d').getImageData(x, 1, 1, 1).data;
              return p[3] === 0 ? 'none' : p[0] > p[1] + 60 ? 'saturated' : 'zero-slope';
            };
            return at(2) + ' ' + at(c.width - 3);
            """;

    /**
     * How many pixels of a canvas are within 60 of a colour in each channel, and mostly opaque (a 1.5 px line between
     * two pixel rows covers each only in part, so its pixels are blended with what lies under it).
     */
    private static final String COLOUR_PIXELS = """
            const c = document.getElementById(arguments[0]);
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0;
            for (let i = 0; i < d.length; i += 4) {
              if (d[i + 3] > 128 && Math.abs(d[i] - arguments[1]) < 60 && Math.abs(d[i + 1] - arguments[2]) < 60
                  && Math.abs(d[i + 2] - arguments[3]) < 60) n++;
            }
            return n;
            """;
}

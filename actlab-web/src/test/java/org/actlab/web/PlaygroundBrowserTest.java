package org.actlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Paths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The page's training, diagnostics and side-by-side runs in real headless Chromium (see {@link Chromium}). */
class PlaygroundBrowserTest {

    private static PlaygroundServer server;
    private static HttpHelper http;
    private static Chromium browser;
    private static WebDriver driver;

    @BeforeAll
    static void start() throws IOException {
        browser = Chromium.start(1500, 1400);
        driver = browser.driver;
        server = new PlaygroundServer(Limits.defaults());
        http = new HttpHelper(server.start("127.0.0.1", 0));
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    private static void open(String hash) {
        browser.open(http.port, hash);
    }

    private static WebDriverWait wait(int seconds) {
        return browser.waitFor(seconds);
    }

    private static Object js(String script) {
        return browser.js(script);
    }

    private static String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private static int epoch() {
        return Integer.parseInt(text("epoch").replace(",", ""));
    }

    private static String heatmapPixels() {
        return (String) js("return document.getElementById('heatmap').toDataURL()");
    }

    private static void screenshot(String name) throws IOException {
        browser.screenshot(Paths.get("target", name));
    }

    private static String sessionId() {
        String href = driver.findElement(By.id("exportConfig")).getAttribute("href");
        return href.replaceAll(".*/api/sessions/([0-9a-f]+)/export/.*", "$1");
    }

    @Test
    void playingLowersTheLossAndRepaintsTheHeatmap() throws IOException {
        open("dataset=circle&lr=0.1&seed=2&samples=300");
        double before = Double.parseDouble(text("lossTrain"));
        String pixelsBefore = heatmapPixels();
        driver.findElement(By.id("play")).click();
        wait(60).until(d -> epoch() >= 40);
        driver.findElement(By.id("play")).click();
        double after = Double.parseDouble(text("lossTrain"));
        assertTrue(after < 0.8 * before, "training loss " + before + " -> " + after);
        assertNotEquals(pixelsBefore, heatmapPixels(), "the decision boundary was repainted");
        assertTrue((Boolean) js("return window.actlabLinks() === 2*4 + 4*2 + 2"),
                "one link per weight");
        screenshot("playground-training.png");
    }

    @Test
    void switchingTheActivationRebuildsTheRunOnTheServer() {
        open("dataset=xor&seed=4");
        js("window.__errs=[]; window.addEventListener('error', e => __errs.push(e.message + ' ' + e.lineno)); window.addEventListener('unhandledrejection', e => __errs.push(String(e.reason && e.reason.stack)));"
                + "const f = window.fetch; window.fetch = (u, i) => { __errs.push('fetch ' + u); return f(u, i).then(r => { __errs.push(r.status + ' ' + u); return r; }); };");
        // The diagram is rebuilt when the stream's first state arrives; pick from the current one.
        wait(20).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            new Select(driver.findElement(By.id("layer-0-activation"))).selectByValue("relu");
            return true;
        });
        wait(20).withMessage(() -> "hash " + js("return location.hash") + ", error " + text("error"))
                .until(d -> String.valueOf(js("return location.hash")).contains("layers=4%3Arelu"));
        wait(20).withMessage(() -> "session " + sessionId() + ": " + http.get("/api/sessions/" + sessionId()).body().substring(0, 400)
                + " error: " + text("error") + " js: " + js("return JSON.stringify(window.__errs)")).until(d -> {
            JsonNode config = http.get("/api/sessions/" + sessionId()).json().get("config");
            return config.get("layers").get(0).get("activation").asText().equals("relu");
        });
        JsonNode config = http.get("/api/sessions/" + sessionId()).json().get("config");
        assertEquals("tanh", config.get("layers").get(1).get("activation").asText(), "only layer 0 changed");
        assertEquals(0, epoch(), "a new activation starts a new run");
    }

    @Test
    void deadReluUnitsAreMarkedOnTheDiagram() throws IOException {
        // A bias of -10 puts z = w·x - 10 below 0 for every point of the [-6, 6] square with these weights.
        open("dataset=circle&layers=6%3Arelu&binit=constant(-10)&seed=1");
        wait(20).until(d -> ((Number) js("return document.querySelectorAll('.node.dead').length")).intValue() > 0);
        long dead = ((Number) js("return document.querySelectorAll('[id^=unit-0-].dead').length")).longValue();
        assertTrue(dead >= 1, "dead units marked: " + dead);
        String badge = (String) js("return document.querySelector('.node.dead .badge').textContent");
        assertEquals("dead", badge);
        driver.findElement(By.id("step")).click();
        wait(20).until(d -> epoch() == 1);
        wait(20).until(d -> !driver.findElements(By.cssSelector("#healthTable tbody tr")).isEmpty());
        screenshot("playground-dead-relu.png");
    }

    @Test
    void divergenceShowsABannerNamingEpochAndStep() throws IOException {
        open("dataset=plane&lr=10&winit=he_normal&layers=16%3Aidentity|16%3Aidentity|16%3Aidentity|16%3Aidentity");
        driver.findElement(By.id("play")).click();
        wait(60).until(d -> driver.findElement(By.id("banner")).isDisplayed());
        String banner = text("banner");
        assertTrue(banner.matches(".*diverged.*epoch \\d+, step \\d+.*"), banner);
        screenshot("playground-diverged.png");
    }

    @Test
    void sideBySideTrainsTwoRunsThatDifferInOneSetting() throws IOException {
        int before = server.sessions();
        open("dataset=xor&seed=6&lr=0.1&compare=activation&compareValue=relu");
        wait(20).until(d -> driver.findElement(By.id("boxB")).isDisplayed() && !text("lossTrainB").equals("–"));
        assertEquals(before + 2, server.sessions(), "run A and run B each have a session");
        driver.findElement(By.id("play")).click();
        wait(60).until(d -> epoch() >= 20);
        driver.findElement(By.id("play")).click();
        double a = Double.parseDouble(text("lossTrain"));
        double b = Double.parseDouble(text("lossTrainB"));
        assertNotEquals(a, b, "tanh and relu runs differ");
        screenshot("playground-side-by-side.png");
    }
}

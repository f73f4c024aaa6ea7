package org.actlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The static site, served by a plain file server with no actlab API, is the playground: the page finds
 * site.json, trains in its Web Worker, draws, and never asks for /api/.
 */
class StaticSiteBrowserTest {

    private static final String TOUR = "linear-collapse";

    @Test
    void theStaticSiteTrainsWithNoRequestToAnActlabApi(@TempDir Path site) throws IOException {
        List<String> files = StaticSite.write(site);
        for (String name : List.of("index.html", "app.js", "api.js", "lecture.js", "worker.js", "backend-wasm.js",
                "wasm/actlab.wasm", "wasm/actlab.wasm-runtime.js", "site.json")) {
            assertTrue(files.contains(name) && Files.size(site.resolve(name)) > 0, name + " is written");
        }
        try (StaticFileServer server = new StaticFileServer(site); Chromium browser = Chromium.start(1500, 1400)) {
            browser.open(server.port(), "dataset=circle&lr=0.1&seed=2&samples=300");
            String initialLoss = browser.driver.findElement(By.id("lossTrain")).getText();
            browser.driver.findElement(By.id("step")).click();
            browser.waitFor(30).until(d -> epoch(browser) == 1);
            browser.driver.findElement(By.id("play")).click();
            browser.waitFor(60).until(d -> epoch(browser) >= 30);
            browser.driver.findElement(By.id("play")).click();
            sleep(500);
            int paused = epoch(browser);
            String loss = browser.driver.findElement(By.id("lossTrain")).getText();
            assertTrue(Double.parseDouble(loss) < Double.parseDouble(initialLoss),
                    "training lowered the loss from " + initialLoss + " to " + loss);
            // The diagnostics came from the worker too: one health row per layer (2 hidden + output by default).
            browser.waitFor(10).until(d -> ((Number) browser.js("return document.querySelectorAll('#healthTable tbody tr').length"))
                    .intValue() >= 2);
            // The f/f' explorer's curve is computed in the worker as well.
            String explorer = "";
            for (int i = 0; i < 100 && !explorer.contains("f(x) ="); i++) {
                sleep(100);
                explorer = (String) browser.js("return document.getElementById('explorerInfo').textContent");
            }
            assertTrue(explorer.contains("f(x) ="), "the explorer shows the formula: " + explorer);
            // Paused means paused: the worker stopped training.
            assertEquals(paused, epoch(browser), "no epoch after the pause");
            List<String> api = server.requests.stream().filter(r -> r.contains("/api/")).toList();
            assertEquals(List.of(), api, "requests to an actlab API; all requests: " + server.requests);
            assertTrue(server.requests.contains("GET /wasm/actlab.wasm"), "the page loaded the engine: " + server.requests);

            // A site written without the lab report names the tour's section as text, not as a link to a 404.
            browser.open(server.port(), "tour=" + TOUR);
            browser.waitFor(30).until(d -> browser.js("return document.getElementById('tourReport').textContent")
                    .toString().contains(TOUR));
            assertEquals(null, browser.js("return document.getElementById('tourReport').getAttribute('href')"));
            assertEquals("section “" + TOUR + "” (not on this static site)",
                    browser.js("return document.getElementById('tourReport').textContent"));
        }
    }

    /** With {@code --report DIR} the site carries the lab report, and the tours link to their sections in it. */
    @Test
    void aSiteWithTheLabReportLinksTheToursToIt(@TempDir Path tmp) throws IOException {
        Path report = Files.createDirectories(tmp.resolve("report"));
        // The report's shape for the link: one section per claim, its id the tour's (ReportRunner writes the real one).
        Files.writeString(report.resolve("report.html"), "<!doctype html><title>actlab report</title><section id=\""
                + TOUR + "\"><h2>" + TOUR + "</h2></section>");
        Path site = tmp.resolve("site");
        List<String> files = StaticSite.write(site, report);
        assertTrue(files.contains("report/report.html"), "the report is written: " + files);
        try (StaticFileServer server = new StaticFileServer(site); Chromium browser = Chromium.start(1500, 1400)) {
            browser.open(server.port(), "tour=" + TOUR);
            browser.waitFor(30).until(d -> browser.js("return document.getElementById('tourReport').getAttribute('href')") != null);
            assertEquals("report/report.html#" + TOUR, browser.js("return document.getElementById('tourReport').getAttribute('href')"));
            assertEquals("section “" + TOUR + "”", browser.js("return document.getElementById('tourReport').textContent"));
            // The link resolves on the plain file server: the section is there.
            Object answer = ((JavascriptExecutor) browser.driver).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const id = arguments[0];
                    fetch(document.getElementById('tourReport').href)
                      .then(async (r) => done(r.status + ' ' + (await r.text()).includes('id="' + id + '"')));
                    """, TOUR);
            assertEquals("200 true", answer);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int epoch(Chromium browser) {
        return Integer.parseInt(browser.driver.findElement(By.id("epoch")).getText().replace(",", ""));
    }
}

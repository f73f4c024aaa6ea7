package org.actlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The page when things go wrong, in real headless Chromium: the server at its session cap (503), a change
 * the server refuses, and a server that stops and comes back. The page must say so and never stay blank
 * or show settings that are not the ones training.
 */
class PlaygroundRecoveryBrowserTest {

    @RegisterExtension
    static final PlaygroundPage page = PlaygroundPage.browserOnly(1440, 1200);

    private static PlaygroundServer server(int sessions) {
        // An hour of eviction grace: a held session is never evicted during the test.
        return new PlaygroundServer(Limits.defaults().withSessions(sessions, Duration.ofMinutes(10), Duration.ofHours(1)));
    }

    private static void load(int port) {
        page.driver().get("about:blank");
        page.driver().get("http://127.0.0.1:" + port + "/#dataset=circle");
    }

    @Test
    void atTheSessionCapThePageRetriesWithAMessageAndStartsWhenThereIsRoom() {
        PlaygroundServer server = server(1);
        try {
            HttpHelper http = new HttpHelper(server.start("127.0.0.1", 0));
            String holder = http.post("/api/sessions", "{}").json().get("session").asText();
            load(http.port);
            page.waitFor(20).until(d -> d.findElement(By.id("status")).isDisplayed()
                    && page.text("status").startsWith("The server is busy"));
            assertTrue(page.text("status").contains("Retrying"), page.text("status"));
            assertEquals(1, server.sessions());
            assertEquals(204, http.delete("/api/sessions/" + holder).status());
            page.waitFor(40).until(d -> "true".equals(page.js("return document.body.dataset.ready || ''")));
            assertTrue(page.text("status").startsWith("Connected"), page.text("status"));
            assertEquals(1, server.sessions());
        } finally {
            server.stop();
        }
    }

    @Test
    void aRefusedCsvRestoresTheServersSettingsAndSaysWhy() throws IOException {
        PlaygroundServer server = server(4);
        Path csv = Files.createTempFile("actlab-bad", ".csv");
        try {
            HttpHelper http = new HttpHelper(server.start("127.0.0.1", 0));
            page.open(http.port, "dataset=xor&seed=3");
            Files.writeString(csv, "x1,x2,label\n1,2,0\n3,oops,1\n");
            page.driver().findElement(By.id("csvFile")).sendKeys(csv.toString());
            page.waitFor(20).until(d -> page.text("error").contains("the controls are back to the settings the server is training"));
            assertTrue(page.text("error").contains("oops") || page.text("error").toLowerCase().contains("csv"), page.text("error"));
            String hash = (String) page.js("return location.hash");
            assertTrue(hash.contains("dataset=xor"), hash);
            assertTrue(page.driver().findElement(By.id("dataset-xor")).getAttribute("class").contains("selected"));
            String id = page.driver().findElement(By.id("exportConfig")).getAttribute("href")
                    .replaceAll(".*/api/sessions/([0-9a-f]+)/export/.*", "$1");
            assertEquals("xor", http.get("/api/sessions/" + id).json().get("config").get("dataset").asText());
            // Later changes work again: the page no longer sends the refused CSV.
            page.driver().findElement(By.id("dataset-circle")).click();
            page.waitFor(20).until(d -> "circle".equals(http.get("/api/sessions/" + id).json().get("config").get("dataset").asText()));
        } finally {
            Files.deleteIfExists(csv);
            server.stop();
        }
    }

    @Test
    void aStoppedServerIsReportedAndAServerThatComesBackGetsANewSession() {
        PlaygroundServer server = server(4);
        PlaygroundServer again = server(4);
        try {
            int port = server.start("127.0.0.1", 0);
            page.open(port, "dataset=circle");
            server.stop();
            page.waitFor(30).until(d -> d.findElement(By.id("status")).isDisplayed()
                    && page.text("status").startsWith("Lost the connection to the server"));
            again.start("127.0.0.1", port);
            page.waitFor(60).withMessage(() -> "status: " + page.text("status") + "; error: " + page.text("error"))
                    .until(d -> page.text("status").contains("a new session started"));
            assertTrue(page.text("status").startsWith("The session expired") || page.text("status").startsWith("The server stopped"),
                    page.text("status"));
            assertEquals(1, again.sessions());
        } finally {
            server.stop();
            again.stop();
        }
    }
}

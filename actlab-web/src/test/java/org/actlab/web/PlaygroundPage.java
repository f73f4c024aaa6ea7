package org.actlab.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser tests' one fixture: real headless Chromium ({@link Chromium}) and, unless a test class runs its own
 * servers, a real {@link PlaygroundServer} on a free loopback port, started before the class's tests and stopped after
 * them, with the page queries those tests share. Register it with
 * {@code @RegisterExtension static final PlaygroundPage page = PlaygroundPage.withServer(width, height);}.
 */
final class PlaygroundPage implements BeforeAllCallback, AfterAllCallback {

    private final int width;
    private final int height;
    private final boolean ownServer;
    private Chromium browser;
    private PlaygroundServer server;
    private HttpHelper http;

    private PlaygroundPage(int width, int height, boolean ownServer) {
        this.width = width;
        this.height = height;
        this.ownServer = ownServer;
    }

    /** Chromium with a window of this size, and a server with the default limits. */
    static PlaygroundPage withServer(int width, int height) {
        return new PlaygroundPage(width, height, true);
    }

    /** Chromium only, for a test class that starts and stops its own servers. */
    static PlaygroundPage browserOnly(int width, int height) {
        return new PlaygroundPage(width, height, false);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        browser = Chromium.start(width, height);
        // The frame-rate probe's windows run inside one asynchronous script.
        browser.driver.manage().timeouts().scriptTimeout(Duration.ofMinutes(15));
        if (ownServer) {
            server = new PlaygroundServer(Limits.defaults());
            http = new HttpHelper(server.start("127.0.0.1", 0));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (server != null) {
                server.stop();
            }
        }
    }

    WebDriver driver() {
        return browser.driver;
    }

    PlaygroundServer server() {
        return server;
    }

    HttpHelper http() {
        return http;
    }

    /** Loads the page of this fixture's server with a hash and waits until it has its first session. */
    void open(String hash) {
        browser.open(http.port, hash);
    }

    /** Loads the page of a server on this port with a hash and waits until it has its first session. */
    void open(int port, String hash) {
        browser.open(port, hash);
    }

    WebDriverWait waitFor(int seconds) {
        return browser.waitFor(seconds);
    }

    Object js(String script, Object... args) {
        return browser.js(script, args);
    }

    void viewport(int width, int height) {
        browser.viewport(width, height);
    }

    void screenshot(Path target) throws IOException {
        browser.screenshot(target);
    }

    /** An element's visible text. */
    String text(String id) {
        return browser.driver.findElement(By.id(id)).getText();
    }

    /** The epoch counter as the page shows it. */
    int epoch() {
        return Integer.parseInt(text("epoch").replace(",", ""));
    }

    /** The id of run A's session, read from its export link. */
    String sessionId() {
        String href = browser.driver.findElement(By.id("exportConfig")).getAttribute("href");
        return href.replaceAll(".*/api/sessions/([0-9a-f]+)/export/.*", "$1");
    }

    /** Run A's state as the server has it. */
    JsonNode serverState() {
        return http.get("/api/sessions/" + sessionId()).json();
    }

    /** The output heatmap's pixels, to tell whether it was repainted. */
    String heatmapPixels() {
        return (String) js("return document.getElementById('heatmap').toDataURL()");
    }
}

package org.actlab.web;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Real headless Chromium for the page tests: Debian's {@code chromium} and {@code chromedriver}, at fixed
 * paths, never anything Selenium Manager would download. Without them the tests are skipped, except under
 * {@code CI=true}, where they fail.
 */
final class Chromium implements AutoCloseable {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");

    final WebDriver driver;
    private final Path profile;

    private Chromium(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts the browser, or skips (fails under CI=true) when it is not installed. */
    static Chromium start(int width, int height) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String message = "headless browser tests need Debian's chromium and chromium-driver at " + CHROMIUM
                    + " and " + CHROMEDRIVER + " (apt-get install -y chromium chromium-driver)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + "; CI=true, so this is a failure, not a skip");
            }
            Assumptions.abort(message);
        }
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile = Files.createTempDirectory("actlab-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new Chromium(new ChromeDriver(service, options), profile);
    }

    /** Loads the page with a hash and waits until it has its first session. */
    void open(int port, String hash) {
        // Via a blank page: a new hash on the same page would be a same-document navigation, not a load.
        driver.get("about:blank");
        driver.get("http://127.0.0.1:" + port + "/#" + hash);
        waitFor(30).until(d -> "true".equals(js("return document.body.dataset.ready || ''")));
    }

    WebDriverWait waitFor(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(100));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Sets the viewport's CSS width (the window is a little wider than its viewport in headless mode too). */
    void viewport(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        long inner = ((Number) js("return window.innerWidth")).longValue();
        driver.manage().window().setSize(new Dimension(width + (int) (width - inner), height));
    }

    void screenshot(Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}

package dev.interlink.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven by Debian's chromedriver: explicit binaries, so Selenium Manager never downloads
 * anything. One fresh profile directory per instance.
 */
public final class Browser implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** Kept referenced: Selenium's "no CDP implementation for Chromium N" warnings are noise (no CDP used). */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    public final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;
    private String test = "unnamed";
    private int step;

    private Browser(ChromeDriver driver, Path profile, Path screenshots) {
        this.driver = driver;
        this.profile = profile;
        this.screenshots = screenshots;
    }

    public static Browser start(Path target, String label) throws IOException {
        SELENIUM_LOG.setLevel(Level.SEVERE);
        Path logs = Files.createDirectories(target.resolve("logs"));
        Path profile = Files.createTempDirectory(Files.createDirectories(target.resolve("chrome-profiles")), label);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .withLogFile(logs.resolve("chromedriver-" + label + ".log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return new Browser(driver, profile, Files.createDirectories(target.resolve("screenshots")));
    }

    /** Starts a test: screenshots are named {@code <test>-<nn>-<step>.png}; extra windows closed. */
    public void beginTest(String name) {
        test = name;
        step = 0;
        List<String> handles = List.copyOf(driver.getWindowHandles());
        for (int i = 1; i < handles.size(); i++) {
            driver.switchTo().window(handles.get(i)).close();
        }
        driver.switchTo().window(handles.get(0));
        driver.switchTo().defaultContent();
        driver.get("about:blank");
    }

    /** Saves a screenshot of the current window; never fails the test (a popup may close under us). */
    public Path screenshot(String what) {
        Path file = screenshots.resolve(String.format("%s-%02d-%s.png", test, ++step, what));
        try {
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (Exception e) {
            System.err.println("screenshot " + file.getFileName() + " failed: " + e.getMessage());
            return null;
        }
    }

    WebDriverWait waitUpTo(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(100));
        wait.ignoring(NoSuchElementException.class).ignoring(StaleElementReferenceException.class);
        return wait;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } catch (RuntimeException e) {
            System.err.println("driver.quit failed: " + e.getMessage());
        }
        try (Stream<Path> walk = Files.walk(profile)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover profile under target/ is harmless
        }
    }
}

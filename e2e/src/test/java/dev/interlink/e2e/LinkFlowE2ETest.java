package dev.interlink.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The linking flow as a tenant's customer lives it: the demo host page (scripts/demo-host) on
 * {@code http://localhost:<port>} embeds link-ui (on {@code http://127.0.0.1:<port>}) through the SDK, against
 * the real platform-api, PostgreSQL and the provider sandbox.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LinkFlowE2ETest {
    private static final Duration UI = Duration.ofSeconds(30);

    private static Stack stack;
    private static Browser browser;
    /** Issued at the start so that it has expired (60 s is the shortest lifetime) when its test runs last. */
    private static JsonNode expiringToken;

    private WebDriver driver;

    @BeforeAll
    static void startStack() throws Exception {
        stack = Stack.start("link-flow");
        expiringToken = stack.linkToken(Map.of("end_user", Map.of("id", "e2e-expiring"), "expires_in", 60));
        browser = Browser.start(stack.target, "link-flow");
    }

    @AfterAll
    static void stopStack() {
        if (browser != null) browser.close();
        if (stack != null) stack.close();
    }

    @BeforeEach
    void beginTest(TestInfo info) {
        browser.beginTest(info.getTestMethod().orElseThrow().getName());
        driver = browser.driver;
    }

    @Test
    @Order(1)
    @DisplayName("A customer connects CATS through the modal on the tenant's page and gets an active account")
    void modalFlowFromAnotherOriginCreatesAnActiveAccount() throws Exception {
        JsonNode cats = stack.sandboxAccount("cats");
        openHostPage(stack.hostUrl, "end_user_id=e2e-modal");
        browser.screenshot("host-page");

        driver.findElement(By.id("connect-modal")).click();
        enterLinkFrame();
        waitVisible(By.id("providers"));
        assertEquals("Acme HR (E2E)", driver.findElement(By.id("tenant-name")).getText());
        browser.screenshot("providers");

        click(By.id("provider-cats"));
        typeInto("api_key", cats.path("api_key").asText());
        browser.screenshot("credentials");
        click(By.id("submit"));
        waitVisible(By.id("success"));
        browser.screenshot("success");

        driver.switchTo().defaultContent();
        String accountId = hostResultAccountId();
        // the SDK removes the modal after its confirmation delay
        browser.waitUpTo(UI)
                .until(ExpectedConditions.invisibilityOfElementLocated(
                        By.cssSelector("iframe[title='Connect your account']")));
        browser.screenshot("host-result");
        assertEquals("cats", driver.findElement(By.id("result")).getAttribute("data-provider"));

        Stack.Response account = stack.api("GET", "/integrated-accounts/" + accountId, null);
        assertEquals(200, account.status(), () -> "GET /integrated-accounts/" + accountId + " -> " + account);
        assertEquals("active", account.body().path("status").asText(), account::toString);
        assertEquals("cats", account.body().path("provider").asText(), account::toString);
        assertEquals("e2e-modal", account.body().path("end_user").path("id").asText(), account::toString);
    }

    @Test
    @Order(2)
    @DisplayName("A customer connects Loxo through the popup and the tenant's page gets the account")
    void popupFlowConnectsLoxo() throws Exception {
        JsonNode loxo = stack.sandboxAccount("loxo");
        openHostPage(stack.hostUrl, "end_user_id=e2e-popup");
        String hostWindow = driver.getWindowHandle();

        driver.findElement(By.id("connect-popup")).click();
        browser.waitUpTo(UI).until(d -> d.getWindowHandles().size() == 2);
        String popup = driver.getWindowHandles().stream()
                .filter(h -> !h.equals(hostWindow))
                .findFirst()
                .orElseThrow();
        driver.switchTo().window(popup);
        waitVisible(By.id("providers"));
        browser.screenshot("popup-providers");

        click(By.id("provider-loxo"));
        typeInto("agency_slug", loxo.path("agency_slug").asText());
        typeInto("api_key", loxo.path("api_key").asText());
        browser.screenshot("popup-credentials");
        click(By.id("submit"));
        waitVisible(By.id("success"));
        browser.screenshot("popup-success");

        driver.switchTo().window(hostWindow);
        String accountId = hostResultAccountId();
        assertEquals("loxo", driver.findElement(By.id("result")).getAttribute("data-provider"));
        // the SDK closes the popup after its confirmation delay
        browser.waitUpTo(UI).until(d -> d.getWindowHandles().size() == 1);
        browser.screenshot("host-result");

        Stack.Response account = stack.api("GET", "/integrated-accounts/" + accountId, null);
        assertEquals("active", account.body().path("status").asText(), account::toString);
        assertEquals("loxo", account.body().path("provider").asText(), account::toString);
    }

    @Test
    @Order(3)
    @DisplayName("A refused key shows the provider's reason and keeps the form; the right key then succeeds")
    void badKeyThenGoodKeyInTheSameSession() throws Exception {
        JsonNode cats = stack.sandboxAccount("cats");
        openHostPage(stack.hostUrl, "end_user_id=e2e-retry");
        driver.findElement(By.id("connect-modal")).click();
        enterLinkFrame();
        click(By.id("provider-cats"));

        typeInto("api_key", "wrong-key-" + UUID.randomUUID().toString().substring(0, 8));
        click(By.id("submit"));
        WebElement error = waitVisible(By.id("form-error"));
        browser.waitUpTo(UI)
                .until(d -> !d.findElement(By.id("form-error")).getText().isBlank());
        browser.screenshot("refused");
        String text = error.getText();
        assertTrue(text.contains("CATS didn't accept these credentials"), text);
        WebElement reason = driver.findElement(By.cssSelector("#form-error .message-reason"));
        assertFalse(reason.getText().isBlank(), "the provider's reason is shown: " + text);
        // the form is kept: same step, the provider's field still there (the secret cleared), no error page
        assertTrue(driver.findElement(By.id("credentials")).isDisplayed());
        assertEquals("", driver.findElement(By.cssSelector("#api_key input")).getAttribute("value"));
        assertTrue(driver.findElements(By.id("link-error")).isEmpty());

        typeInto("api_key", cats.path("api_key").asText());
        click(By.id("submit"));
        waitVisible(By.id("success"));
        browser.screenshot("success");

        driver.switchTo().defaultContent();
        String accountId = hostResultAccountId();
        Stack.Response account = stack.api("GET", "/integrated-accounts/" + accountId, null);
        assertEquals("active", account.body().path("status").asText(), account::toString);
    }

    @Test
    @Order(4)
    @DisplayName("An unknown link token shows the friendly error page")
    void unknownTokenShowsTheErrorPage() {
        driver.get(stack.linkUiUrl + "/link?link_token=lt_"
                + UUID.randomUUID().toString().replace("-", ""));
        WebElement error = waitVisible(By.id("link-error"));
        browser.screenshot("link-error");
        assertEquals("LINK.TOKEN_INVALID", error.getAttribute("data-code"));
        assertTrue(error.getText().contains("This link isn't valid"), error.getText());
        assertTrue(driver.findElements(By.id("credentials")).isEmpty());
    }

    @Test
    @Order(5)
    @DisplayName("A host page on an origin the tenant did not allow cannot frame the link UI")
    void nonAllowedOriginCannotFrameTheLinkUi() throws Exception {
        // Same demo page, but served as http://127.0.0.1:<port>: the tenant only allowed http://localhost:<port>.
        openHostPage(stack.otherOriginHostUrl, "end_user_id=e2e-framing");
        driver.findElement(By.id("connect-modal")).click();
        WebElement frame = waitVisible(By.cssSelector("iframe[title='Connect your account']"));
        String src = frame.getAttribute("src");

        // The browser refuses to render the blocked document: the frame ends on Chromium's error page.
        driver.switchTo().frame(frame);
        browser.waitUpTo(UI).until(d -> {
            Object url = ((JavascriptExecutor) d).executeScript("return document.URL");
            return url != null && !"about:blank".equals(url);
        });
        String url = (String) ((JavascriptExecutor) driver).executeScript("return document.URL");
        assertFalse(url.startsWith(stack.linkUiUrl), "blocked frame shows " + url);
        assertTrue(driver.findElements(By.id("tenant-name")).isEmpty());
        assertTrue(driver.findElements(By.id("providers")).isEmpty());
        driver.switchTo().defaultContent();
        browser.screenshot("blocked-frame");

        // And the header says why: frame-ancestors lists the allowed origin only.
        Stack.Response page =
                stack.send(HttpRequest.newBuilder(URI.create(src)).GET().build());
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        String ancestors = directive(csp, "frame-ancestors");
        assertNotNull(ancestors, "no frame-ancestors in " + csp);
        Set<String> listed = Set.of(ancestors.trim().split("\\s+"));
        assertTrue(listed.contains(stack.hostUrl), "frame-ancestors " + listed);
        assertFalse(listed.contains(stack.otherOriginHostUrl), "frame-ancestors " + listed);
        assertFalse(listed.contains("*"), "frame-ancestors " + listed);
    }

    @Test
    @Order(6)
    @DisplayName("A keyboard-only customer connects CATS with Tab, Enter and typing")
    void keyboardOnlyCompletion() throws Exception {
        JsonNode cats = stack.sandboxAccount("cats");
        openHostPage(stack.hostUrl, "end_user_id=e2e-keyboard");

        tabUntil("connect-modal", 10);
        keys(Keys.ENTER);
        enterLinkFrame();
        waitVisible(By.id("providers"));
        tabUntil("provider-cats", 15);
        browser.screenshot("provider-focused");
        keys(Keys.ENTER);
        waitVisible(By.cssSelector("#api_key input"));
        // the form focuses its first field
        browser.waitUpTo(UI).until(d -> "api_key".equals(activeFieldId()));
        keys(cats.path("api_key").asText());
        browser.screenshot("typed");
        keys(Keys.ENTER);
        waitVisible(By.id("success"));
        browser.screenshot("success");

        driver.switchTo().defaultContent();
        String accountId = hostResultAccountId();
        Stack.Response account = stack.api("GET", "/integrated-accounts/" + accountId, null);
        assertEquals("active", account.body().path("status").asText(), account::toString);
    }

    @Test
    @Order(7)
    @DisplayName("An expired link token shows the friendly 'expired' page")
    void expiredTokenShowsTheErrorPage() {
        Instant expiresAt = Instant.parse(expiringToken.path("expires_at").asText());
        // Bounded: the token was issued with the shortest lifetime (60 s) before the other tests ran.
        browser.waitUpTo(Duration.ofSeconds(90))
                .withMessage("token to pass its expiry " + expiresAt)
                .until(d -> Instant.now().isAfter(expiresAt.plusMillis(500)));
        driver.get(expiringToken.path("link_url").asText());
        WebElement error = waitVisible(By.id("link-error"));
        browser.screenshot("expired");
        assertEquals("LINK.TOKEN_EXPIRED", error.getAttribute("data-code"));
        assertTrue(error.getText().contains("This link has expired"), error.getText());
    }

    @Test
    @Order(8)
    @DisplayName("The demo host page subscribes itself and shows Interlink's signed events live")
    void hostPageShowsEventsLive() throws Exception {
        openHostPage(stack.hostUrl, "end_user_id=e2e-events");
        String endpointId = browser.waitUpTo(UI)
                .withMessage(
                        () -> "the demo host to register its webhook endpoint; its log:\n" + stack.demoHostLogTail())
                .until(d -> {
                    try {
                        for (JsonNode e : stack.api("GET", "/webhook-endpoints", null)
                                .body()
                                .path("result")) {
                            if (e.path("description").asText().startsWith("Acme HR demo host")) {
                                return e.path("id").asText();
                            }
                        }
                        return null;
                    } catch (Exception ex) {
                        return null;
                    }
                });

        Stack.Response sent = stack.api("POST", "/webhook-endpoints/" + endpointId + "/test", Map.of());

        assertTrue(sent.status() / 100 == 2, sent::toString);
        WebElement shown = waitVisible(By.cssSelector("#events li[data-type='webhook.test']"));
        browser.screenshot("live-events");
        assertTrue(shown.getText().contains("webhook.test"), shown.getText());
        // the account connected by the first test reached the page as well
        assertNotNull(waitVisible(By.cssSelector("#events li[data-type='integrated_account.created']")));
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private void openHostPage(String origin, String query) {
        driver.get(origin + "/?" + query);
        browser.waitUpTo(UI)
                .withMessage(() -> "the demo host page to fetch a link token; its status line: '"
                        + driver.findElement(By.id("status")).getText() + "'; demo host log:\n"
                        + stack.demoHostLogTail())
                .until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    private void enterLinkFrame() {
        browser.waitUpTo(UI)
                .until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(
                        By.cssSelector("iframe[title='Connect your account']")));
    }

    private WebElement waitVisible(By by) {
        return browser.waitUpTo(UI).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private void click(By by) {
        browser.waitUpTo(UI).until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    private void typeInto(String field, String value) {
        WebElement input = waitVisible(By.cssSelector("#" + field + " input"));
        input.clear();
        input.sendKeys(value);
    }

    private String hostResultAccountId() {
        WebElement result = browser.waitUpTo(UI)
                .withMessage("the host page to show the connected account")
                .until(d -> {
                    WebElement r = d.findElement(By.id("result"));
                    return r.getAttribute("data-account-id") != null && r.isDisplayed() ? r : null;
                });
        String id = result.getAttribute("data-account-id");
        assertTrue(result.getText().contains(id), result.getText());
        return id;
    }

    private void keys(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /** The id of the focused element, or of the Vaadin field whose native input is focused. */
    private String activeFieldId() {
        return (String) ((JavascriptExecutor) driver)
                .executeScript("for (var n = document.activeElement; n; n = n.parentElement)"
                        + " if (n.id && !/^(input|vaadin|label|error-message|helper-text)-/.test(n.id)) return n.id;"
                        + " return null;");
    }

    /** Presses Tab until the element with this id has focus (a keyboard user's way there); bounded. */
    private void tabUntil(String id, int maxTabs) {
        for (int i = 0; i < maxTabs; i++) {
            if (id.equals(activeFieldId())) return;
            keys(Keys.TAB);
        }
        assertEquals(id, activeFieldId(), "focus after " + maxTabs + " tabs");
    }

    private static String directive(String csp, String name) {
        for (String part : List.of(csp.split(";"))) {
            String p = part.trim();
            if (p.startsWith(name + " ") || p.equals(name)) return p.substring(name.length());
        }
        return null;
    }
}

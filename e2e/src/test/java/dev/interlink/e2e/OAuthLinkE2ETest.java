package dev.interlink.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * OAuth 2.0 linking (Lever) in the browser: link-ui's "Connect with Lever" opens a popup on platform-api's start
 * route, the sandbox's consent page is answered there, and the callback page tells link-ui the outcome.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OAuthLinkE2ETest {
    private static final Duration UI = Duration.ofSeconds(30);

    private static Stack stack;
    private static Browser browser;
    private static JsonNode lever;

    private WebDriver driver;

    @BeforeAll
    static void startStack() throws Exception {
        stack = Stack.start("oauth-link");
        lever = stack.sandboxOAuthAccount("lever");
        Stack.Response app = stack.api(
                "PUT",
                "/oauth-apps/lever",
                Map.of(
                        "client_id", lever.path("client_id").asText(),
                        "client_secret", lever.path("client_secret").asText()));
        assertEquals(200, app.status(), app::toString);
        assertEquals(
                stack.apiUrl + "/oauth/callback",
                app.body().path("redirect_uri").asText(),
                app::toString);
        browser = Browser.start(stack.target, "oauth-link");
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
    @DisplayName("Connect with Lever → consent popup → Allow: the widget says connected and the account is active")
    void allowInThePopupConnectsLever() throws Exception {
        openLink("e2e-oauth-allow");
        String widget = driver.getWindowHandle();
        assertEquals("Connect with Lever", waitVisible(By.id("oauth-connect")).getText());
        browser.screenshot("connect");

        String popup = clickConnect(widget, By.id("oauth-connect"));
        waitVisible(By.id("allow"));
        assertTrue(driver.getCurrentUrl().startsWith(stackSandboxAuthorize()), driver.getCurrentUrl());
        browser.screenshot("consent");
        click(By.id("allow"));

        awaitPopupClosed(popup);
        driver.switchTo().window(widget);
        WebElement success = waitVisible(By.id("success"));
        assertTrue(success.getText().contains("Lever is connected"), success.getText());
        browser.screenshot("connected");

        JsonNode account = onlyAccount("e2e-oauth-allow");
        assertEquals("active", account.path("status").asText(), account::toString);
        assertEquals("lever", account.path("provider").asText(), account::toString);
        Stack.Response proxied = stack.api(
                "GET",
                "/proxy/users?limit=1&integrated_account_id="
                        + account.path("id").asText(),
                null);
        assertEquals(200, proxied.status(), proxied::toString);
    }

    @Test
    @Order(2)
    @DisplayName("Deny on the consent page: the widget says so, and Retry → Allow connects")
    void denyThenRetry() throws Exception {
        openLink("e2e-oauth-deny");
        String widget = driver.getWindowHandle();

        String popup = clickConnect(widget, By.id("oauth-connect"));
        click(By.id("deny"));
        awaitPopupClosed(popup);
        driver.switchTo().window(widget);
        WebElement error = waitVisible(By.id("form-error"));
        assertEquals("OAUTH.CONSENT_DENIED", error.getAttribute("data-code"));
        assertTrue(error.getText().contains("didn't allow access in Lever"), error.getText());
        browser.screenshot("denied");
        assertEquals(0, accounts("e2e-oauth-deny").size());

        String again = clickConnect(widget, By.id("retry"));
        click(By.id("allow"));
        awaitPopupClosed(again);
        driver.switchTo().window(widget);
        waitVisible(By.id("success"));
        browser.screenshot("retried");
        assertEquals("active", onlyAccount("e2e-oauth-deny").path("status").asText());
    }

    // ---- helpers ----

    private String stackSandboxAuthorize() {
        return lever.path("authorize_url").asText();
    }

    private void openLink(String endUser) throws Exception {
        JsonNode token = stack.linkToken(Map.of("end_user", Map.of("id", endUser), "providers", List.of("lever")));
        driver.get(token.path("link_url").asText());
    }

    /** Clicks a button that opens the popup, and switches to the popup. */
    private String clickConnect(String widget, By button) {
        click(button);
        browser.waitUpTo(UI)
                .withMessage("the Lever popup to open")
                .until(d -> d.getWindowHandles().size() == 2);
        String popup = driver.getWindowHandles().stream()
                .filter(h -> !h.equals(widget))
                .findFirst()
                .orElseThrow();
        driver.switchTo().window(popup);
        return popup;
    }

    private void awaitPopupClosed(String popup) {
        browser.waitUpTo(UI)
                .withMessage("the popup to close itself after the callback")
                .until(d -> !d.getWindowHandles().contains(popup));
    }

    private List<JsonNode> accounts(String endUser) throws Exception {
        Stack.Response r = stack.api("GET", "/integrated-accounts?provider=lever&end_user_id=" + endUser, null);
        assertEquals(200, r.status(), r::toString);
        List<JsonNode> out = new java.util.ArrayList<>();
        r.body().path("result").forEach(out::add);
        return out;
    }

    private JsonNode onlyAccount(String endUser) throws Exception {
        List<JsonNode> found = accounts(endUser);
        assertEquals(1, found.size(), found::toString);
        return found.get(0);
    }

    private WebElement waitVisible(By by) {
        return browser.waitUpTo(UI).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private void click(By by) {
        browser.waitUpTo(UI).until(ExpectedConditions.elementToBeClickable(by)).click();
    }
}

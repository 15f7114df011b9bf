package dev.interlink.e2e.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin dashboard in headless Chromium against the real platform-api, PostgreSQL, provider sandbox and
 * admin-ui processes. Tenant A has a CATS account imported through the API and some request traffic; tenant
 * B's admin must not see any of it. Screenshots: {@code e2e/target/screenshots/admin-*.png}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminUiE2ETest {
    private static final Duration UI = Duration.ofSeconds(30);
    private static final String PASSWORD = "a long enough password";
    private static final String EMAIL_A = "admin-a@acme.test";
    private static final String EMAIL_B = "admin-b@globex.test";

    private static AdminStack stack;
    private static ChromeDriver driver;
    private static JsonNode tenantA;
    private static JsonNode tenantB;
    private static String tokenA;
    private static String accountId;
    private static String importsAccount;
    private static String importsSandboxAccount;

    @BeforeAll
    static void start() throws Exception {
        stack = AdminStack.start("admin");
        tenantA = stack.tenantWithAdmin("admin-a", "Acme Recruiting", EMAIL_A, PASSWORD);
        tenantB = stack.tenantWithAdmin("admin-b", "Globex Talent", EMAIL_B, PASSWORD);
        tokenA = AdminStack.token(
                stack.apiUrl,
                tenantA.path("client_id").asText(),
                tenantA.path("client_secret").asText());
        assertNotNull(tokenA, "tenant A's client credentials work");

        // the end customer links the account through link-ui, as in production: a link token, the link page,
        // the CATS key (one allowed provider goes straight to its form)
        driver = stack.browser("admin");
        JsonNode cats = stack.sandboxAccount("cats");
        AdminStack.Response link = stack.api(
                tokenA,
                "POST",
                "/link-tokens",
                Map.of(
                        "end_user", Map.of("id", "cust-42", "name", "Ada Lovelace", "email", "ada@example.com"),
                        "providers", List.of("cats")));
        assertEquals(201, link.status(), link.raw());
        driver.get(link.body().path("link_url").asText());
        WebDriverWait linkUi = new WebDriverWait(driver, UI);
        linkUi.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#api_key input")))
                .sendKeys(cats.path("api_key").asText());
        driver.findElement(By.id("submit")).click();
        linkUi.until(ExpectedConditions.visibilityOfElementLocated(By.id("success")));
        AdminStack.Response linked = stack.api(tokenA, "GET", "/integrated-accounts?end_user_id=cust-42", null);
        assertEquals(1, linked.body().path("result").size(), linked.raw());
        accountId = linked.body().path("result").get(0).path("id").asText();
        // traffic for the overview and the request log: successes and a 404
        for (int i = 0; i < 3; i++) {
            AdminStack.Response r =
                    stack.api(tokenA, "GET", "/unified/ats/candidates?integrated_account_id=" + accountId, null);
            assertEquals(200, r.status(), r.raw());
        }
        stack.api(tokenA, "GET", "/integrated-accounts/00000000-0000-0000-0000-000000000000", null);
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.close();
    }

    @BeforeEach
    void begin(TestInfo info) {
        stack.beginTest("admin-" + info.getTestMethod().orElseThrow().getName());
    }

    private WebDriverWait await() {
        WebDriverWait wait = new WebDriverWait(driver, UI, Duration.ofMillis(100));
        wait.ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    private WebElement visible(String css) {
        return await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Tenant A's admin follows a sign-in link that names the workspace; tenant B's types it. */
    private void signIn(String email) {
        if (email.equals(EMAIL_A)) {
            driver.get(stack.adminUrl + "/signin?workspace="
                    + tenantA.path("tenant_slug").asText());
        } else {
            driver.get(stack.adminUrl + "/signin");
            visible("#workspace input").sendKeys(tenantB.path("tenant_slug").asText());
        }
        visible("#email input").sendKeys(email);
        visible("#password input").sendKeys(PASSWORD);
        stack.screenshot("sign-in");
        idle();
        visible("#sign-in").click();
        visible("#stats-24h");
    }

    /** Waits until Vaadin has no server round trip in flight, so a click lands on the final DOM. */
    private void idle() {
        await().until(d -> Boolean.TRUE.equals(driver.executeScript(
                "const f = window.Vaadin && window.Vaadin.Flow; if (!f || !f.clients) return false;"
                        + " return Object.values(f.clients).every(c => !c.isActive());")));
    }

    private void signOut() {
        driver.get(stack.adminUrl + "/");
        visible("#stats-24h");
        idle();
        visible("#sign-out").click();
        visible("#email");
    }

    private String notification(String expected) {
        return await().until(d -> {
            Object text =
                    driver.executeScript("return Array.from(document.querySelectorAll('vaadin-notification-card'))"
                            + ".map(c => c.textContent).join(' | ');");
            return text instanceof String t && !t.isBlank() && t.contains(expected) ? t : null;
        });
    }

    @Test
    @Order(1)
    @DisplayName("An admin signs in and sees the overview: charts, counts, the linked account")
    void signInShowsOverview() {
        driver.get(stack.adminUrl + "/accounts");
        visible("#email"); // not signed in: forwarded to sign-in
        signIn(EMAIL_A);
        assertEquals("Acme Recruiting", visible("#tenant-name").getText());
        await().until(d -> d.findElement(By.id("stats-24h")).getText().contains("requests"));
        String stats = driver.findElement(By.id("stats-24h")).getText();
        assertTrue(stats.matches("(?s).*\\b[4-9]\\d* requests.*"), stats);
        // the CSS is applied: bars are laid out side by side, not as a column of labels
        Object display = driver.executeScript(
                "const c = document.querySelector('.bar-chart'); return c && getComputedStyle(c).display;");
        assertEquals("flex", display);
        assertTrue(visible("#accounts-by-provider").getText().contains("cats"));
        stack.screenshot("overview");
    }

    @Test
    @Order(2)
    @DisplayName("A shared link opens the account: history, capabilities, recent requests; test connection works")
    void accountDetailAndTestConnection() {
        driver.get(stack.adminUrl + "/accounts");
        await().until(d -> cellTexts("#accounts").stream().anyMatch(t -> t.contains("Ada Lovelace")));
        stack.screenshot("accounts");
        driver.get(stack.adminUrl + "/accounts/" + accountId); // selection lives in the URL
        assertTrue(visible("#account-title").getText().contains("Ada Lovelace"));
        await().until(d -> d.findElement(By.id("capabilities")).getText().contains("candidates"));
        await().until(d -> d.findElement(By.id("recent-requests")).getText().contains("/unified/ats/"));
        idle();
        visible("#test-connection").click();
        await().until(d -> d.findElements(By.tagName("vaadin-notification-card")).stream()
                .anyMatch(n -> n.getText().contains("Connection OK")));
        stack.screenshot("account-detail");
    }

    @Test
    @Order(3)
    @DisplayName("An admin creates an import of a slow 800-candidate account and watches its progress bar move to 100%")
    void createImportAndWatchProgress() throws Exception {
        JsonNode cats = stack.sandboxAccount("cats", 800);
        AdminStack.Response linked = stack.api(
                tokenA,
                "POST",
                "/integrated-accounts",
                Map.of(
                        "provider", "cats",
                        "end_user", Map.of("id", "imports-demo"),
                        "credentials", Map.of("api_key", cats.path("api_key").asText())));
        assertEquals(201, linked.status(), linked.raw());
        importsAccount = linked.body().path("id").asText();
        // eight pages of 100 at 700 ms each: a run long enough to be watched
        stack.sandboxLatency(cats.path("account_id").asText(), 700);
        importsSandboxAccount = cats.path("account_id").asText();

        driver.get(stack.adminUrl + "/imports");
        visible("#import-name input").sendKeys("Recruiter sheet");
        idle();
        WebElement account = visible("#import-account input");
        account.sendKeys("cats · imports-demo"); // the item's whole label: Enter then picks it
        idle();
        account.sendKeys(Keys.ENTER);
        account.sendKeys(Keys.TAB);
        idle();
        driver.executeScript("document.querySelector('#import-resource').opened = true;");
        await().until(d -> d.findElements(By.cssSelector("vaadin-select-item")).stream()
                        .filter(i -> i.getText().equals("candidates"))
                        .findFirst()
                        .orElse(null))
                .click();
        idle();
        WebElement fields = visible("#import-fields input");
        for (String f : List.of("id", "first_name", "last_name")) {
            fields.sendKeys(f);
            idle();
            await().until(d -> d.findElements(By.cssSelector("vaadin-multi-select-combo-box-item")).stream()
                            .filter(i -> i.getText().equals(f))
                            .findFirst()
                            .orElse(null))
                    .click();
            idle();
            fields.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE); // the filter text, not the chips
            idle();
        }
        fields.sendKeys(Keys.TAB);
        idle();
        stack.screenshot("import-form");
        visible("#create-import").click();
        notification("Import created");
        idle();
        visible("#run-import").click();

        // the bar, re-rendered every second, shows a part done, then more, then all
        double seen = await().until(d -> {
            Double v = progressValue();
            return v != null && v > 0 && v < 100 ? v : null;
        });
        stack.screenshot("import-running");
        await().until(d -> {
            Double v = progressValue();
            return v != null && v > seen;
        });
        await().until(d -> cellTexts("#import-runs").contains("succeeded"));
        assertEquals(100.0, progressValue());
        assertTrue(
                cellTexts("#import-snapshots").contains("800"),
                cellTexts("#import-snapshots").toString());
        stack.screenshot("import-succeeded");
    }

    @Test
    @Order(4)
    @DisplayName("The snapshot's XLSX download opens as a workbook holding the imported candidates")
    void downloadSnapshotXlsx() throws Exception {
        openImport();
        Object href = await().until(d ->
                driver.executeScript("const a = document.querySelector('[id^=download-xlsx-]'); return a && a.href;"));
        // fetched by the page itself, with the admin's session, as a click would
        Object base64 = driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + " fetch(arguments[0]).then(r => r.arrayBuffer()).then(b => {"
                        + "  let s = ''; new Uint8Array(b).forEach(x => s += String.fromCharCode(x)); done(btoa(s));"
                        + " }).catch(e => done('failed: ' + e));",
                href);
        byte[] xlsx = java.util.Base64.getDecoder().decode((String) base64);
        AdminStack.Response first = stack.api(
                tokenA, "GET", "/unified/ats/candidates?limit=1&integrated_account_id=" + importsAccount, null);
        String lastName = first.body().path("result").get(0).path("last_name").asText();
        // opened with the JDK's own zip reader (the writer is fastexcel): the parts of a workbook, as XML
        java.nio.file.Path file = java.nio.file.Files.createTempFile("snapshot", ".xlsx");
        java.nio.file.Files.write(file, xlsx);
        StringBuilder sheets = new StringBuilder();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            assertNotNull(zip.getEntry("xl/workbook.xml"), "a workbook");
            for (java.util.zip.ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (e.getName().startsWith("xl/")) {
                    sheets.append(
                            new String(zip.getInputStream(e).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        } finally {
            java.nio.file.Files.delete(file);
        }
        assertTrue(sheets.indexOf("last_name") >= 0, "the header row names the field");
        assertTrue(sheets.indexOf(lastName) >= 0, "the first candidate's last name is in the workbook");
    }

    @Test
    @Order(5)
    @DisplayName("After a candidate is renamed and the import runs again, the diff view shows that one change")
    void diffBetweenTwoRuns() throws Exception {
        stack.sandboxLatency(importsSandboxAccount, 0);
        AdminStack.Response first = stack.api(
                tokenA, "GET", "/unified/ats/candidates?limit=1&integrated_account_id=" + importsAccount, null);
        String id = first.body().path("result").get(0).path("id").asText();
        AdminStack.Response renamed = stack.api(
                tokenA,
                "PATCH",
                "/unified/ats/candidates/" + id + "?integrated_account_id=" + importsAccount,
                Map.of("first_name", "Renamed"));
        assertEquals(200, renamed.status(), renamed.raw());
        openImport();
        visible("#run-import").click();
        await().until(d -> cellTexts("#import-runs").stream()
                        .filter(t -> t.equals("succeeded"))
                        .count()
                == 2);
        await().until(d -> driver.findElements(By.cssSelector("#import-snapshots vaadin-grid-cell-content")).stream()
                        .filter(c -> c.getText().equals("800"))
                        .count()
                == 2);
        idle();
        WebElement compare = visible("#compare-snapshots");
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", compare);
        compare.click();
        await().until(d -> d.findElement(By.id("diff-counts")).getText().equals("0 added, 0 removed, 1 changed"));
        List<String> cells = await().until(d -> {
            List<String> c = cellTexts("#diff-changes");
            return c.contains("Renamed") ? c : null;
        });
        assertTrue(cells.contains("first_name"), cells.toString());
        assertTrue(cells.contains(id), cells.toString());
        stack.screenshot("import-diff");
    }

    @Test
    @Order(6)
    @DisplayName("A feed URL created in the page serves the snapshot as CSV; revoked in the page, it answers 404")
    void createAndRevokeFeed() throws Exception {
        openImport();
        WebElement create = visible("#create-feed");
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", create);
        create.click();
        String url = await().until(d -> {
            Object v = driver.executeScript("const f = document.querySelector('#feed-url'); return f && f.value;");
            return v instanceof String u && u.contains("/feeds/") ? u : null;
        });
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest get =
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build();
        java.net.http.HttpResponse<String> csv = http.send(get, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, csv.statusCode());
        assertTrue(
                csv.body().startsWith("id,first_name,last_name\r\n"), csv.body().substring(0, 40));
        assertEquals(801, csv.body().split("\r\n").length);

        idle();
        WebElement revoke = visible("[id^=revoke-feed-]");
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", revoke);
        revoke.click();
        notification("Feed revoked");
        // the grid keeps a removed row's cell in the DOM, hidden
        await().until(d ->
                d.findElements(By.cssSelector("[id^=revoke-feed-]")).stream().noneMatch(WebElement::isDisplayed));
        stack.screenshot("feed-revoked");
        assertEquals(
                404,
                http.send(get, java.net.http.HttpResponse.BodyHandlers.discarding())
                        .statusCode());
    }

    /** The imports page with the import of test 3 selected in its list. */
    private void openImport() {
        driver.get(stack.adminUrl + "/imports");
        await().until(d -> d.findElements(By.cssSelector("#imports-grid vaadin-grid-cell-content")).stream()
                        .filter(c -> c.getText().equals("Recruiter sheet"))
                        .findFirst()
                        .orElse(null))
                .click();
        visible("#run-import");
        idle();
    }

    /** The value of the newest run's progress bar, or null while none is shown. */
    private Double progressValue() {
        Object v = driver.executeScript(
                "const b = document.querySelector('vaadin-progress-bar.run-progress'); return b ? b.value : null;");
        return v instanceof Number n ? n.doubleValue() : null;
    }

    @Test
    @Order(7)
    @DisplayName("Disabling the account in the UI makes the unified API refuse it with a 409 problem")
    void disableAccountApiRefuses() throws Exception {
        driver.get(stack.adminUrl + "/accounts/" + accountId);
        visible("#account-title");
        idle();
        WebElement toggle = visible("#toggle-account");
        assertEquals("Disable", toggle.getText());
        toggle.click();
        await().until(d -> d.findElement(By.id("toggle-account")).getText().equals("Enable"));
        assertTrue(visible("#account-details").getText().contains("disabled by the tenant"));
        stack.screenshot("account-disabled");

        AdminStack.Response refused =
                stack.api(tokenA, "GET", "/unified/ats/candidates?integrated_account_id=" + accountId, null);
        assertEquals(409, refused.status(), refused.raw());
        assertEquals("INTEGRATION.ACCOUNT_DISABLED", refused.body().path("code").asText(), refused.raw());
    }

    @Test
    @Order(8)
    @DisplayName("Request logs filtered by status class show only the failed request; its detail has the timings")
    void filterLogs() {
        driver.get(stack.adminUrl + "/logs");
        await().until(d -> cellTexts("#logs").contains("200"));
        WebElement status = visible("#log-status input");
        status.sendKeys("4xx");
        status.sendKeys(Keys.ENTER);
        await().until(d -> {
            List<String> cells = cellTexts("#logs");
            return cells.contains("404") && !cells.contains("200") ? cells : null;
        });
        WebElement failed = await().until(d -> d.findElements(By.cssSelector("#logs vaadin-grid-cell-content")).stream()
                .filter(c -> c.getText().equals("404"))
                .findFirst()
                .orElse(null));
        failed.click();
        String detail = await().until(d -> {
            String t = d.findElement(By.id("log-detail")).getText();
            return t.contains("Request id") ? t : null;
        });
        assertTrue(detail.contains("Interlink time"), detail);
        assertTrue(detail.contains("Provider time"), detail);
        stack.screenshot("logs-filtered");
    }

    @Test
    @Order(9)
    @DisplayName("Rotating a client secret shows the new secret once, and it works at the token endpoint")
    void rotateSecret() throws Exception {
        String clientId = tenantA.path("client_id").asText();
        driver.get(stack.adminUrl + "/api-clients");
        visible("#rotate-" + cssId(clientId));
        idle();
        visible("#rotate-" + cssId(clientId)).click();
        String secret = await().until(d -> {
            Object v = driver.executeScript("const f = document.querySelector('#client-secret'); return f && f.value;");
            return v instanceof String s && !s.isBlank() ? s : null;
        });
        stack.screenshot("secret-rotated");
        assertNotEquals(tenantA.path("client_secret").asText(), secret);
        assertNotNull(AdminStack.token(stack.apiUrl, clientId, secret), "the new secret works");
        visible("#close-secret").click();
    }

    @Test
    @Order(10)
    @DisplayName("Tenant B's admin opening tenant A's account by URL sees 'not found' and none of A's data")
    void otherTenantCannotSeeAccountByUrl() {
        signOut();
        signIn(EMAIL_B);
        assertEquals("Globex Talent", visible("#tenant-name").getText());
        driver.get(stack.adminUrl + "/accounts/" + accountId);
        assertTrue(visible("#account-not-found").getText().contains("No such account"));
        assertTrue(!driver.findElement(By.tagName("body")).getText().contains("Ada Lovelace"));
        stack.screenshot("other-tenant-not-found");
        driver.get(stack.adminUrl + "/logs?account=" + accountId);
        visible("#logs-empty");
        await().until(d -> d.findElement(By.id("logs-empty")).isDisplayed());
        driver.get(stack.adminUrl + "/");
        visible("#stats-24h");
        stack.screenshot("other-tenant-overview");
        assertNull(driver.findElements(By.id("needs-reauth")).stream()
                .filter(e -> e.getText().contains("Ada"))
                .findAny()
                .orElse(null));
    }

    private List<String> cellTexts(String grid) {
        return driver.findElements(By.cssSelector(grid + " vaadin-grid-cell-content")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private static String cssId(String id) {
        return id.replaceAll("([^A-Za-z0-9_-])", "\\\\$1");
    }
}

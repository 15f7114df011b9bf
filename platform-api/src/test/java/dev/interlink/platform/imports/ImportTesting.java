package dev.interlink.platform.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.platform.account.ProviderSandbox;
import dev.interlink.platform.testing.Api;
import dev.interlink.sandbox.Sandbox;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Shared steps of the import tests: a sandbox CATS account, runs awaited over the API, raw downloads. */
final class ImportTesting {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    private ImportTesting() {}

    static Map<String, String> properties(Sandbox sandbox) {
        Map<String, String> p = new HashMap<>(ProviderSandbox.catalogOverrides(sandbox));
        p.put("interlink.imports.enabled", "true");
        p.put("interlink.imports.tick-interval", "1s");
        p.put("interlink.scheduler.polling-interval", "200ms");
        p.put("interlink.scheduler.heartbeat-interval", "500ms");
        return p;
    }

    record Account(String id, Sandbox.AccountInfo sandbox) {}

    static Account catsAccount(Api api, String token, Sandbox sandbox, int candidates) {
        Sandbox.AccountInfo a = sandbox.createAccount("cats", 42, candidates);
        sandbox.setRollingLimit(a.accountId(), 1_000_000, 3600);
        Api.Response r = api.post(
                "/integrated-accounts",
                token,
                Map.of(
                        "provider", "cats",
                        "end_user", Map.of("id", "user-" + a.accountId()),
                        "credentials", Map.of("api_key", a.apiKey())));
        assertThat(r.status()).as(r.text()).isIn(200, 201);
        return new Account(r.json().path("id").asText(), a);
    }

    /** An on-demand import of {@code resource} with these fields; its id. */
    static String createImport(Api api, String token, String account, String resource, List<String> fields) {
        Api.Response r = api.post(
                "/imports", token, Map.of("integrated_account_id", account, "resource", resource, "fields", fields));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    /** One SQL statement on the test database, outside any transaction of the server's; the rows it changed. */
    static int sql(DataSource dataSource, String statement) throws Exception {
        try (var c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                var s = c.createStatement()) {
            return s.executeUpdate(statement);
        }
    }

    static JsonNode runToEnd(Api api, String token, String importId) {
        Api.Response r = api.post("/imports/" + importId + "/runs", token, Map.of());
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        return awaitRun(api, token, importId, r.json().path("id").asText());
    }

    static JsonNode awaitRun(Api api, String token, String importId, String runId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode run =
                    api.get("/imports/" + importId + "/runs/" + runId, token).json();
            String status = run.path("status").asText();
            if (!status.equals("queued") && !status.equals("running")) return run;
            sleep(100);
        }
        throw new AssertionError("run " + runId + " did not end in 90 s");
    }

    /** The run once it has committed at least {@code pages} pages (whatever its status then). */
    static JsonNode awaitPages(Api api, String token, String importId, String runId, int pages) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode run =
                    api.get("/imports/" + importId + "/runs/" + runId, token).json();
            if (run.path("pages_read").asInt() >= pages) return run;
            sleep(100);
        }
        throw new AssertionError("run " + runId + " did not read " + pages + " pages in 60 s");
    }

    /**
     * A CSV export read with commons-csv (not our writer): a header row of {@code fields}, then one row per expected
     * record in order, each field the record's text (null: empty).
     */
    static void assertCsvEquals(byte[] body, List<String> fields, List<JsonNode> expected) throws Exception {
        try (CSVParser csv = CSVParser.parse(
                new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8),
                CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get())) {
            assertThat(csv.getHeaderNames()).containsExactlyElementsOf(fields);
            List<CSVRecord> rows = csv.getRecords();
            assertThat(rows).hasSize(expected.size());
            for (int i = 0; i < rows.size(); i++) {
                for (String f : fields) {
                    JsonNode v = expected.get(i).path(f);
                    assertThat(rows.get(i).get(f)).as("row %d %s", i, f).isEqualTo(v.isNull() ? "" : v.asText());
                }
            }
        }
    }

    /** Every candidate of the account through the unified list, projected to {@code fields} as a snapshot stores it. */
    static List<JsonNode> unifiedCandidates(Api api, String token, String account, List<String> fields) {
        List<JsonNode> out = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/unified/ats/candidates?limit=100&integrated_account_id=" + account
                    + (cursor == null ? "" : "&next_cursor=" + cursor);
            JsonNode page = api.get(path, token).json();
            for (JsonNode c : page.path("result")) {
                com.fasterxml.jackson.databind.node.ObjectNode row =
                        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                for (String f : fields) {
                    JsonNode v = FieldPaths.value(c, f);
                    row.set(f, v.isMissingNode() ? row.nullNode() : v);
                }
                out.add(row);
            }
            cursor = page.path("next_cursor").isNull()
                    ? null
                    : page.path("next_cursor").asText();
        } while (cursor != null);
        return out;
    }

    static HttpResponse<byte[]> download(URI base, String path, String token) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).GET();
            if (token != null) b.header("Authorization", "Bearer " + token);
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

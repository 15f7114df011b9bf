package dev.interlink.platform.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import dev.interlink.sandbox.Sandbox;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One import of a 250-candidate sandbox CATS account, run twice with a recruiter's changes in between (one candidate
 * added, one deleted, one renamed): what the snapshots, exports, diff, rules and feeds then say.
 */
@MicronautTest(transactional = false)
class ImportsTest extends ApiTest {
    static final Sandbox SANDBOX = Sandbox.start(0);
    static final List<String> FIELDS =
            List.of("id", "first_name", "last_name", "emails.0.email", "remote_created_at", "owner.id");

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Inject
    DataSource dataSource;

    Api api;
    TestTenant a;
    String account;
    String catsKey;
    String importId;
    JsonNode first;
    JsonNode second;
    String renamedId;
    String deletedId;
    String addedId;
    List<JsonNode> unifiedAfter;

    @Override
    protected Map<String, String> extraProperties() {
        return ImportTesting.properties(SANDBOX);
    }

    @BeforeAll
    void scenario() throws Exception {
        api = new Api(server.getURI());
        a = TestTenants.create(tenants, api, "Imports A");
        ImportTesting.Account cats = ImportTesting.catsAccount(api, a.token(), SANDBOX, 250);
        account = cats.id();
        catsKey = cats.sandbox().apiKey();
        Api.Response created = api.post(
                "/imports",
                a.token(),
                Map.of(
                        "name",
                        "All candidates",
                        "integrated_account_id",
                        account,
                        "resource",
                        "candidates",
                        "fields",
                        FIELDS,
                        "keep_snapshots",
                        2));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        importId = created.json().path("id").asText();
        assertThat(api.post(
                                "/imports/" + importId + "/rules",
                                a.token(),
                                Map.of("when", "field_changed", "field", "first_name"))
                        .status())
                .isEqualTo(201);
        assertThat(api.post("/imports/" + importId + "/rules", a.token(), Map.of("when", "record_added"))
                        .status())
                .isEqualTo(201);
        first = ImportTesting.runToEnd(api, a.token(), importId);

        List<JsonNode> before = ImportTesting.unifiedCandidates(api, a.token(), account, FIELDS);
        renamedId = before.get(0).path("id").asText();
        deletedId = before.get(1).path("id").asText();
        Api.Response renamed = api.patch(
                "/unified/ats/candidates/" + renamedId + "?integrated_account_id=" + account,
                a.token(),
                Map.of("first_name", "Renamed"));
        assertThat(renamed.status()).as(renamed.text()).isEqualTo(200);
        Api.Response added = api.post(
                "/unified/ats/candidates?integrated_account_id=" + account,
                a.token(),
                Map.of(
                        "first_name",
                        "Ada",
                        "last_name",
                        "Added",
                        "emails",
                        List.of(Map.of("email", "ada@added.example"))));
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        addedId = added.json().path("id").asText();
        deleteInCats(before.get(1).path("id").asText());
        second = ImportTesting.runToEnd(api, a.token(), importId);
        unifiedAfter = ImportTesting.unifiedCandidates(api, a.token(), account, FIELDS);
    }

    /** A recruiter deletes a candidate in CATS itself (the unified API has no candidate delete). */
    void deleteInCats(String unifiedId) throws Exception {
        JsonNode c = api.get("/unified/ats/candidates/" + unifiedId + "?integrated_account_id=" + account, a.token())
                .json();
        HttpResponse<String> r = ImportTesting.HTTP.send(
                HttpRequest.newBuilder(URI.create(SANDBOX.baseUrl() + "/cats/v3/candidates/"
                                + c.path("remote_id").asText()))
                        .header("Authorization", "Token " + catsKey)
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isIn(200, 204);
    }

    @AfterAll
    void stopSandbox() {
        SANDBOX.close();
    }

    List<JsonNode> json(String snapshotId) throws Exception {
        HttpResponse<byte[]> r =
                ImportTesting.download(server.getURI(), "/snapshots/" + snapshotId + "/records", a.token());
        assertThat(r.statusCode()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        new ObjectMapper().readTree(r.body()).path("records").forEach(out::add);
        return out;
    }

    @Test
    void a_run_reads_every_candidate_into_a_snapshot_equal_to_the_unified_list() throws Exception {
        assertThat(first.path("mode").asText()).isEqualTo("full");
        assertThat(json(first.path("snapshot_id").asText())).hasSize(250);
        assertThat(second.path("status").asText()).isEqualTo("succeeded");
        assertThat(json(second.path("snapshot_id").asText())).containsExactlyElementsOf(unifiedAfter);
    }

    @Test
    void the_next_run_reads_only_what_the_cats_event_feed_names_and_drops_the_deleted_candidate() {
        assertThat(second.path("mode").asText()).isEqualTo("incremental");
        assertThat(Instant.parse(second.path("changes_since").asText()))
                .isBefore(Instant.parse(first.path("started_at").asText()));
        // the renamed and the added candidate, fetched one by one; the deleted one only named by its event
        assertThat(second.path("records_read").asInt()).isEqualTo(2);
        assertThat(second.path("pages_read").asInt()).isEqualTo(1);
        assertThat(unifiedAfter).extracting(c -> c.path("id").asText()).doesNotContain(deletedId);
    }

    @Test
    void a_run_reports_its_progress_against_the_providers_total() {
        assertThat(first.at("/progress/done").asInt()).isEqualTo(250);
        assertThat(first.at("/progress/total_estimate").asInt()).isEqualTo(250);
        assertThat(first.at("/progress/percent").asDouble()).isEqualTo(100.0);
        assertThat(first.path("pages_read").asInt()).isEqualTo(3);
    }

    @Test
    void the_csv_export_read_back_with_a_csv_parser_equals_the_snapshot() throws Exception {
        HttpResponse<byte[]> r = ImportTesting.download(
                server.getURI(),
                "/snapshots/" + second.path("snapshot_id").asText() + "/records?format=csv",
                a.token());
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).contains("all-candidates-");
        ImportTesting.assertCsvEquals(r.body(), FIELDS, unifiedAfter);
    }

    @Test
    void the_xlsx_export_opened_with_another_library_equals_the_snapshot() throws Exception {
        HttpResponse<byte[]> r = ImportTesting.download(
                server.getURI(),
                "/snapshots/" + second.path("snapshot_id").asText() + "/records?format=xlsx",
                a.token());
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(r.body()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(unifiedAfter.size());
            for (int i = 0; i < unifiedAfter.size(); i++) {
                Row row = sheet.getRow(i + 1);
                assertThat(text(row.getCell(0)))
                        .isEqualTo(unifiedAfter.get(i).path("id").asText());
                assertThat(text(row.getCell(2)))
                        .isEqualTo(unifiedAfter.get(i).path("last_name").asText());
                Cell created = row.getCell(4);
                assertThat(created.getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(created.getLocalDateTimeCellValue().toInstant(java.time.ZoneOffset.UTC))
                        .isEqualTo(java.time.Instant.parse(
                                unifiedAfter.get(i).path("remote_created_at").asText()));
            }
        }
    }

    static String text(Cell c) {
        return c == null ? "" : c.getStringCellValue();
    }

    @Test
    void a_diff_names_the_added_removed_and_changed_records_with_each_changed_field() {
        JsonNode diff = api.get(
                        "/snapshots/" + second.path("snapshot_id").asText() + "/diff?against="
                                + first.path("snapshot_id").asText(),
                        a.token())
                .json();
        assertThat(diff.at("/counts/added").asInt()).isEqualTo(1);
        assertThat(diff.at("/counts/removed").asInt()).isEqualTo(1);
        assertThat(diff.at("/counts/changed").asInt()).isEqualTo(1);
        assertThat(diff.at("/added/0/id").asText()).isEqualTo(addedId);
        assertThat(diff.at("/removed/0/id").asText()).isEqualTo(deletedId);
        assertThat(diff.at("/changed/0/id").asText()).isEqualTo(renamedId);
        assertThat(diff.at("/changed/0/changes/0/field").asText()).isEqualTo("first_name");
        assertThat(diff.at("/changed/0/changes/0/after").asText()).isEqualTo("Renamed");
        assertThat(diff.at("/changed/0/changes").size()).isEqualTo(1);
    }

    @Test
    void each_matching_record_fires_one_rule_matched_event_per_rule() throws Exception {
        List<String> payloads = new ArrayList<>();
        try (var c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                var ps = c.prepareStatement(
                        "select payload::text from webhook_event where type = 'import.rule_matched'");
                var rs = ps.executeQuery()) {
            while (rs.next()) payloads.add(rs.getString(1));
        }
        assertThat(payloads).hasSize(2);
        assertThat(payloads).anySatisfy(p -> assertThat(p).contains(renamedId).contains("\"after\": \"Renamed\""));
        assertThat(payloads).anySatisfy(p -> assertThat(p).contains(addedId).contains("record_added"));
    }

    @Test
    void a_feed_serves_the_latest_snapshot_as_csv_without_an_auth_header() {
        String url = api.post("/imports/" + importId + "/feeds", a.token(), Map.of())
                .json()
                .path("url")
                .asText();
        HttpResponse<byte[]> r = ImportTesting.download(URI.create(url), url, null);
        assertThat(r.statusCode()).isEqualTo(200);
        String csv = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith(String.join(",", FIELDS) + "\r\n").contains("Renamed");
        assertThat(csv.split("\r\n")).hasSize(unifiedAfter.size() + 1);
    }

    @Test
    void a_revoked_feed_answers_404() {
        JsonNode feed =
                api.post("/imports/" + importId + "/feeds", a.token(), Map.of()).json();
        String url = feed.path("url").asText();
        assertThat(api.delete(
                                "/imports/" + importId + "/feeds/"
                                        + feed.path("id").asText(),
                                a.token())
                        .status())
                .isEqualTo(204);
        assertThat(ImportTesting.download(URI.create(url), url, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void a_feed_token_is_never_written_to_the_logs_or_the_request_log() throws Exception {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(
                new java.io.OutputStream() {
                    @Override
                    public void write(int b) {
                        out.write(b);
                        captured.write(b);
                    }
                },
                true,
                StandardCharsets.UTF_8));
        String token;
        try {
            JsonNode feed = api.post("/imports/" + importId + "/feeds", a.token(), Map.of())
                    .json();
            String url = feed.path("url").asText();
            token = url.substring(url.lastIndexOf('/') + 1);
            assertThat(ImportTesting.download(URI.create(url), url, null).statusCode())
                    .isEqualTo(200);
            api.delete("/imports/" + importId + "/feeds/" + feed.path("id").asText(), a.token());
            assertThat(ImportTesting.download(URI.create(url), url, null).statusCode())
                    .isEqualTo(404);
        } finally {
            System.setOut(out);
        }
        assertThat(token).startsWith("feed_");
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain(token);
        // the request log is written in batches: wait until it holds the revocation, the last call above
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        while (requestLogRows("method = 'DELETE' and route like ?", "%/feeds/%") == 0) {
            assertThat(System.nanoTime()).as("request log written").isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(requestLogRows("row_to_json(request_log)::text like '%' || ? || '%'", token))
                .isZero();
    }

    @Test
    void an_unknown_feed_token_answers_the_same_404() {
        HttpResponse<byte[]> r = ImportTesting.download(
                server.getURI(), "/feeds/feed_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", null);
        assertThat(r.statusCode()).isEqualTo(404);
    }

    @Test
    void feeds_are_listed_without_their_url_and_the_token_is_stored_only_as_a_hash() throws Exception {
        String url = api.post("/imports/" + importId + "/feeds", a.token(), Map.of())
                .json()
                .path("url")
                .asText();
        String token = url.substring(url.lastIndexOf('/') + 1);
        assertThat(api.get("/imports/" + importId + "/feeds", a.token()).text())
                .doesNotContain(token)
                .doesNotContain("url");
        try (var c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                var ps = c.prepareStatement("select token_hash from import_feed")) {
            try (var rs = ps.executeQuery()) {
                int n = 0;
                while (rs.next()) {
                    n++;
                    assertThat(new String(rs.getBytes(1), StandardCharsets.ISO_8859_1))
                            .doesNotContain(token);
                    assertThat(rs.getBytes(1)).hasSize(32);
                }
                assertThat(n).isPositive();
            }
        }
    }

    @Test
    void keep_snapshots_retains_only_the_newest_ones() {
        String id = api.post(
                        "/imports",
                        a.token(),
                        Map.of(
                                "integrated_account_id",
                                account,
                                "resource",
                                "users",
                                "fields",
                                List.of("id", "email"),
                                "keep_snapshots",
                                1))
                .json()
                .path("id")
                .asText();
        JsonNode older = ImportTesting.runToEnd(api, a.token(), id);
        JsonNode newer = ImportTesting.runToEnd(api, a.token(), id);
        JsonNode list = api.get("/imports/" + id + "/snapshots", a.token()).json();
        assertThat(list.path("result").findValuesAsText("id"))
                .containsExactly(newer.path("snapshot_id").asText())
                .doesNotContain(older.path("snapshot_id").asText());
    }

    private int requestLogRows(String where, String parameter) throws java.sql.SQLException {
        try (var c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                var ps = c.prepareStatement("select count(*) from request_log where " + where)) {
            ps.setString(1, parameter);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}

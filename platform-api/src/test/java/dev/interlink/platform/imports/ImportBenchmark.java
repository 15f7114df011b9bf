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
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (no *Test suffix; {@code ./interlink bench imports}): a CATS sandbox account of 20,000
 * candidates with its budget lifted, read four ways, sequentially, one after the other in one JVM:
 *
 * <ol>
 *   <li>direct: every page of 100 straight from the sandbox, the floor;
 *   <li>unified: every page of 100 through {@code GET /unified/ats/candidates} (cursor paging);
 *   <li>import: one run of an import of six fields, from {@code POST /runs} to {@code succeeded}, with the peak of
 *       this JVM's heap pools while it ran (summed per pool, so an upper bound) and the snapshot's size in PostgreSQL;
 *   <li>exports of that snapshot: the feed's CSV (time to the first byte and to the last) and the XLSX download.
 * </ol>
 *
 * <p>Then, untimed, both exports are read back with other libraries (commons-csv, Apache POI) and compared with the
 * unified records field by field.
 */
@MicronautTest(transactional = false)
class ImportBenchmark extends ApiTest {
    static final Sandbox SANDBOX = Sandbox.start(0);
    static final int CANDIDATES = Integer.getInteger("import.candidates", 20_000);
    static final List<String> FIELDS =
            List.of("id", "first_name", "last_name", "emails.0.email", "owner.id", "remote_updated_at");

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Inject
    DataSource dataSource;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(ImportTesting.properties(SANDBOX));
        p.put("interlink.imports.max-budget-share", "1.0");
        p.put("interlink.imports.max-records-per-tenant", "1000000");
        // paging the unified API as fast as it answers goes past the per-tenant inbound limit (100 req/s)
        p.put("interlink.inbound-rate.per-second", "1000000");
        p.put("interlink.inbound-rate.burst", "1000000");
        // and past our CATS budget of 500/hour: the figure is the time "with the sandbox's budget lifted"
        p.put("interlink.provider.cats.rate-limit.limit", "1000000");
        return p;
    }

    @AfterAll
    void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void import_a_large_account_and_export_it() throws Exception {
        Api api = new Api(server.getURI());
        TestTenant t = TestTenants.create(tenants, api, "Import bench");
        ImportTesting.Account account = ImportTesting.catsAccount(api, t.token(), SANDBOX, CANDIDATES);

        long direct = time(() -> pageDirect(account.sandbox()));
        long unified =
                time(() -> assertThat(pageUnified(api, t.token(), account.id())).isEqualTo(CANDIDATES));
        line("direct  ", "pages of 100 straight from the sandbox", direct, "");
        line(
                "unified ",
                "GET /unified/ats/candidates?limit=100, every page",
                unified,
                String.format("ratio_to_direct=%.2f", unified / (double) direct));

        Api.Response created = api.post(
                "/imports",
                t.token(),
                Map.of("integrated_account_id", account.id(), "resource", "candidates", "fields", FIELDS));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String importId = created.json().path("id").asText();
        System.gc();
        List<MemoryPoolMXBean> pools = heapPools();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        JsonNode run = ImportTesting.runToEnd(api, t.token(), importId);
        long importMs = (System.nanoTime() - start) / 1_000_000;
        long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.path("records_read").asInt()).isEqualTo(CANDIDATES);
        String snapshot = run.path("snapshot_id").asText();
        line(
                "import  ",
                "POST /imports/{id}/runs -> succeeded",
                importMs,
                String.format(
                        "ratio_to_direct=%.2f pages=%d heap_peak_mb=%.0f max_heap_mb=%d snapshot_mb=%.1f",
                        importMs / (double) direct,
                        run.path("pages_read").asInt(),
                        peak / 1048576.0,
                        Runtime.getRuntime().maxMemory() / 1048576,
                        snapshotBytes(snapshot) / 1048576.0));

        String feed = api.post("/imports/" + importId + "/feeds", t.token(), Map.of())
                .json()
                .path("url")
                .asText();
        download("feed-csv", "GET /feeds/{token} (the latest snapshot as CSV)", URI.create(feed), null);
        download(
                "xlsx    ",
                "GET /snapshots/{id}/records?format=xlsx",
                server.getURI().resolve("/snapshots/" + snapshot + "/records?format=xlsx"),
                t.token());

        // untimed: both exports read back with readers other than ours, field by field against the unified records
        List<JsonNode> records = ImportTesting.unifiedCandidates(api, t.token(), account.id(), FIELDS);
        assertThat(records).hasSize(CANDIDATES);
        ImportTesting.assertCsvEquals(
                ImportTesting.download(server.getURI(), "/snapshots/" + snapshot + "/records?format=csv", t.token())
                        .body(),
                FIELDS,
                records);
        xlsxEqualsUnified(
                ImportTesting.download(server.getURI(), "/snapshots/" + snapshot + "/records?format=xlsx", t.token())
                        .body(),
                records);
        System.out.printf(
                "BENCH imports | check    | CSV (commons-csv) and XLSX (Apache POI) equal the %d unified"
                        + " records, field by field%n",
                records.size());
    }

    /** Text fields as text, {@code remote_updated_at} as a date cell holding the same instant. */
    private static void xlsxEqualsUnified(byte[] body, List<JsonNode> unified) throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(unified.size());
            for (int i = 0; i < unified.size(); i++) {
                Row row = sheet.getRow(i + 1);
                for (int col = 0; col < FIELDS.size(); col++) {
                    JsonNode v = unified.get(i).path(FIELDS.get(col));
                    Cell cell = row.getCell(col);
                    if (FIELDS.get(col).equals("remote_updated_at")) {
                        assertThat(cell.getLocalDateTimeCellValue().toInstant(ZoneOffset.UTC))
                                .as("row %d %s", i, FIELDS.get(col))
                                .isEqualTo(Instant.parse(v.asText()));
                    } else {
                        assertThat(cell == null ? "" : cell.getStringCellValue())
                                .as("row %d %s", i, FIELDS.get(col))
                                .isEqualTo(v.isNull() ? "" : v.asText());
                    }
                }
            }
        }
    }

    private static void pageDirect(Sandbox.AccountInfo cats) {
        int read = 0;
        ObjectMapper json = new ObjectMapper();
        for (int page = 1; ; page++) {
            int n;
            try {
                HttpResponse<byte[]> r = ImportTesting.HTTP.send(
                        HttpRequest.newBuilder(URI.create(cats.baseUrl() + "/candidates?per_page=100&page=" + page))
                                .header("Authorization", "Token " + cats.apiKey())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                n = json.readTree(r.body()).path("_embedded").path("candidates").size();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            read += n;
            if (n < 100) break;
        }
        assertThat(read).isEqualTo(CANDIDATES);
    }

    private static int pageUnified(Api api, String token, String account) {
        int read = 0;
        String cursor = null;
        do {
            Api.Response r = api.get(
                    "/unified/ats/candidates?limit=100&integrated_account_id=" + account
                            + (cursor == null ? "" : "&next_cursor=" + cursor),
                    token);
            assertThat(r.status()).as(r.text()).isEqualTo(200); // an error page has no cursor: stop, don't loop
            JsonNode page = r.json();
            read += page.path("result").size();
            cursor = page.path("next_cursor").isTextual()
                    ? page.path("next_cursor").asText()
                    : null;
        } while (cursor != null);
        return read;
    }

    private void download(String name, String what, URI uri, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
        if (token != null) b.header("Authorization", "Bearer " + token);
        long start = System.nanoTime();
        HttpResponse<InputStream> r = ImportTesting.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        long bytes;
        long firstByte;
        try (InputStream in = r.body()) {
            assertThat(r.statusCode()).isEqualTo(200);
            byte[] buffer = new byte[64 * 1024];
            int n = in.read(buffer);
            firstByte = (System.nanoTime() - start) / 1_000_000;
            bytes = Math.max(n, 0);
            while ((n = in.read(buffer)) >= 0) bytes += n;
        }
        long total = (System.nanoTime() - start) / 1_000_000;
        line(name, what, total, String.format("first_byte_ms=%d bytes=%d", firstByte, bytes));
    }

    private long snapshotBytes(String snapshot) throws Exception {
        try (var c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                var ps = c.prepareStatement("select coalesce(sum(pg_column_size(r.*)), 0) from import_snapshot_record r"
                        + " where snapshot_id = ?::uuid")) {
            ps.setString(1, snapshot);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void line(String name, String what, long millis, String extra) {
        System.out.printf(
                "BENCH imports | %s | %-52s | candidates=%d time_ms=%d %s cores=%d%n",
                name, what, CANDIDATES, millis, extra, Runtime.getRuntime().availableProcessors());
    }

    private static long time(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
    }
}

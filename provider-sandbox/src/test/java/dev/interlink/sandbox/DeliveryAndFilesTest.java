package dev.interlink.sandbox;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeliveryAndFilesTest {
    static Sandbox sb;
    static HttpServer target;
    static final LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    static volatile int answer = 200;

    @BeforeAll
    static void start() throws Exception {
        sb = Sandbox.start(0);
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/hook", ex -> {
            received.add(ex.getRequestBody().readAllBytes());
            ex.sendResponseHeaders(answer, -1);
            ex.close();
        });
        target.start();
    }

    @AfterAll
    static void stop() {
        target.stop(0);
        sb.close();
    }

    static String hookUrl() {
        return "http://127.0.0.1:" + target.getAddress().getPort() + "/hook";
    }

    static Http.Res cats(Sandbox.AccountInfo a, String method, String path, Object body) {
        return Http.send(
                method,
                a.baseUrl() + path,
                body == null ? null : Http.json(body),
                "Authorization",
                "Token " + a.apiKey(),
                "Content-Type",
                "application/json");
    }

    @Test
    void seeded_docx_resume_is_a_valid_word_zip() throws Exception {
        var a = sb.createAccount("cats", 42, 5);
        // every third seeded resume is a DOCX
        List<Map<String, Object>> cands =
                Http.at(cats(a, "GET", "/candidates", null).json(), "_embedded", "candidates");
        Map<String, Object> att = Http.at(
                cats(a, "GET", "/candidates/" + cands.get(2).get("id") + "/attachments", null)
                        .json(),
                "_embedded",
                "attachments",
                0);
        assertTrue(att.get("filename").toString().endsWith(".docx"));
        var dl = cats(a, "GET", "/attachments/" + att.get("id") + "/download", null);
        assertEquals(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", dl.header("Content-Type"));
        Set<String> entries = new HashSet<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(dl.bytes()))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) entries.add(e.getName());
        }
        assertTrue(
                entries.containsAll(Set.of("[Content_Types].xml", "_rels/.rels", "word/document.xml")),
                entries.toString());
    }

    @Test
    void seeded_pdf_resume_has_pdf_header_and_eof_marker() {
        var a = sb.createAccount("cats", 42, 5);
        Map<String, Object> c = Http.at(cats(a, "GET", "/candidates", null).json(), "_embedded", "candidates", 0);
        Map<String, Object> att = Http.at(
                cats(a, "GET", "/candidates/" + c.get("id") + "/attachments", null)
                        .json(),
                "_embedded",
                "attachments",
                0);
        String pdf = new String(
                cats(a, "GET", "/attachments/" + att.get("id") + "/download", null)
                        .bytes(),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(pdf.startsWith("%PDF-1.4"));
        assertTrue(pdf.trim().endsWith("%%EOF"));
        assertTrue(pdf.contains("xref"));
    }

    @Test
    void cats_webhook_answered_with_410_is_deleted() throws Exception {
        var a = sb.createAccount("cats", 42, 5);
        received.clear();
        answer = 410;
        try {
            long id = Long.parseLong(cats(
                            a,
                            "POST",
                            "/webhooks",
                            Map.of("events", List.of("candidate.created"), "target_url", hookUrl()))
                    .header("Location")
                    .replaceAll(".*/", ""));
            cats(a, "POST", "/candidates", Map.of("first_name", "A", "last_name", "B"));
            assertNotNull(received.poll(10, TimeUnit.SECONDS));
            long deadline = System.currentTimeMillis() + 10_000;
            int status;
            do {
                Thread.sleep(50);
                status = cats(a, "GET", "/webhooks/" + id, null).status();
            } while (status == 200 && System.currentTimeMillis() < deadline);
            assertEquals(404, status);
        } finally {
            answer = 200;
        }
    }

    @Test
    void loxo_webhook_delivers_item_type_action_and_item_id() throws Exception {
        var a = sb.createAccount("loxo", 42, 5);
        sb.setTokenBucket(a.accountId(), 1000, 1000);
        received.clear();
        Http.send(
                "POST",
                a.baseUrl() + "/webhooks",
                Http.json(Map.of(
                        "webhook", Map.of("item_type", "person", "action", "create", "endpoint_url", hookUrl()))),
                "Authorization",
                "Bearer " + a.apiKey(),
                "Content-Type",
                "application/json");
        var created = Http.send(
                "POST",
                a.baseUrl() + "/people",
                Http.json(Map.of("person", Map.of("name", "Hooked"))),
                "Authorization",
                "Bearer " + a.apiKey(),
                "Content-Type",
                "application/json");
        Object personId = Http.at(created.json(), "person", "id");
        byte[] body = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(body);
        Map<?, ?> payload = Http.JSON.readValue(body, Map.class);
        assertEquals("person", payload.get("item_type"));
        assertEquals("create", payload.get("action"));
        assertEquals(personId, payload.get("item_id"));
    }
}

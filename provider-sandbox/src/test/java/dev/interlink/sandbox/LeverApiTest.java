package dev.interlink.sandbox;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class LeverApiTest extends LeverTestBase {

    static String basic(Sandbox.OAuthAccountInfo a) {
        return "Basic " + Base64.getEncoder().encodeToString((a.apiKey() + ":").getBytes(StandardCharsets.UTF_8));
    }

    static String firstOpportunity(Sandbox.OAuthAccountInfo a, String token) {
        return Http.at(get(a, token, "/opportunities?limit=1").json(), "data", 0, "id");
    }

    static String superAdmin(Sandbox.OAuthAccountInfo a) {
        return sb.describeExtras(a.accountId()).get("super_admin_user_id").toString();
    }

    @Test
    void an_expired_access_token_gets_401_with_a_lever_error_body() {
        var a = newAccount(5);
        settings(a, Map.of("access_ttl_seconds", 5));
        var t = sb.mintTokens(a.accountId(), null);
        assertEquals(5, t.expiresIn());
        assertEquals(200, get(a, t.accessToken(), "/stages").status());
        sb.advanceClock(Duration.ofSeconds(6));
        var r = get(a, t.accessToken(), "/stages");
        assertEquals(401, r.status());
        assertEquals(Map.of("code", "Unauthorized", "message", "Invalid token"), r.json());
    }

    @Test
    void the_control_api_expires_every_access_token_of_the_account_now() {
        var a = newAccount(5);
        String t = access(a);
        assertEquals(
                204,
                admin("POST", "/_sandbox/accounts/" + a.accountId() + "/oauth/expire", null)
                        .status());
        assertEquals(401, get(a, t, "/stages").status());
        assertEquals(200, get(a, access(a), "/stages").status());
    }

    @Test
    void a_token_without_the_endpoint_scope_gets_403() {
        var a = newAccount(5);
        String t = sb.mintTokens(a.accountId(), "offline_access opportunities:read:admin")
                .accessToken();
        var r = get(a, t, "/users");
        assertEquals(403, r.status());
        assertEquals("NotAuthorized", r.json().get("code"));
        assertEquals(200, get(a, t, "/opportunities?limit=1").status());
    }

    @Test
    void a_write_scope_includes_its_read_scope() {
        var a = newAccount(5);
        String t = sb.mintTokens(a.accountId(), "users:write:admin").accessToken();
        assertEquals(200, get(a, t, "/users").status());
    }

    @Test
    void garbage_and_foreign_tokens_are_rejected() {
        var a = newAccount(5);
        assertEquals(401, get(a, "not-a-jwt", "/stages").status());
        try (Sandbox other = Sandbox.start(0)) {
            var o = other.createOAuthAccount("lever", 1, 1);
            String foreign = other.mintTokens(o.accountId(), null).accessToken();
            var r = get(a, foreign, "/stages");
            assertEquals(403, r.status());
            assertEquals("Unable to find a signing key that matches", r.json().get("message"));
        }
    }

    @Test
    void the_api_key_works_as_http_basic_and_a_wrong_key_is_403() {
        var a = newAccount(5);
        var ok = Http.send("GET", a.baseUrl() + "/stages", null, "Authorization", basic(a));
        assertEquals(200, ok.status());
        var wrong = Http.send(
                "GET",
                a.baseUrl() + "/stages",
                null,
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString("nope:".getBytes()));
        assertEquals(403, wrong.status());
        assertEquals(Map.of("code", "NotAuthorized", "message", "Authentication incorrect."), wrong.json());
        assertEquals(401, Http.send("GET", a.baseUrl() + "/stages", null).status());
    }

    @Test
    void paging_opportunities_to_the_end_returns_every_one_exactly_once() {
        var a = newAccount(250);
        String t = access(a);
        Set<String> seen = new HashSet<>();
        String next = null;
        int pages = 0;
        while (true) {
            var b = get(a, t, "/opportunities?limit=37" + (next == null ? "" : "&offset=" + next))
                    .json();
            List<Map<String, Object>> data = Http.at(b, "data");
            for (Map<String, Object> o : data) assertTrue(seen.add((String) o.get("id")), "duplicate " + o.get("id"));
            pages++;
            if (!(Boolean) b.get("hasNext")) {
                assertFalse(b.containsKey("next"));
                break;
            }
            next = (String) b.get("next");
            assertTrue(next.startsWith("%5B"), next);
        }
        assertEquals(250, seen.size());
        assertEquals(7, pages);
    }

    @Test
    void a_double_encoded_offset_token_is_accepted() {
        var a = newAccount(20);
        String t = access(a);
        var first = get(a, t, "/opportunities?limit=5").json();
        String next = (String) first.get("next");
        var second = get(a, t, "/opportunities?limit=5&offset=" + enc(next)).json();
        assertNotEquals((Object) Http.at(first, "data", 0, "id"), Http.at(second, "data", 0, "id"));
        assertEquals(5, ((List<?>) second.get("data")).size());
    }

    @Test
    void an_offset_token_is_bound_to_the_filters_it_was_issued_for() {
        var a = newAccount(50);
        String t = access(a);
        String next = (String)
                get(a, t, "/opportunities?limit=5&archived=false").json().get("next");
        var r = get(a, t, "/opportunities?limit=5&archived=true&offset=" + next);
        assertEquals(400, r.status());
        assertEquals(
                "Invalid offset token: Offset token is invalid for sort",
                r.json().get("message"));
    }

    @Test
    void opportunity_filters_and_expand_work() {
        var a = newAccount(120);
        String t = access(a);
        List<Map<String, Object>> archived =
                Http.at(get(a, t, "/opportunities?archived=true").json(), "data");
        assertFalse(archived.isEmpty());
        for (Map<String, Object> o : archived) assertNotNull(o.get("archived"));
        List<Map<String, Object>> lead = Http.at(
                get(a, t, "/opportunities?stage_id=lead-new&expand=stage").json(), "data");
        assertFalse(lead.isEmpty());
        for (Map<String, Object> o : lead) assertEquals(Map.of("id", "lead-new", "text", "New lead"), o.get("stage"));
        Map<String, Object> one =
                Http.at(get(a, t, "/opportunities?limit=1&expand=applications").json(), "data", 0);
        assertEquals(one.get("id"), Http.at(one, "applications", 0, "opportunityId"));
    }

    @Test
    void seeded_data_has_the_built_in_stages_one_hired_reason_users_and_postings_in_several_states() {
        var a = newAccount(100);
        String t = access(a);
        List<Map<String, Object>> stages = Http.at(get(a, t, "/stages").json(), "data");
        List<Object> ids = stages.stream().map(s -> s.get("id")).toList();
        assertTrue(
                ids.containsAll(List.of("lead-new", "lead-reached-out", "lead-responded", "applicant-new", "offer")));
        List<Map<String, Object>> hired =
                Http.at(get(a, t, "/archive_reasons?type=hired").json(), "data");
        assertEquals(1, hired.size());
        List<Map<String, Object>> users = Http.at(get(a, t, "/users").json(), "data");
        assertEquals("super admin", users.get(0).get("accessRole"));
        List<Map<String, Object>> postings = Http.at(get(a, t, "/postings").json(), "data");
        Set<Object> states = new HashSet<>();
        for (Map<String, Object> p : postings) states.add(p.get("state"));
        assertTrue(states.containsAll(List.of("published", "closed", "draft")), states.toString());
        // the same seed gives the same data
        var b = newAccount(100);
        assertEquals(
                Http.at(get(a, t, "/opportunities?limit=3").json(), "data")
                        .toString()
                        .replace(a.accountId(), ""),
                Http.at(get(b, access(b), "/opportunities?limit=3").json(), "data")
                        .toString());
    }

    @Test
    void the_default_rate_limit_is_a_token_bucket_of_10_per_second_with_bursts_of_20() {
        var a = sb.createOAuthAccount("lever", 1, 5);
        assertEquals(Map.of("rate_per_second", 10.0, "burst", 20), sb.limits(a.accountId()));
    }

    @Test
    void the_rate_limit_answers_429_without_headers_by_default() {
        var a = sb.createOAuthAccount("lever", 1, 5);
        sb.setTokenBucket(a.accountId(), 0.001, 2);
        String t = access(a);
        assertEquals(200, get(a, t, "/stages").status());
        assertEquals(200, get(a, t, "/stages").status());
        var r = get(a, t, "/stages");
        assertEquals(429, r.status());
        assertEquals(Map.of("code", "TooManyRequests", "message", "Rate limit exceeded"), r.json());
        assertNull(r.header("Retry-After"));
        sb.setQuirk(a.accountId(), "retry_after", "on");
        assertNotNull(get(a, t, "/stages").header("Retry-After"));
    }

    @Test
    void the_api_key_and_the_oauth_app_have_separate_buckets() {
        var a = sb.createOAuthAccount("lever", 1, 5);
        sb.setTokenBucket(a.accountId(), 0.001, 3);
        String t = access(a);
        for (int i = 0; i < 3; i++) assertEquals(200, get(a, t, "/stages").status());
        assertEquals(429, get(a, t, "/stages").status());
        var key = Http.send("GET", a.baseUrl() + "/stages", null, "Authorization", basic(a));
        assertEquals(200, key.status());
    }

    @Test
    void create_opportunity_requires_perform_as() {
        var a = newAccount(5);
        var r = api(a, access(a), "POST", "/opportunities", Map.of("name", "Ada Lovelace"));
        assertEquals(400, r.status());
        assertEquals("BadRequest", r.json().get("code"));
    }

    @Test
    void create_opportunity_answers_201_with_deduped_false_and_the_new_record() {
        var a = newAccount(5);
        String t = access(a);
        var r = api(
                a,
                t,
                "POST",
                "/opportunities?perform_as=" + superAdmin(a),
                Map.of("name", "Ada Lovelace", "emails", List.of("ada@example.test"), "tags", List.of("math")));
        assertEquals(201, r.status(), r.body());
        assertEquals(false, r.json().get("deduped"));
        Map<String, Object> o = Http.at(r.json(), "data");
        assertEquals("lead-new", o.get("stage"));
        assertEquals(1, ((List<?>) o.get("stageChanges")).size());
        assertEquals(200, get(a, t, "/opportunities/" + o.get("id")).status());
        assertEquals(
                "Ada Lovelace",
                Http.at(get(a, t, "/contacts/" + o.get("contact")).json(), "data", "name"));
    }

    @Test
    void tags_are_added_and_removed_per_opportunity_and_links_change_the_contact() {
        var a = newAccount(5);
        String t = access(a);
        var created = api(
                a,
                t,
                "POST",
                "/opportunities?perform_as=" + superAdmin(a),
                Map.of("name", "Tag Links", "tags", List.of("math", "logic"), "links", List.of("https://a.example")));
        String id = Http.at(created.json(), "data", "id");
        var added = api(a, t, "POST", "/opportunities/" + id + "/addTags", Map.of("tags", List.of("poetry")));
        assertEquals(200, added.status(), added.body());
        var removed = api(a, t, "POST", "/opportunities/" + id + "/removeTags", Map.of("tags", List.of("math")));
        assertEquals(List.of("logic", "poetry"), Http.at(removed.json(), "data", "tags"));
        api(a, t, "POST", "/opportunities/" + id + "/addLinks", Map.of("links", List.of("https://b.example")));
        var links = api(
                a, t, "POST", "/opportunities/" + id + "/removeLinks", Map.of("links", List.of("https://a.example")));
        assertEquals(List.of("https://b.example"), Http.at(links.json(), "data", "links"));
        assertEquals(
                List.of("https://b.example"),
                Http.at(get(a, t, "/opportunities/" + id).json(), "data", "links"));
    }

    @Test
    void create_opportunity_with_a_known_email_dedupes_onto_the_existing_contact() {
        var a = newAccount(5);
        String t = access(a);
        Map<String, Object> seeded = Http.at(get(a, t, "/opportunities?limit=1").json(), "data", 0);
        String email = Http.at(seeded, "emails", 0);
        var r = api(
                a,
                t,
                "POST",
                "/opportunities?perform_as=" + superAdmin(a),
                Map.of("name", "Someone Else", "emails", List.of(email)));
        assertEquals(201, r.status());
        assertEquals(true, r.json().get("deduped"));
        assertEquals(seeded.get("contact"), Http.at(r.json(), "data", "contact"));
        assertEquals(seeded.get("name"), Http.at(r.json(), "data", "name"));
    }

    @Test
    void create_opportunity_with_two_postings_is_rejected() {
        var a = newAccount(5);
        String t = access(a);
        List<Map<String, Object>> ps = Http.at(get(a, t, "/postings").json(), "data");
        var r = api(
                a,
                t,
                "POST",
                "/opportunities?perform_as=" + superAdmin(a),
                Map.of(
                        "name",
                        "X",
                        "postings",
                        List.of(ps.get(0).get("id"), ps.get(1).get("id"))));
        assertEquals(400, r.status());
    }

    @Test
    void a_stage_move_appends_to_stage_changes_and_updates_the_timestamps() {
        var a = newAccount(5);
        String t = access(a);
        String id = firstOpportunity(a, t);
        Map<String, Object> before = Http.at(get(a, t, "/opportunities/" + id).json(), "data");
        int n = ((List<?>) before.get("stageChanges")).size();
        sb.advanceClock(Duration.ofSeconds(5));
        var r = api(a, t, "PUT", "/opportunities/" + id + "/stage", Map.of("stage", "offer"));
        assertEquals(200, r.status(), r.body());
        Map<String, Object> after = Http.at(r.json(), "data");
        assertEquals("offer", after.get("stage"));
        List<Map<String, Object>> changes = Http.at(after, "stageChanges");
        assertEquals(n + 1, changes.size());
        assertEquals("offer", changes.get(n).get("toStageId"));
        assertEquals(6, ((Number) changes.get(n).get("toStageIndex")).intValue());
        assertEquals(after.get("lastAdvancedAt"), changes.get(n).get("updatedAt"));
        assertTrue(((Number) after.get("updatedAt")).longValue() > ((Number) before.get("updatedAt")).longValue());
    }

    @Test
    void a_stage_move_to_an_unknown_stage_is_rejected() {
        var a = newAccount(5);
        String t = access(a);
        var r = api(a, t, "PUT", "/opportunities/" + firstOpportunity(a, t) + "/stage", Map.of("stage", "nope"));
        assertEquals(400, r.status());
    }

    @Test
    void archive_with_a_reason_sets_archived_and_null_unarchives() {
        var a = newAccount(5);
        String t = access(a);
        String id = firstOpportunity(a, t);
        String reason = Http.at(get(a, t, "/archive_reasons?type=non-hired").json(), "data", 0, "id");
        var r = api(a, t, "PUT", "/opportunities/" + id + "/archived", Map.of("reason", reason));
        assertEquals(200, r.status(), r.body());
        assertEquals(reason, Http.at(r.json(), "data", "archived", "reason"));
        assertNotNull(Http.at(r.json(), "data", "archived", "archivedAt"));
        var un = api(
                a, t, "PUT", "/opportunities/" + id + "/archived", java.util.Collections.singletonMap("reason", null));
        assertNull(Http.at(un.json(), "data", "archived"));
        List<?> history = Http.at(
                admin("GET", "/_sandbox/accounts/" + a.accountId() + "/opportunities/" + id + "/history", null)
                        .json(),
                "archiveChanges");
        assertEquals(2, history.size());
    }

    static byte[] multipart(String boundary, String field, String filename, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                        + filename + "\"\r\nContent-Type: application/pdf\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void an_uploaded_file_is_listed_and_downloads_with_the_same_bytes() {
        var a = newAccount(5);
        String t = access(a);
        String id = firstOpportunity(a, t);
        byte[] pdf = "%PDF-1.4 test file".getBytes(StandardCharsets.ISO_8859_1);
        var up = Http.send(
                "POST",
                a.baseUrl() + "/opportunities/" + id + "/files?perform_as=" + superAdmin(a),
                multipart("b0undary", "file", "cover.pdf", pdf),
                "Authorization",
                "Bearer " + t,
                "Content-Type",
                "multipart/form-data; boundary=b0undary");
        assertEquals(201, up.status(), up.body());
        Map<String, Object> f = Http.at(up.json(), "data");
        assertEquals(".pdf", f.get("ext"));
        assertEquals("processed", f.get("status"));
        assertEquals(pdf.length, ((Number) f.get("size")).intValue());
        List<Map<String, Object>> list =
                Http.at(get(a, t, "/opportunities/" + id + "/files").json(), "data");
        assertEquals(f.get("id"), list.get(0).get("id"));
        var dl = get(a, t, "/opportunities/" + id + "/files/" + f.get("id") + "/download");
        assertEquals(200, dl.status());
        assertArrayEquals(pdf, dl.bytes());
    }

    @Test
    void a_file_upload_requires_perform_as() {
        var a = newAccount(5);
        String t = access(a);
        var up = Http.send(
                "POST",
                a.baseUrl() + "/opportunities/" + firstOpportunity(a, t) + "/files",
                multipart("b", "file", "x.pdf", new byte[] {1}),
                "Authorization",
                "Bearer " + t,
                "Content-Type",
                "multipart/form-data; boundary=b");
        assertEquals(400, up.status());
    }

    @Test
    void a_seeded_resume_is_listed_and_downloads_as_a_pdf() {
        var a = newAccount(5);
        String t = access(a);
        String id = firstOpportunity(a, t);
        Map<String, Object> r =
                Http.at(get(a, t, "/opportunities/" + id + "/resumes").json(), "data", 0);
        assertEquals("pdf", Http.at(r, "file", "ext"));
        assertNotNull(Http.at(r, "parsedData", "positions"));
        var dl = get(a, t, "/opportunities/" + id + "/resumes/" + r.get("id") + "/download");
        assertEquals(200, dl.status());
        assertTrue(dl.body().startsWith("%PDF-"));
        assertEquals(((Number) Http.at(r, "file", "size")).intValue(), dl.bytes().length);
    }

    @Test
    void a_resume_file_sent_with_create_opportunity_becomes_a_resume() {
        var a = newAccount(5);
        String t = access(a);
        String boundary = "bnd";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nGrace Hopper\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"emails[]\"\r\n\r\ngh@example.test\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        byte[] file = multipart(boundary, "resumeFile", "gh.pdf", "%PDF-gh".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(file);
        var r = Http.send(
                "POST",
                a.baseUrl() + "/opportunities?perform_as=" + superAdmin(a),
                out.toByteArray(),
                "Authorization",
                "Bearer " + t,
                "Content-Type",
                "multipart/form-data; boundary=" + boundary);
        assertEquals(201, r.status(), r.body());
        String id = Http.at(r.json(), "data", "id");
        assertEquals(List.of("gh@example.test"), Http.at(r.json(), "data", "emails"));
        Map<String, Object> resume =
                Http.at(get(a, t, "/opportunities/" + id + "/resumes").json(), "data", 0);
        var dl = get(a, t, "/opportunities/" + id + "/resumes/" + resume.get("id") + "/download");
        assertEquals("%PDF-gh", dl.body());
    }

    @Test
    void notes_are_created_and_listed() {
        var a = newAccount(5);
        String t = access(a);
        String id = firstOpportunity(a, t);
        var r = api(a, t, "POST", "/opportunities/" + id + "/notes", Map.of("value", "Strong candidate", "score", 4));
        assertEquals(201, r.status(), r.body());
        String noteId = Http.at(r.json(), "data", "noteId");
        List<Map<String, Object>> list =
                Http.at(get(a, t, "/opportunities/" + id + "/notes").json(), "data");
        assertEquals(noteId, list.get(0).get("id"));
        assertEquals("Strong candidate", Http.at(list.get(0), "fields", 0, "value"));
    }

    record Delivery(Map<String, Object> body, String userAgent) {}

    @Test
    void a_stage_change_by_the_recruiter_posts_a_signed_webhook() throws Exception {
        LinkedBlockingQueue<Delivery> got = new LinkedBlockingQueue<>();
        HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/hook", ex -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = Http.JSON.readValue(ex.getRequestBody().readAllBytes(), Map.class);
            got.add(new Delivery(body, ex.getRequestHeaders().getFirst("User-Agent")));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        target.start();
        try {
            var a = newAccount(5);
            String t = access(a);
            String url = "http://127.0.0.1:" + target.getAddress().getPort() + "/hook";
            var w = api(a, t, "POST", "/webhooks", Map.of("url", url, "event", "candidateStageChange"));
            assertEquals(201, w.status(), w.body());
            String signingToken = Http.at(w.json(), "data", "configuration", "signatureToken");
            String id = firstOpportunity(a, t);
            String from = Http.at(get(a, t, "/opportunities/" + id).json(), "data", "stage");
            var move = admin(
                    "POST",
                    "/_sandbox/accounts/" + a.accountId() + "/opportunities/" + id + "/stage",
                    Map.of("stage", "offer"));
            assertEquals(200, move.status(), move.body());
            Delivery d = got.poll(10, TimeUnit.SECONDS);
            assertNotNull(d, "no delivery");
            assertEquals("Lever-Webhooks", d.userAgent());
            Map<String, Object> b = d.body();
            assertEquals("candidateStageChange", b.get("event"));
            assertEquals(id, Http.at(b, "data", "opportunityId"));
            assertEquals("offer", Http.at(b, "data", "toStageId"));
            assertEquals(from, Http.at(b, "data", "fromStageId"));
            String token = (String) b.get("token");
            assertEquals(48, token.length());
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = HexFormat.of()
                    .formatHex(mac.doFinal((token + b.get("triggeredAt")).getBytes(StandardCharsets.UTF_8)));
            assertEquals(expected, b.get("signature"));
        } finally {
            target.stop(0);
        }
    }

    @Test
    void a_failed_webhook_delivery_is_retried_and_logged() throws Exception {
        List<Integer> answers = new ArrayList<>(List.of(500, 503, 200));
        LinkedBlockingQueue<Integer> attempts = new LinkedBlockingQueue<>();
        HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/hook", ex -> {
            ex.getRequestBody().readAllBytes();
            int status;
            synchronized (answers) {
                status = answers.isEmpty() ? 200 : answers.remove(0);
            }
            attempts.add(status);
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        target.start();
        try {
            var a = newAccount(5);
            sb.setQuirk(a.accountId(), "webhook_retry_base_ms", 50);
            String t = access(a);
            String url = "http://127.0.0.1:" + target.getAddress().getPort() + "/hook";
            api(a, t, "POST", "/webhooks", Map.of("url", url, "event", "candidateArchiveChange"));
            String reason = Http.at(get(a, t, "/archive_reasons").json(), "data", 1, "id");
            api(a, t, "PUT", "/opportunities/" + firstOpportunity(a, t) + "/archived", Map.of("reason", reason));
            for (int expected : List.of(500, 503, 200)) assertEquals(expected, attempts.poll(10, TimeUnit.SECONDS));
            Thread.sleep(200);
            List<Map<String, Object>> log =
                    Http.at(admin("GET", "/_sandbox/accounts/" + a.accountId() + "/webhooks/deliveries", null)
                            .any());
            assertEquals(
                    List.of(1, 2, 3),
                    log.stream()
                            .map(m -> ((Number) m.get("attempt")).intValue())
                            .toList());
        } finally {
            target.stop(0);
        }
    }

    @Test
    void the_control_api_creates_a_lever_account_with_its_oauth_client() {
        var r = admin(
                "POST",
                "/_sandbox/accounts",
                Map.of("provider", "lever", "seed", 7, "size", 12, "redirect_uris", List.of(REDIRECT)));
        assertEquals(201, r.status(), r.body());
        var b = r.json();
        assertEquals("lever", b.get("provider"));
        assertEquals(12, ((Number) b.get("candidates")).intValue());
        assertEquals(List.of(REDIRECT), b.get("redirect_uris"));
        assertNotNull(b.get("client_id"));
        assertNotNull(b.get("client_secret"));
        assertEquals(sb.baseUrl() + "/lever/v1", b.get("base_url"));
        assertEquals(sb.baseUrl() + "/lever/auth/authorize", b.get("authorize_url"));
        assertEquals(sb.baseUrl() + "/lever/auth/oauth/token", b.get("token_url"));
        var tokens = admin(
                "POST",
                "/_sandbox/accounts/" + b.get("account_id") + "/oauth/tokens",
                Map.of("scope", "offline_access opportunities:read:admin"));
        assertEquals(200, tokens.status());
        var tj = tokens.json();
        assertNotNull(tj.get("refresh_token"));
        assertEquals(3600, ((Number) tj.get("expires_in")).intValue());
        var list = Http.send(
                "GET", b.get("base_url") + "/opportunities", null, "Authorization", "Bearer " + tj.get("access_token"));
        assertEquals(12, ((List<?>) list.json().get("data")).size());
    }

    @Test
    void oauth_control_routes_are_not_offered_for_accounts_without_an_oauth_server() {
        var cats = sb.createAccount("cats", 1, 1);
        assertEquals(
                404,
                admin("POST", "/_sandbox/accounts/" + cats.accountId() + "/oauth/tokens", null)
                        .status());
    }
}

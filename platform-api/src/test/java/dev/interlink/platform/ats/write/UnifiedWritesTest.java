package dev.interlink.platform.ats.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.platform.provider.RemoteKey;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import dev.interlink.sandbox.Sandbox;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The unified writes against the in-process provider-sandbox (CATS and Loxo), one behaviour per test. */
@MicronautTest(transactional = false)
class UnifiedWritesTest extends ApiTest {
    static final Sandbox SANDBOX = Sandbox.start(0);
    static final ObjectMapper JSON = new ObjectMapper();
    /** Above Micronaut's 1 MB multipart default, so the tests also prove that our limit is the one applied. */
    static final int MAX_BYTES = 1_200_000;

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    Api api;
    TestTenant a;
    TestTenant b;
    Sandbox.AccountInfo catsSb;
    Sandbox.AccountInfo loxoSb;
    String cats;
    String loxo;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>();
        p.putAll(dev.interlink.platform.account.ProviderSandbox.catalogOverrides(SANDBOX));
        p.put("interlink.attachments.max-bytes", String.valueOf(MAX_BYTES));
        p.put("interlink.provider.loxo.read-timeout", "3s");
        return p;
    }

    @BeforeAll
    void accounts() {
        api = new Api(server.getURI());
        a = TestTenants.create(tenants, api, "Writer A");
        b = TestTenants.create(tenants, api, "Writer B");
        catsSb = SANDBOX.createAccount("cats", 42, 100);
        SANDBOX.setRollingLimit(catsSb.accountId(), 1_000_000, 3600);
        loxoSb = SANDBOX.createAccount("loxo", 42, 100);
        SANDBOX.setTokenBucket(loxoSb.accountId(), 100_000, 100_000);
        cats = importAccount(catsSb);
        loxo = importAccount(loxoSb);
    }

    @AfterAll
    void stopSandbox() {
        SANDBOX.close();
    }

    String importAccount(Sandbox.AccountInfo s) {
        Map<String, Object> credentials = new HashMap<>();
        credentials.put("api_key", s.apiKey());
        if (s.agencySlug() != null) credentials.put("agency_slug", s.agencySlug());
        Api.Response r = api.post(
                "/integrated-accounts",
                a.token(),
                Map.of(
                        "provider",
                        s.provider(),
                        "end_user",
                        Map.of("id", "u-" + s.accountId()),
                        "credentials",
                        credentials));
        assertThat(r.status()).as(r.text()).isIn(200, 201);
        return r.json().path("id").asText();
    }

    // ---- helpers ----

    static String q(String path, String account) {
        return path + (path.contains("?") ? "&" : "?") + "integrated_account_id=" + account;
    }

    Api.Response post(String path, String account, Object body) {
        return api.post(q(path, account), a.token(), body);
    }

    Api.Response postWithKey(String path, String account, Object body, String key) {
        return api.send("POST", q(path, account), a.token(), body, Map.of("Idempotency-Key", key));
    }

    Sandbox.AccountInfo sb(String account) {
        return account.equals(cats) ? catsSb : loxoSb;
    }

    long providerRequests(String account) {
        return ((Number) SANDBOX.counters(sb(account).accountId()).get("requests")).longValue();
    }

    @SuppressWarnings("unchecked")
    List<String> writeRoutes(String account) {
        Map<String, Object> byRoute =
                (Map<String, Object>) SANDBOX.counters(sb(account).accountId()).get("by_route");
        return byRoute.keySet().stream().filter(k -> !k.startsWith("GET")).toList();
    }

    /** The provider's own record, straight from the sandbox (not through Interlink). */
    JsonNode native_(String account, String path) throws Exception {
        Sandbox.AccountInfo s = sb(account);
        String auth = s.provider().equals("cats") ? "Token " + s.apiKey() : "Bearer " + s.apiKey();
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(s.baseUrl() + path))
                                .header("Authorization", auth)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static Map<String, Object> candidateBody(String tag) {
        return Map.of(
                "first_name",
                "Ada",
                "last_name",
                "Lovelace" + tag,
                "title",
                "Analyst",
                "company_name",
                "Engines Ltd",
                "emails",
                List.of(
                        Map.of("email", "ada" + tag + "@example.com", "type", "PERSONAL", "is_primary", true),
                        Map.of("email", "ada" + tag + "@work.example.com", "type", "WORK")),
                "phones",
                List.of(Map.of("number", "+4412345672", "type", "MOBILE")),
                "urls",
                List.of(Map.of("url", "https://www.linkedin.com/in/ada" + tag, "type", "LINKEDIN")));
    }

    String firstJob(String account) {
        Api.Response r = api.get(q("/unified/ats/jobs?limit=1", account), a.token());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().at("/result/0/id").asText();
    }

    String newCandidate(String account, String tag) {
        Api.Response r = post("/unified/ats/candidates", account, candidateBody(tag));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    // ---- candidates ----

    @Test
    void creating_a_cats_candidate_stores_its_emails_and_phones_as_rows_cats_really_keeps() throws Exception {
        Api.Response r = post("/unified/ats/candidates", cats, candidateBody("c1"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        JsonNode c = r.json();
        assertThat(c.path("first_name").asText()).isEqualTo("Ada");
        assertThat(c.path("title").asText()).isEqualTo("Analyst");
        assertThat(c.path("company_name").asText()).isEqualTo("Engines Ltd");
        JsonNode stored = native_(cats, "/candidates/" + c.path("remote_id").asText() + "/emails");
        assertThat(stored.at("/_embedded/emails").findValuesAsText("email"))
                .containsExactlyInAnyOrder("adac1@example.com", "adac1@work.example.com");
        JsonNode phones = native_(cats, "/candidates/" + c.path("remote_id").asText() + "/phones");
        assertThat(phones.at("/_embedded/phones").findValuesAsText("number")).containsExactly("+4412345672");
    }

    @Test
    void creating_a_loxo_candidate_stores_its_emails_and_phones_on_the_person() throws Exception {
        Api.Response r = post("/unified/ats/candidates", loxo, candidateBody("l1"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        JsonNode c = r.json();
        assertThat(c.path("name").asText()).isEqualTo("Ada Lovelacel1");
        JsonNode person = native_(loxo, "/people/" + c.path("remote_id").asText());
        assertThat(person.path("emails").findValuesAsText("value"))
                .containsExactly("adal1@example.com", "adal1@work.example.com");
        assertThat(person.path("phones").findValuesAsText("value")).containsExactly("+4412345672");
        assertThat(person.path("current_title").asText()).isEqualTo("Analyst");
        assertThat(person.path("current_company").asText()).isEqualTo("Engines Ltd");
        assertThat(person.path("linkedin_url").asText()).isEqualTo("https://www.linkedin.com/in/adal1");
    }

    @Test
    void updating_a_cats_candidate_changes_the_title_and_replaces_its_emails_as_a_set() throws Exception {
        String id = newCandidate(cats, "c2");
        Api.Response r = api.patch(
                q("/unified/ats/candidates/" + id, cats),
                a.token(),
                Map.of("title", "Chief Analyst", "emails", List.of(Map.of("email", "new-c2@example.com"))));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().path("title").asText()).isEqualTo("Chief Analyst");
        assertThat(r.json().path("last_name").asText()).isEqualTo("Lovelacec2");
        JsonNode stored =
                native_(cats, "/candidates/" + r.json().path("remote_id").asText() + "/emails");
        assertThat(stored.at("/_embedded/emails").findValuesAsText("email")).containsExactly("new-c2@example.com");
        assertThat(r.json().path("emails").findValuesAsText("email")).containsExactly("new-c2@example.com");
    }

    @Test
    void updating_a_loxo_candidate_renames_it_and_adds_only_the_missing_phone() throws Exception {
        String id = newCandidate(loxo, "l2");
        Api.Response r = api.patch(
                q("/unified/ats/candidates/" + id, loxo),
                a.token(),
                Map.of(
                        "last_name",
                        "Byron",
                        "phones",
                        List.of(Map.of("number", "+4412345672"), Map.of("number", "+15550001111"))));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().path("name").asText()).isEqualTo("Ada Byron");
        JsonNode person = native_(loxo, "/people/" + r.json().path("remote_id").asText());
        assertThat(person.path("phones").findValuesAsText("value")).containsExactly("+4412345672", "+15550001111");
    }

    @Test
    void an_invalid_candidate_lists_every_bad_field_as_a_json_pointer_and_reaches_no_provider() {
        SANDBOX.resetCounters(catsSb.accountId());
        Api.Response r = post(
                "/unified/ats/candidates",
                cats,
                Map.of(
                        "last_name", 12,
                        "emails", List.of(Map.of("email", "not-an-email"), Map.of("type", "HOME")),
                        "phones", List.of(Map.of("number", "call me")),
                        "urls", List.of(Map.of("url", "ftp://x")),
                        "nickname", "Ada"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("PLATFORM.INPUT_INVALID");
        assertThat(r.json().path("errors").findValuesAsText("pointer"))
                .contains(
                        "/first_name",
                        "/last_name",
                        "/emails/0/email",
                        "/emails/1/email",
                        "/emails/1/type",
                        "/phones/0/number",
                        "/urls/0/url",
                        "/nickname");
        assertThat(providerRequests(cats)).isZero();
    }

    @Test
    void a_replayed_idempotency_key_returns_the_stored_response_without_calling_the_provider() {
        String key = "cand-" + UUID.randomUUID();
        Api.Response first = postWithKey("/unified/ats/candidates", loxo, candidateBody("l3"), key);
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        SANDBOX.resetCounters(loxoSb.accountId());
        Api.Response again = postWithKey("/unified/ats/candidates", loxo, candidateBody("l3"), key);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().path("id").asText())
                .isEqualTo(first.json().path("id").asText());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(providerRequests(loxo)).isZero();
    }

    @Test
    void an_idempotency_key_reused_with_another_body_answers_409() {
        String key = "cand-" + UUID.randomUUID();
        assertThat(postWithKey("/unified/ats/candidates", cats, candidateBody("c4"), key)
                        .status())
                .isEqualTo(201);
        Api.Response other = postWithKey("/unified/ats/candidates", cats, candidateBody("c5"), key);
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.code()).isEqualTo("PLATFORM.IDEMPOTENCY_CONFLICT");
    }

    // ---- applications ----

    @Test
    void a_cats_application_is_created_as_a_pipeline_and_moved_by_posting_a_status() {
        String candidate = newCandidate(cats, "c6");
        String job = firstJob(cats);
        Api.Response created =
                post("/unified/ats/applications", cats, Map.of("candidate_id", candidate, "job_id", job));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().at("/candidate/id").asText()).isEqualTo(candidate);
        String interviewing = RemoteKey.encode("5691190", "6377098");
        Api.Response moved = post(
                "/unified/ats/applications/" + created.json().path("id").asText() + "/move-stage",
                cats,
                Map.of("stage_id", interviewing, "suppress_triggers", true));
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(moved.json().at("/current_stage/id").asText()).isEqualTo(interviewing);
    }

    @Test
    void a_second_application_of_the_same_candidate_to_the_same_job_answers_409() {
        String candidate = newCandidate(cats, "c7");
        String job = firstJob(cats);
        Map<String, Object> body = Map.of("candidate_id", candidate, "job_id", job);
        assertThat(post("/unified/ats/applications", cats, body).status()).isEqualTo(201);
        Api.Response again = post("/unified/ats/applications", cats, body);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("ATS.APPLICATION_ALREADY_EXISTS");
    }

    @Test
    void a_stage_of_another_workflow_answers_400_and_sends_no_write_to_the_provider() {
        String candidate = newCandidate(cats, "c8");
        Api.Response created =
                post("/unified/ats/applications", cats, Map.of("candidate_id", candidate, "job_id", firstJob(cats)));
        assertThat(created.status()).isEqualTo(201);
        SANDBOX.resetCounters(catsSb.accountId());
        Api.Response moved = post(
                "/unified/ats/applications/" + created.json().path("id").asText() + "/move-stage",
                cats,
                Map.of("stage_id", RemoteKey.encode("5691191", "6377201")));
        assertThat(moved.status()).as(moved.text()).isEqualTo(400);
        assertThat(moved.code()).isEqualTo("ATS.STAGE_NOT_IN_JOB_WORKFLOW");
        assertThat(writeRoutes(cats)).isEmpty();
    }

    @Test
    void a_malformed_stage_id_answers_400_with_zero_provider_calls() {
        SANDBOX.resetCounters(loxoSb.accountId());
        Api.Response moved = post(
                "/unified/ats/applications/" + RemoteKey.encode("1", "2") + "/move-stage",
                loxo,
                Map.of("stage_id", "%%%", "suppress_triggers", "yes"));
        assertThat(moved.status()).isEqualTo(400);
        assertThat(moved.json().path("errors").findValuesAsText("pointer")).contains("/stage_id", "/suppress_triggers");
        assertThat(providerRequests(loxo)).isZero();
    }

    @Test
    void a_loxo_application_is_created_by_a_person_event_and_moved_forward_by_the_mapped_activity() {
        String candidate = newCandidate(loxo, "l4");
        String job = firstJob(loxo);
        Api.Response created =
                post("/unified/ats/applications", loxo, Map.of("candidate_id", candidate, "job_id", job));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String interview = RemoteKey.encode("318335");
        Api.Response moved = post(
                "/unified/ats/applications/" + created.json().path("id").asText() + "/move-stage",
                loxo,
                Map.of("stage_id", interview));
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(moved.json().at("/current_stage/id").asText()).isEqualTo(interview);
    }

    @Test
    void a_backward_loxo_move_answers_409_and_logs_no_event() {
        String candidate = newCandidate(loxo, "l5");
        Api.Response created = post(
                "/unified/ats/applications",
                loxo,
                Map.of("candidate_id", candidate, "job_id", firstJob(loxo), "stage_id", RemoteKey.encode("318336")));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        SANDBOX.resetCounters(loxoSb.accountId());
        Api.Response back = post(
                "/unified/ats/applications/" + created.json().path("id").asText() + "/move-stage",
                loxo,
                Map.of("stage_id", RemoteKey.encode("318332")));
        assertThat(back.status()).as(back.text()).isEqualTo(409);
        assertThat(back.code()).isEqualTo("ATS.STAGE_TRANSITION_NOT_ALLOWED");
        assertThat(writeRoutes(loxo)).isEmpty();
    }

    // ---- attachments ----

    @Test
    void a_multipart_resume_is_sent_to_cats_as_raw_bytes_on_the_resumes_route() throws Exception {
        String candidate = newCandidate(cats, "c9");
        String boundary = "b" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nRESUME\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cv.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nhello resume\r\n--" + boundary + "--\r\n";
        SANDBOX.resetCounters(catsSb.accountId());
        Api.Response r = api.send(
                "POST",
                q("/unified/ats/candidates/" + candidate + "/attachments", cats),
                a.token(),
                body,
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().path("file_name").asText()).isEqualTo("cv.txt");
        assertThat(writeRoutes(cats)).containsExactly("POST /candidates/{id}/resumes");
    }

    @Test
    void a_base64_document_is_sent_to_loxo_as_a_multipart_document() throws Exception {
        String candidate = newCandidate(loxo, "l6");
        Api.Response r = post(
                "/unified/ats/candidates/" + candidate + "/attachments",
                loxo,
                Map.of(
                        "file_name", "letter.pdf",
                        "content_type", "application/pdf",
                        "type", "COVER_LETTER",
                        "data", Base64.getEncoder().encodeToString("%PDF-1.4 letter".getBytes())));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().path("file_name").asText()).isEqualTo("letter.pdf");
        Api.Response content =
                api.get(q("/unified/ats/attachments/" + r.json().path("id").asText() + "/content", loxo), a.token());
        assertThat(content.text()).isEqualTo("%PDF-1.4 letter");
    }

    @Test
    void a_file_over_the_limit_answers_413_payload_too_large_and_reaches_no_provider() {
        SANDBOX.resetCounters(catsSb.accountId());
        Api.Response r = post(
                "/unified/ats/candidates/" + RemoteKey.encode("1") + "/attachments",
                cats,
                Map.of(
                        "file_name", "big.bin",
                        "type", "OTHER",
                        "data", Base64.getEncoder().encodeToString(new byte[MAX_BYTES + 10])));
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.code()).isEqualTo("PLATFORM.PAYLOAD_TOO_LARGE");
        assertThat(providerRequests(cats)).isZero();
    }

    // ---- rejecting ----

    String newCatsApplication(String tag) {
        String candidate = newCandidate(cats, tag);
        Api.Response created =
                post("/unified/ats/applications", cats, Map.of("candidate_id", candidate, "job_id", firstJob(cats)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    @Test
    void cats_rejection_reasons_are_the_declined_statuses_of_each_workflow() {
        Api.Response r = api.get(q("/unified/ats/rejection_reasons?limit=50", cats), a.token());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<String> names = new java.util.ArrayList<>();
        r.json().path("result").forEach(x -> names.add(x.path("name").asText()));
        assertThat(names).containsExactly("Not in Consideration", "Client Declined");
        assertThat(r.json().at("/result/0/workflow/remote_id").asText()).isEqualTo("5691190");
    }

    @Test
    void rejecting_a_cats_application_moves_it_to_the_first_declined_status_and_logs_the_note() throws Exception {
        String app = newCatsApplication("r1");
        Api.Response r = post("/unified/ats/applications/" + app + "/reject", cats, Map.of("note", "Went elsewhere"));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().path("status").asText()).isEqualTo("REJECTED");
        assertThat(r.json().at("/current_stage/name").asText()).isEqualTo("Not in Consideration");
        String candidate = r.json().at("/candidate/remote_id").asText();
        JsonNode activities = native_(cats, "/candidates/" + candidate + "/activities");
        assertThat(activities.at("/_embedded/activities").findValuesAsText("notes"))
                .contains("Went elsewhere");
    }

    @Test
    void a_cats_rejection_reason_given_is_the_status_the_application_moves_to() {
        String app = newCatsApplication("r2");
        String clientDeclined = RemoteKey.encode("5691190", "6377101");
        Api.Response r = post(
                "/unified/ats/applications/" + app + "/reject", cats, Map.of("rejection_reason_id", clientDeclined));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().at("/current_stage/name").asText()).isEqualTo("Client Declined");
    }

    @Test
    void a_rejection_reason_of_another_workflow_answers_400_and_sends_no_write() {
        String app = newCatsApplication("r3");
        SANDBOX.resetCounters(catsSb.accountId());
        Api.Response r = post(
                "/unified/ats/applications/" + app + "/reject",
                cats,
                Map.of("rejection_reason_id", RemoteKey.encode("5691191", "6377100")));
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().path("errors").findValuesAsText("pointer")).containsExactly("/rejection_reason_id");
        assertThat(writeRoutes(cats)).isEmpty();
    }

    @Test
    void an_invalid_reject_body_lists_every_problem_and_reaches_no_provider() {
        SANDBOX.resetCounters(catsSb.accountId());
        Api.Response r = post(
                "/unified/ats/applications/" + RemoteKey.encode("1") + "/reject",
                cats,
                Map.of("rejection_reason_id", "%%%", "note", 5, "why", "x"));
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().path("errors").findValuesAsText("pointer"))
                .containsExactlyInAnyOrder("/rejection_reason_id", "/note", "/why");
        assertThat(providerRequests(cats)).isZero();
    }

    @Test
    void a_replayed_reject_with_the_same_key_makes_no_provider_call() {
        String app = newCatsApplication("r4");
        String key = "reject-" + UUID.randomUUID();
        assertThat(postWithKey("/unified/ats/applications/" + app + "/reject", cats, Map.of(), key)
                        .status())
                .isEqualTo(200);
        SANDBOX.resetCounters(catsSb.accountId());
        Api.Response again = postWithKey("/unified/ats/applications/" + app + "/reject", cats, Map.of(), key);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.json().path("status").asText()).isEqualTo("REJECTED");
        assertThat(providerRequests(cats)).isZero();
    }

    @Test
    void rejecting_on_loxo_answers_405_not_supported_and_reaches_no_provider() {
        SANDBOX.resetCounters(loxoSb.accountId());
        Api.Response r = post("/unified/ats/applications/" + RemoteKey.encode("1", "2") + "/reject", loxo, Map.of());
        assertThat(r.status()).as(r.text()).isEqualTo(405);
        assertThat(r.json().path("code").asText()).isEqualTo("INTEGRATION.ACTION_NOT_SUPPORTED");
        assertThat(r.json().path("detail").asText()).contains("not supported by this provider");
        assertThat(providerRequests(loxo)).isZero();
    }

    @Test
    void loxo_has_no_rejection_reasons_resource() {
        Api.Response r = api.get(q("/unified/ats/rejection_reasons", loxo), a.token());
        assertThat(r.status()).as(r.text()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("INTEGRATION.RESOURCE_NOT_SUPPORTED");
    }

    @Test
    void capabilities_list_the_write_operations_per_resource() {
        Api.Response c = api.get("/integrated-accounts/" + cats + "/capabilities", a.token());
        assertThat(c.status()).as(c.text()).isEqualTo(200);
        assertThat(c.json().at("/resources/applications/write_operations").toString())
                .isEqualTo("[\"create\",\"move_stage\",\"reject\"]");
        assertThat(c.json().at("/resources/candidates/write_operations").toString())
                .isEqualTo("[\"create\",\"update\"]");
        assertThat(c.json().at("/resources/jobs/write_operations")).isEmpty();
        Api.Response l = api.get("/integrated-accounts/" + loxo + "/capabilities", a.token());
        assertThat(l.json().at("/resources/applications/write_operations").toString())
                .isEqualTo("[\"create\",\"move_stage\"]");
        assertThat(l.json().at("/resources").has("rejection_reasons")).isFalse();
    }

    // ---- tenancy ----

    @Test
    void another_tenants_account_answers_404_on_every_write_route() {
        String id = RemoteKey.encode("1");
        List<String[]> routes = List.of(
                new String[] {"POST", "/unified/ats/candidates"},
                new String[] {"PATCH", "/unified/ats/candidates/" + id},
                new String[] {"POST", "/unified/ats/applications"},
                new String[] {"POST", "/unified/ats/applications/" + id + "/move-stage"},
                new String[] {"POST", "/unified/ats/applications/" + id + "/reject"},
                new String[] {"POST", "/unified/ats/candidates/" + id + "/attachments"});
        SANDBOX.resetCounters(catsSb.accountId());
        for (String[] route : routes) {
            Api.Response r = api.send(route[0], q(route[1], cats), b.token(), candidateBody("x"), Map.of());
            assertThat(r.status())
                    .as(route[0] + " " + route[1] + " " + r.text())
                    .isEqualTo(404);
        }
        assertThat(providerRequests(cats)).isZero();
    }

    @Test
    void a_cats_custom_field_is_written_through_its_sub_resource_and_read_back() {
        Map<String, Object> body = new HashMap<>(candidateBody("c10"));
        body.put("custom_fields", Map.of("170911", "M"));
        Api.Response r = post("/unified/ats/candidates", cats, body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().at("/custom_fields/170911").asText()).isEqualTo("M");
    }

    @Test
    void a_cats_dropdown_value_outside_its_options_answers_400_before_any_write() {
        Map<String, Object> body = new HashMap<>(candidateBody("c11"));
        body.put("custom_fields", Map.of("170911", "XXL", "999", "x"));
        SANDBOX.resetCounters(catsSb.accountId());
        Api.Response r = post("/unified/ats/candidates", cats, body);
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().path("errors").findValuesAsText("pointer"))
                .containsExactlyInAnyOrder("/custom_fields/170911", "/custom_fields/999");
        assertThat(writeRoutes(cats)).isEmpty();
    }

    @Test
    void a_loxo_update_adds_a_new_email_through_the_sub_resource_and_deletes_the_one_left_out() throws Exception {
        String id = newCandidate(loxo, "l7");
        SANDBOX.resetCounters(loxoSb.accountId());
        Api.Response r = api.patch(
                q("/unified/ats/candidates/" + id, loxo),
                a.token(),
                Map.of(
                        "emails",
                        List.of(Map.of("email", "adal7@example.com"), Map.of("email", "more-l7@example.com"))));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(writeRoutes(loxo))
                .containsExactlyInAnyOrder("POST /people/{id}/emails", "DELETE /people/{id}/emails/{rid}");
        JsonNode person = native_(loxo, "/people/" + r.json().path("remote_id").asText());
        assertThat(person.path("emails").findValuesAsText("value"))
                .containsExactly("adal7@example.com", "more-l7@example.com");
    }

    // ---- sets: emails, phones, urls and tags given on a PATCH are the new sets ----

    Api.Response patch(String account, String id, Object body) {
        return api.patch(q("/unified/ats/candidates/" + id, account), a.token(), body);
    }

    @Test
    void a_cats_patch_with_fewer_phones_deletes_the_phone_left_out() throws Exception {
        String id = newCandidate(cats, "s1");
        assertThat(patch(cats, id, Map.of("phones", List.of(Map.of("number", "+15550002222"))))
                        .status())
                .isEqualTo(200);
        Api.Response r = patch(cats, id, Map.of("phones", List.of()));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().path("phones")).isEmpty();
        JsonNode phones =
                native_(cats, "/candidates/" + r.json().path("remote_id").asText() + "/phones");
        assertThat(phones.at("/_embedded/phones")).isEmpty();
    }

    @Test
    void a_cats_patch_can_make_a_stored_secondary_email_the_primary() throws Exception {
        String id = newCandidate(cats, "s7");
        Api.Response r = patch(
                cats,
                id,
                Map.of(
                        "emails",
                        List.of(
                                Map.of("email", "adas7@example.com"),
                                Map.of("email", "adas7@work.example.com", "is_primary", true))));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode rows =
                native_(cats, "/candidates/" + r.json().path("remote_id").asText() + "/emails");
        for (JsonNode row : rows.at("/_embedded/emails")) {
            assertThat(row.path("is_primary").asBoolean())
                    .as(row.path("email").asText())
                    .isEqualTo(row.path("email").asText().equals("adas7@work.example.com"));
        }
        assertThat(r.json().path("emails").findValuesAsText("email")).hasSize(2);
    }

    @Test
    void a_cats_patch_with_other_urls_replaces_the_website_and_social_links() throws Exception {
        String id = newCandidate(cats, "s2");
        Api.Response r =
                patch(cats, id, Map.of("urls", List.of(Map.of("url", "https://ada.example", "type", "PERSONAL"))));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().path("urls").findValuesAsText("url")).containsExactly("https://ada.example");
        JsonNode c = native_(cats, "/candidates/" + r.json().path("remote_id").asText());
        assertThat(c.path("social_media_urls")).isEmpty();
    }

    @Test
    void cats_tags_are_written_by_name_and_a_patch_replaces_the_whole_set() throws Exception {
        Map<String, Object> body = new HashMap<>(candidateBody("s3"));
        body.put("tags", List.of("Hot lead", "referral"));
        Api.Response created = post("/unified/ats/candidates", cats, body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String remote = created.json().path("remote_id").asText();
        assertThat(native_(cats, "/candidates/" + remote + "/tags")
                        .at("/_embedded/tags")
                        .findValuesAsText("title"))
                .containsExactlyInAnyOrder("Hot lead", "Referral");
        // the answer is the record read back, tags included (CATS fills them on a get, decision 0024)
        assertThat(created.json().path("tags").findValuesAsText("name"))
                .containsExactlyInAnyOrder("Hot lead", "Referral");
        Api.Response r = patch(cats, created.json().path("id").asText(), Map.of("tags", List.of("Remote only")));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().path("tags").findValuesAsText("name")).containsExactly("Remote only");
        assertThat(native_(cats, "/candidates/" + remote + "/tags")
                        .at("/_embedded/tags")
                        .findValuesAsText("title"))
                .containsExactly("Remote only");
    }

    @Test
    void a_cats_tag_name_the_site_does_not_have_answers_400_before_any_write() {
        String id = newCandidate(cats, "s4");
        SANDBOX.resetCounters(catsSb.accountId());
        Api.Response r = patch(cats, id, Map.of("title", "CTO", "tags", List.of("Referral", "No such tag")));
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().path("errors").findValuesAsText("pointer")).containsExactly("/tags/1");
        assertThat(writeRoutes(cats)).isEmpty();
    }

    @Test
    void a_loxo_patch_replaces_phones_urls_and_tags_and_reads_the_tags_back() throws Exception {
        Map<String, Object> body = new HashMap<>(candidateBody("s5"));
        body.put("tags", List.of("python", "remote"));
        String id =
                post("/unified/ats/candidates", loxo, body).json().path("id").asText();
        Api.Response r = patch(
                loxo,
                id,
                Map.of(
                        "phones", List.of(Map.of("number", "+15550003333")),
                        "urls", List.of(Map.of("url", "https://ada.example")),
                        "tags", List.of("java")));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().path("tags").findValuesAsText("name")).containsExactly("java");
        JsonNode person = native_(loxo, "/people/" + r.json().path("remote_id").asText());
        assertThat(person.path("phones").findValuesAsText("value")).containsExactly("+15550003333");
        assertThat(person.path("linkedin_url").asText()).isEmpty();
        assertThat(person.path("website").asText()).isEqualTo("https://ada.example");
        assertThat(person.path("all_raw_tags").asText()).isEqualTo("java");
    }

    @Test
    void two_websites_for_a_loxo_person_answer_400_naming_the_second() {
        SANDBOX.resetCounters(loxoSb.accountId());
        Map<String, Object> body = new HashMap<>(candidateBody("s6"));
        body.put("urls", List.of(Map.of("url", "https://a.example"), Map.of("url", "https://b.example")));
        Api.Response r = post("/unified/ats/candidates", loxo, body);
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().path("errors").findValuesAsText("pointer")).containsExactly("/urls/1");
        assertThat(providerRequests(loxo)).isZero();
    }

    @Test
    void suppressing_triggers_on_a_loxo_move_answers_400_and_logs_no_event() {
        SANDBOX.resetCounters(loxoSb.accountId());
        Api.Response r = post(
                "/unified/ats/applications/" + RemoteKey.encode("1", "2") + "/move-stage",
                loxo,
                Map.of("stage_id", RemoteKey.encode("318335"), "suppress_triggers", true));
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().path("errors").findValuesAsText("pointer")).containsExactly("/suppress_triggers");
        assertThat(providerRequests(loxo)).isZero();
    }

    @Test
    void loxo_creates_answered_201_are_accepted_like_200() {
        SANDBOX.setQuirk(loxoSb.accountId(), "create_status", 201);
        try {
            assertThat(post("/unified/ats/candidates", loxo, candidateBody("l8"))
                            .status())
                    .isEqualTo(201);
        } finally {
            SANDBOX.setQuirk(loxoSb.accountId(), "create_status", null);
        }
    }

    String multipart(String boundary, String type, String fileName, byte[] content) {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n" + type + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        return head + new String(content, java.nio.charset.StandardCharsets.ISO_8859_1) + "\r\n--" + boundary
                + "--\r\n";
    }

    @Test
    void a_multipart_file_over_one_megabyte_but_under_the_limit_is_uploaded_to_loxo() {
        String candidate = newCandidate(loxo, "l9");
        byte[] content = new byte[1_100_000];
        java.util.Arrays.fill(content, (byte) 'a');
        String boundary = "b" + UUID.randomUUID();
        Api.Response r = api.send(
                "POST",
                q("/unified/ats/candidates/" + candidate + "/attachments", loxo),
                a.token(),
                multipart(boundary, "OTHER", "big.txt", content),
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().path("file_name").asText()).isEqualTo("big.txt");
    }

    @Test
    void a_multipart_file_over_the_limit_answers_413_and_reaches_no_provider() {
        byte[] content = new byte[MAX_BYTES + 100];
        String boundary = "b" + UUID.randomUUID();
        SANDBOX.resetCounters(catsSb.accountId());
        Api.Response r = api.send(
                "POST",
                q("/unified/ats/candidates/" + RemoteKey.encode("1") + "/attachments", cats),
                a.token(),
                multipart(boundary, "OTHER", "big.bin", content),
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
        assertThat(r.status()).as(r.text()).isEqualTo(413);
        assertThat(r.code()).isEqualTo("PLATFORM.PAYLOAD_TOO_LARGE");
        assertThat(providerRequests(cats)).isZero();
    }

    @Test
    void a_loxo_write_that_times_out_answers_504_not_retryable_and_is_sent_once() throws Exception {
        SANDBOX.resetCounters(loxoSb.accountId());
        SANDBOX.setFault(loxoSb.accountId(), "latency", 1.0, 1L, 4000);
        long slowRequestDone = System.nanoTime() + 4_500_000_000L; // the sandbox answers after its 4 s latency
        try {
            Api.Response r = post("/unified/ats/candidates", loxo, candidateBody("l10"));
            assertThat(r.status()).as(r.text()).isEqualTo(504);
            assertThat(r.code()).isEqualTo("REMOTE.TIMEOUT");
            assertThat(r.json().path("retryable").asBoolean()).isFalse();
            assertThat(r.json().path("detail").asText()).contains("may or may not have been applied");
        } finally {
            SANDBOX.clearFault(loxoSb.accountId());
        }
        // the sandbox counts the slow request when it finishes, after our timeout: wait for exactly that moment,
        // so a retry (which would have been sent at once) could not hide behind it
        long left = slowRequestDone - System.nanoTime();
        if (left > 0) Thread.sleep(left / 1_000_000);
        for (int i = 0; i < 50 && writeRoutes(loxo).isEmpty(); i++) Thread.sleep(100);
        assertThat(writeRoutes(loxo)).containsExactly("POST /people");
        @SuppressWarnings("unchecked")
        Map<String, Object> byRoute =
                (Map<String, Object>) SANDBOX.counters(loxoSb.accountId()).get("by_route");
        assertThat(((Number) byRoute.get("POST /people")).intValue()).isEqualTo(1);
    }

    @Test
    void a_loxo_stage_that_is_not_in_the_jobs_workflow_answers_400_and_logs_no_event() {
        String candidate = newCandidate(loxo, "l11");
        Api.Response created =
                post("/unified/ats/applications", loxo, Map.of("candidate_id", candidate, "job_id", firstJob(loxo)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        SANDBOX.resetCounters(loxoSb.accountId());
        Api.Response moved = post(
                "/unified/ats/applications/" + created.json().path("id").asText() + "/move-stage",
                loxo,
                Map.of("stage_id", RemoteKey.encode("999999")));
        assertThat(moved.status()).as(moved.text()).isEqualTo(400);
        assertThat(moved.code()).isEqualTo("ATS.STAGE_NOT_IN_JOB_WORKFLOW");
        assertThat(writeRoutes(loxo)).isEmpty();
    }

    @Test
    void a_replayed_move_stage_with_the_same_key_makes_no_provider_call() {
        String candidate = newCandidate(cats, "c12");
        Api.Response created =
                post("/unified/ats/applications", cats, Map.of("candidate_id", candidate, "job_id", firstJob(cats)));
        String path = "/unified/ats/applications/" + created.json().path("id").asText() + "/move-stage";
        Map<String, Object> body = Map.of("stage_id", RemoteKey.encode("5691190", "6377097"));
        String key = "move-" + UUID.randomUUID();
        assertThat(postWithKey(path, cats, body, key).status()).isEqualTo(200);
        SANDBOX.resetCounters(catsSb.accountId());
        Api.Response again = postWithKey(path, cats, body, key);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(providerRequests(cats)).isZero();
    }

    @Test
    void an_invalid_application_body_lists_every_problem_and_reaches_no_provider() {
        SANDBOX.resetCounters(catsSb.accountId());
        Api.Response r =
                post("/unified/ats/applications", cats, Map.of("job_id", "%%", "stage_id", 5, "source", "web"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("errors").findValuesAsText("pointer"))
                .containsExactlyInAnyOrder("/candidate_id", "/job_id", "/stage_id", "/source");
        assertThat(providerRequests(cats)).isZero();
    }

    @Test
    void a_cats_application_can_be_created_straight_into_a_stage() {
        String candidate = newCandidate(cats, "c13");
        String submitted = RemoteKey.encode("5691190", "6377097");
        Api.Response created = post(
                "/unified/ats/applications",
                cats,
                Map.of("candidate_id", candidate, "job_id", firstJob(cats), "stage_id", submitted));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().at("/current_stage/id").asText()).isEqualTo(submitted);
    }

    @Test
    @DisplayName("a content_type with CR/LF cannot inject a header into Loxo's multipart upload")
    void a_content_type_with_a_header_injection_is_refused() {
        String candidate = newCandidate(loxo, "crlf");
        long before = providerRequests(loxo);
        for (String bad : List.of(
                "text/plain\r\nX-Injected: 1",
                "text/plain\r\n\r\n--interlink-evil",
                "application/pdf\nContent-Disposition: form-data; name=\"other\"",
                "not a media type",
                "text/",
                "text/plain; charset=\"utf-8\r\n\"")) {
            Api.Response r = post(
                    "/unified/ats/candidates/" + candidate + "/attachments",
                    loxo,
                    Map.of(
                            "file_name",
                            "cv.txt",
                            "content_type",
                            bad,
                            "type",
                            "RESUME",
                            "data",
                            Base64.getEncoder().encodeToString("hello".getBytes())));
            assertThat(r.status()).as(bad + " " + r.text()).isEqualTo(400);
            assertThat(r.code()).isEqualTo("PLATFORM.INPUT_INVALID");
            assertThat(r.json().get("errors").toString()).contains("/content_type");
        }
        assertThat(providerRequests(loxo)).isEqualTo(before);
        // a valid media type with parameters still goes through
        Api.Response ok = post(
                "/unified/ats/candidates/" + candidate + "/attachments",
                loxo,
                Map.of(
                        "file_name", "cv.txt",
                        "content_type", "text/plain; charset=utf-8",
                        "type", "RESUME",
                        "data", Base64.getEncoder().encodeToString("hello".getBytes())));
        assertThat(ok.status()).as(ok.text()).isEqualTo(201);
    }

    @Test
    @DisplayName("an uploaded HTML attachment is served as a sandboxed download, never as a page in the API's origin")
    void attachment_content_is_a_sandboxed_download() {
        String candidate = newCandidate(loxo, "html");
        Api.Response r = post(
                "/unified/ats/candidates/" + candidate + "/attachments",
                loxo,
                Map.of(
                        "file_name", "evil.html",
                        "content_type", "text/html",
                        "type", "OTHER",
                        "data",
                                Base64.getEncoder()
                                        .encodeToString("<script>alert(document.cookie)</script>".getBytes())));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        Api.Response content =
                api.get(q("/unified/ats/attachments/" + r.json().path("id").asText() + "/content", loxo), a.token());
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(content.header("Content-Security-Policy")).isEqualTo("sandbox; default-src 'none'");
        assertThat(content.header("Content-Disposition")).startsWith("attachment");
    }

    /** Sends a raw HTTP/1.1 request head (+ the first body bytes) and returns what the server answered, or "". */
    String raw(String head, byte[] firstBytes, boolean keepWriting) throws Exception {
        URI uri = server.getURI();
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            try {
                out.write(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                out.write(firstBytes);
                out.flush();
                if (keepWriting) {
                    byte[] chunk = ("10000\r\n" + "a".repeat(0x10000) + "\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                    for (int i = 0; i < 64; i++) out.write(chunk); // 4 MB, chunked
                    out.write("0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            } catch (java.io.IOException closedByServer) {
                // the server stopped reading: expected for an oversized body
            }
            try {
                return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException reset) {
                return "";
            }
        }
    }

    @Test
    @DisplayName("a 5 MB JSON body to a non-upload route is refused from its Content-Length before it is read")
    void an_oversized_declared_body_is_refused_at_once() throws Exception {
        long before = providerRequests(cats);
        String head = "POST /unified/ats/candidates?integrated_account_id=" + cats + " HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: Bearer " + a.token() + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: 5000000\r\n\r\n";
        String answer = raw(head, "{\"first_name\":\"".getBytes(), false);
        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(answer).contains("\"code\":\"PLATFORM.PAYLOAD_TOO_LARGE\"", "\"max_bytes\":1048576");
        assertThat(providerRequests(cats)).isEqualTo(before);
    }

    @Test
    @DisplayName("a chunked body that grows past 1 MB on a non-upload route is cut off and creates nothing")
    void an_oversized_chunked_body_is_cut_off() throws Exception {
        long before = providerRequests(cats);
        String head = "PATCH /unified/ats/candidates/" + RemoteKey.encode("1") + "?integrated_account_id=" + cats
                + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + a.token() + "\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        String answer = raw(head, "1\r\n{\r\n".getBytes(), true);
        assertThat(answer).doesNotStartWith("HTTP/1.1 2");
        assertThat(providerRequests(cats)).isEqualTo(before);
    }

    @Test
    @DisplayName("an attachment upload may still be larger than the 1 MB limit of the other routes")
    void uploads_keep_the_attachment_limit() {
        String candidate = newCandidate(loxo, "big");
        byte[] file = new byte[1_100_000];
        java.util.Arrays.fill(file, (byte) 'z');
        Api.Response r = post(
                "/unified/ats/candidates/" + candidate + "/attachments",
                loxo,
                Map.of(
                        "file_name", "big.txt",
                        "content_type", "text/plain",
                        "type", "OTHER",
                        "data", Base64.getMimeEncoder().encodeToString(file))); // with MIME line breaks
        assertThat(r.status()).as(r.text()).isEqualTo(201);
    }
}

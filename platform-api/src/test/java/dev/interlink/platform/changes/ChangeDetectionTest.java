package dev.interlink.platform.changes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.platform.ats.CallAccount;
import dev.interlink.platform.provider.AtsWriter;
import dev.interlink.platform.provider.RemoteKey;
import dev.interlink.platform.provider.catalog.Catalog;
import dev.interlink.platform.provider.cats.CatsWebhook;
import dev.interlink.platform.ratelimit.RateBuckets;
import dev.interlink.platform.ratelimit.RatePolicy;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import dev.interlink.platform.vault.SecretRef;
import dev.interlink.platform.vault.Vault;
import dev.interlink.sandbox.Sandbox;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Change detection end to end on one platform-api: real PostgreSQL, the in-process sandbox over real HTTP, polls run
 * directly (the scheduler is off here; {@link TwoInstancePollingTest} runs it), provider webhooks delivered by the
 * sandbox to our public inbound route. Each test has its own small sandbox account.
 */
@MicronautTest(transactional = false)
class ChangeDetectionTest extends ApiTest {
    static final Sandbox SANDBOX = Sandbox.start(0);
    static final int PORT = ChangeTesting.freePort();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Inject
    RecordingEvents events;

    @Inject
    AccountPoller poller;

    @Inject
    ProviderWebhooks webhooks;

    @Inject
    Vault vault;

    @Inject
    RateBuckets buckets;

    @Inject
    Catalog catalog;

    @Inject
    CallAccount callAccount;

    @Inject
    ChangeEngine engine;

    @Inject
    @Named("loxo")
    AtsWriter loxoWriter;

    Api api;
    TestTenant a;
    TestTenant b;
    long seed = 100;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("interlink.provider.cats.base-url", SANDBOX.baseUrl() + "/cats/v3");
        p.put("interlink.provider.loxo.base-url", SANDBOX.baseUrl() + "/loxo");
        p.put("micronaut.server.port", String.valueOf(PORT));
        p.put("interlink.public-base-url", "http://127.0.0.1:" + PORT);
        p.put("interlink.changes.enabled", "false");
        p.put("datasources.default.maximum-pool-size", "8");
        p.put("datasources.default.minimum-idle", "1");
        p.put("interlink.changes.provider-webhooks", "true");
        p.put("interlink.changes.test.record-events", "true");
        // endpoints on 127.0.0.1: nothing is delivered to them (RecordingEvents replaces the outbox here)
        p.put("interlink.dev-mode", "true");
        return p;
    }

    @BeforeAll
    void tenants() {
        api = new Api(server.getURI());
        a = TestTenants.create(tenants, api, "Changes A");
        b = TestTenants.create(tenants, api, "Changes B");
        // provider webhooks are registered only for tenants that receive ATS events
        subscribeToAts(a);
        subscribeToAts(b);
    }

    String subscribeToAts(TestTenant tenant) {
        return endpoint(tenant, List.of("ats.*"));
    }

    String endpoint(TestTenant tenant, List<String> types) {
        Api.Response r = api.post(
                "/webhook-endpoints", tenant.token(), Map.of("url", "http://127.0.0.1:9/hooks", "event_types", types));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    @AfterAll
    void stopSandbox() {
        SANDBOX.close();
    }

    /** A connected account of {@code tenant} on a fresh sandbox account. */
    record Linked(UUID id, Sandbox.AccountInfo sandbox, SandboxCats cats) {}

    Linked link(TestTenant tenant, String provider) {
        Sandbox.AccountInfo s = ChangeTesting.sandboxAccount(SANDBOX, provider, seed++, 5);
        UUID id = UUID.fromString(ChangeTesting.importAccount(api, tenant.token(), s));
        return new Linked(id, s, provider.equals("cats") ? new SandboxCats(SANDBOX, s) : null);
    }

    List<RecordingEvents.Published> of(Linked account, String type) {
        return events.ofType(type).stream()
                .filter(e -> account.id().toString().equals(e.data().get("integrated_account_id")))
                .toList();
    }

    List<RecordingEvents.Published> all(Linked account) {
        return events.all().stream()
                .filter(e -> account.id().toString().equals(e.data().get("integrated_account_id")))
                .toList();
    }

    PollRun poll(TestTenant tenant, Linked account) {
        PollRun run = poller.poll(tenant.id(), account.id());
        assertThat(run).isNotNull();
        assertThat(run.outcome()).isIn("complete", "deferred");
        return run;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    /** The status titles of a CATS workflow, by status id. */
    Map<Long, String> titles(SandboxCats cats, long workflowId) {
        Map<Long, String> out = new HashMap<>();
        cats.get("/pipelines/workflows/" + workflowId + "/statuses?per_page=100")
                .at("/_embedded/statuses")
                .forEach(s -> out.put(s.path("id").asLong(), s.path("title").asText()));
        return out;
    }

    /** Our inbound URL of the account's CATS webhook, read back from the sandbox (we only store its hash). */
    String inboundUrl(Linked account) {
        JsonNode hooks = account.cats().get("/webhooks").at("/_embedded/webhooks");
        assertThat(hooks.size()).isEqualTo(1);
        return hooks.get(0).path("target_url").asText();
    }

    String secret(TestTenant tenant, Linked account) {
        return vault.load(new SecretRef(tenant.id(), account.id(), ProviderWebhooks.PURPOSE))
                .orElseThrow()
                .get("secret");
    }

    HttpResponse<String> deliver(String url, String body, String requestId, String signature) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) r.header("X-Signature", signature);
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String signed(String secret, String body, String requestId) {
        return "HMAC-SHA256 " + CatsWebhook.signature(secret, body.getBytes(StandardCharsets.UTF_8), requestId);
    }

    static String statusChanged(long pipelineId) {
        return "{\"event\":\"pipeline.status_changed\",\"pipeline_id\":" + pipelineId
                + ",\"date\":\"2026-12-03T10:00:00+00:00\"}";
    }

    // ---- baseline ----

    @Test
    void the_first_poll_of_an_account_is_a_baseline_and_emits_nothing() {
        Linked cats = link(a, "cats");
        PollRun first = poll(a, cats);
        assertThat(first.baseline()).isTrue();
        assertThat(first.outcome()).isEqualTo("complete");
        assertThat(first.events()).isZero();
        PollRun second = poll(a, cats);
        assertThat(second.baseline()).isFalse();
        assertThat(second.events()).isZero();
        assertThat(all(cats)).isEmpty();
    }

    // ---- stage changes made by a recruiter directly in the provider ----

    @Test
    void a_recruiters_cats_stage_change_reaches_the_events_through_polling_when_no_webhook_is_registered() {
        Linked cats = link(a, "cats");
        poll(a, cats);
        SandboxCats.Pipeline p = cats.cats().firstPipeline();
        long to = cats.cats().otherStatus(p);
        Map<Long, String> titles = titles(cats.cats(), p.workflowId());

        cats.cats().move(p.id(), to);
        PollRun run = poll(a, cats);

        List<RecordingEvents.Published> changed = of(cats, "ats.application.stage_changed");
        assertThat(changed).hasSize(1);
        Map<String, Object> data = changed.get(0).data();
        assertThat(data.get("source")).isEqualTo("poll");
        assertThat(data.get("provider")).isEqualTo("cats");
        assertThat(data.get("application_id")).isEqualTo(RemoteKey.encode(String.valueOf(p.id())));
        assertThat(data.get("candidate_id")).isNotNull();
        assertThat(data.get("job_id")).isNotNull();
        assertThat(map(data.get("previous_stage")))
                .containsEntry("id", RemoteKey.encode(String.valueOf(p.workflowId()), String.valueOf(p.statusId())))
                .containsEntry("name", titles.get(p.statusId()))
                .containsKey("category");
        assertThat(map(data.get("stage")))
                .containsEntry("id", RemoteKey.encode(String.valueOf(p.workflowId()), String.valueOf(to)))
                .containsEntry("name", titles.get(to));
        assertThat(map(data.get("stage")).get("category")).isNotNull();
        assertThat(data.get("changed_at")).isNotNull();
        assertThat(run.events()).isEqualTo(1);
        assertThat(changed.get(0).tenantId()).isEqualTo(a.id());
        assertThat(changed.get(0).inTransaction())
                .as("published on the state change's transaction")
                .isTrue();

        poll(a, cats);
        assertThat(of(cats, "ats.application.stage_changed"))
                .as("the next poll finds nothing new")
                .hasSize(1);
    }

    @Test
    void a_recruiters_cats_stage_change_reaches_the_events_through_the_cats_webhook() {
        Linked cats = link(a, "cats");
        poll(a, cats);
        webhooks.reconcile(a.id(), cats.id());
        assertThat(inboundUrl(cats)).startsWith("http://127.0.0.1:" + PORT + "/inbound/cats/");
        SandboxCats.Pipeline p = cats.cats().firstPipeline();
        long to = cats.cats().otherStatus(p);

        long start = System.nanoTime();
        cats.cats().move(p.id(), to);
        List<RecordingEvents.Published> changed =
                ChangeTesting.await(() -> of(cats, "ats.application.stage_changed"), 10_000);

        assertThat(changed).hasSize(1);
        System.out.printf(
                "[measure] CATS webhook path: stage change -> event in %d ms%n",
                (changed.get(0).atNanos() - start) / 1_000_000);
        Map<String, Object> data = changed.get(0).data();
        assertThat(data.get("source")).isEqualTo("provider_webhook");
        assertThat(map(data.get("previous_stage")).get("id"))
                .isEqualTo(RemoteKey.encode(String.valueOf(p.workflowId()), String.valueOf(p.statusId())));
        assertThat(map(data.get("stage")).get("id"))
                .isEqualTo(RemoteKey.encode(String.valueOf(p.workflowId()), String.valueOf(to)));
        assertThat(changed.get(0).inTransaction()).isTrue();

        poll(a, cats);
        assertThat(of(cats, "ats.application.stage_changed"))
                .as("the poll after the webhook does not emit it again")
                .hasSize(1);
    }

    @Test
    void a_recruiters_loxo_stage_change_reaches_the_events_through_polling() {
        Linked loxo = link(a, "loxo");
        poll(a, loxo);
        String hired = RemoteKey.encode("318337");
        JsonNode app = null;
        for (JsonNode x : api.get("/unified/ats/applications?limit=50&integrated_account_id=" + loxo.id(), a.token())
                .json()
                .path("result")) {
            if (!hired.equals(x.at("/current_stage/id").asText())) {
                app = x;
                break;
            }
        }
        assertThat(app).as("an application not yet hired").isNotNull();
        String from = app.at("/current_stage/id").asText();

        // the recruiter, in Loxo: a person event that moves the candidate (not through Interlink's write routes)
        loxoWriter.moveStage(
                callAccount.resolve(a.id(), loxo.id().toString()),
                RemoteKey.decode(app.path("id").asText(), 2, "/id"),
                RemoteKey.of("318337"),
                false);
        PollRun run = poll(a, loxo);
        long ms = java.time.Duration.between(run.startedAt(), run.finishedAt()).toMillis();
        System.out.printf(
                "[measure] Loxo poll of 5 people: %d calls in %d ms = %.0f%% of the 4/s rate over the poll"
                        + " (reserve %d of %d tokens), %s%n",
                run.calls(),
                ms,
                100.0 * run.calls() / Math.max(1, 4.0 * ms / 1000),
                run.reserved(),
                run.budgetLimit(),
                run.outcome());

        List<RecordingEvents.Published> changed = of(loxo, "ats.application.stage_changed");
        assertThat(changed).hasSize(1);
        Map<String, Object> data = changed.get(0).data();
        assertThat(data.get("source")).isEqualTo("poll");
        assertThat(data.get("provider")).isEqualTo("loxo");
        assertThat(data.get("application_id")).isEqualTo(app.path("id").asText());
        assertThat(map(data.get("previous_stage")).get("id")).isEqualTo(from);
        assertThat(map(data.get("stage")))
                .containsEntry("id", hired)
                .containsEntry("name", "Hired")
                .containsEntry("category", "HIRED");
    }

    // ---- our own writes ----

    @Test
    void an_interlink_stage_move_emits_once_at_once_and_the_next_poll_does_not_emit_it_again() {
        Linked cats = link(a, "cats");
        poll(a, cats);
        SandboxCats.Pipeline p = cats.cats().firstPipeline();
        long to = cats.cats().otherStatus(p);
        String stage = RemoteKey.encode(String.valueOf(p.workflowId()), String.valueOf(to));

        Api.Response moved = api.post(
                "/unified/ats/applications/" + RemoteKey.encode(String.valueOf(p.id())) + "/move-stage"
                        + "?integrated_account_id=" + cats.id(),
                a.token(),
                Map.of("stage_id", stage));
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);

        List<RecordingEvents.Published> changed = of(cats, "ats.application.stage_changed");
        assertThat(changed).as("published before the write route answered").hasSize(1);
        assertThat(changed.get(0).data().get("source")).isEqualTo("interlink_write");
        assertThat(map(changed.get(0).data().get("stage")).get("id")).isEqualTo(stage);
        assertThat(map(changed.get(0).data().get("previous_stage")).get("id"))
                .isEqualTo(RemoteKey.encode(String.valueOf(p.workflowId()), String.valueOf(p.statusId())));

        PollRun run = poll(a, cats);
        assertThat(run.events()).isZero();
        assertThat(of(cats, "ats.application.stage_changed")).hasSize(1);
    }

    @Test
    void an_interlink_created_candidate_emits_created_once_and_the_next_poll_emits_nothing_for_it() {
        Linked cats = link(a, "cats");
        poll(a, cats);
        Api.Response created = api.post(
                "/unified/ats/candidates?integrated_account_id=" + cats.id(),
                a.token(),
                Map.of(
                        "first_name",
                        "Ada",
                        "last_name",
                        "Events",
                        "emails",
                        List.of(Map.of("email", "ada.events@example.com", "type", "PERSONAL"))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().path("id").asText();

        List<RecordingEvents.Published> made = of(cats, "ats.candidate.created");
        assertThat(made).hasSize(1);
        assertThat(made.get(0).data()).containsEntry("candidate_id", id).containsEntry("source", "interlink_write");
        assertThat(map(made.get(0).data().get("record"))).containsEntry("id", id);

        PollRun run = poll(a, cats);
        assertThat(run.events()).as(all(cats).toString()).isZero();
        assertThat(all(cats)).hasSize(1);
    }

    // ---- inbound webhook security and dedupe ----

    @Test
    void a_webhook_with_a_bad_signature_is_refused_like_an_unknown_token_and_emits_nothing() throws Exception {
        Linked cats = link(a, "cats");
        poll(a, cats);
        webhooks.reconcile(a.id(), cats.id());
        String url = inboundUrl(cats);
        cats.cats().deleteWebhooks(); // only our forged deliveries arrive
        SandboxCats.Pipeline p = cats.cats().firstPipeline();
        cats.cats().move(p.id(), cats.cats().otherStatus(p));
        String body = statusChanged(p.id());
        String rid = UUID.randomUUID().toString();

        HttpResponse<String> forged = deliver(url, body, rid, signed("not-the-secret", body, rid));
        HttpResponse<String> unsigned = deliver(url, body, rid, null);
        HttpResponse<String> unknown =
                deliver(url.substring(0, url.lastIndexOf('/') + 1) + "x" + UUID.randomUUID(), body, rid, null);

        assertThat(forged.statusCode()).isEqualTo(404);
        assertThat(unsigned.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(SandboxCats.JSON.readTree(forged.body()).path("detail"))
                .isEqualTo(SandboxCats.JSON.readTree(unknown.body()).path("detail"));
        ChangeTesting.sleep(200);
        assertThat(all(cats)).isEmpty();
    }

    @Test
    void a_duplicate_provider_webhook_emits_once() throws Exception {
        Linked cats = link(a, "cats");
        poll(a, cats);
        webhooks.reconcile(a.id(), cats.id());
        String url = inboundUrl(cats);
        String secret = secret(a, cats);
        cats.cats().deleteWebhooks(); // the deliveries below are ours, replayed exactly
        SandboxCats.Pipeline p = cats.cats().firstPipeline();
        cats.cats().move(p.id(), cats.cats().otherStatus(p));
        String body = statusChanged(p.id());
        String rid = UUID.randomUUID().toString();

        HttpResponse<String> first = deliver(url, body, rid, signed(secret, body, rid));
        HttpResponse<String> again = deliver(url, body, rid, signed(secret, body, rid));
        String rid2 = UUID.randomUUID().toString(); // a second delivery of the same change (another request id)
        HttpResponse<String> other = deliver(url, body, rid2, signed(secret, body, rid2));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("accepted");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("duplicate");
        assertThat(other.statusCode()).isEqualTo(200);
        List<RecordingEvents.Published> changed = of(cats, "ats.application.stage_changed");
        assertThat(changed).hasSize(1);
        assertThat(changed.get(0).data().get("source")).isEqualTo("provider_webhook");
        assertThat(changed.get(0).data().get("changed_at")).isEqualTo("2026-12-03T10:00:00Z");
    }

    @Test
    void an_inbound_token_of_account_a_cannot_inject_events_for_account_b_of_another_tenant() throws Exception {
        Linked mine = link(a, "cats");
        Linked theirs = link(b, "cats");
        poll(a, mine);
        poll(b, theirs);
        webhooks.reconcile(a.id(), mine.id());
        webhooks.reconcile(b.id(), theirs.id());
        String urlA = inboundUrl(mine);
        String secretA = secret(a, mine);
        String secretB = secret(b, theirs);
        mine.cats().deleteWebhooks();
        theirs.cats().deleteWebhooks();
        SandboxCats.Pipeline pb = theirs.cats().firstPipeline();
        theirs.cats().move(pb.id(), theirs.cats().otherStatus(pb)); // a real change waiting in B's account
        String body = statusChanged(pb.id());

        String r1 = UUID.randomUUID().toString();
        HttpResponse<String> withA = deliver(urlA, body, r1, signed(secretA, body, r1));
        String r2 = UUID.randomUUID().toString();
        HttpResponse<String> withB = deliver(urlA, body, r2, signed(secretB, body, r2));

        assertThat(withA.statusCode()).isEqualTo(200); // valid for A: it is read with A's credentials, in A
        assertThat(withB.statusCode()).isEqualTo(404); // B's secret does not open A's endpoint
        ChangeTesting.sleep(200);
        assertThat(all(theirs)).isEmpty();
        assertThat(events.all()).noneMatch(e -> e.tenantId().equals(b.id()));
        assertThat(all(mine))
                .as("A's pipeline with that id, if any, did not change")
                .isEmpty();
    }

    @Test
    void deleting_an_account_removes_its_webhook_at_cats() {
        Linked cats = link(a, "cats");
        webhooks.reconcile(a.id(), cats.id());
        assertThat(cats.cats().webhookCount()).isEqualTo(1);
        assertThat(api.delete("/integrated-accounts/" + cats.id(), a.token()).status())
                .isEqualTo(204);
        assertThat(cats.cats().webhookCount()).isZero();
    }

    @Test
    @DisplayName("A tenant whose endpoints receive no ATS event gets no webhook at the provider")
    void no_provider_webhook_without_an_ats_endpoint() {
        TestTenant c = TestTenants.create(tenants, api, "Changes C");
        endpoint(c, List.of("integrated_account.*"));
        Linked cats = link(c, "cats");
        webhooks.reconcile(c.id(), cats.id());
        assertThat(cats.cats().webhookCount()).isZero();
    }

    @Test
    @DisplayName("The provider webhook is removed once the tenant's last ATS endpoint is disabled, and comes back")
    void provider_webhook_follows_the_tenants_ats_endpoints() {
        TestTenant c = TestTenants.create(tenants, api, "Changes D");
        String endpoint = endpoint(c, List.of("ats.application.stage_changed"));
        Linked cats = link(c, "cats");
        webhooks.reconcile(c.id(), cats.id());
        assertThat(cats.cats().webhookCount()).isEqualTo(1);

        assertThat(api.patch("/webhook-endpoints/" + endpoint, c.token(), Map.of("status", "disabled"))
                        .status())
                .isEqualTo(200);
        webhooks.reconcile(c.id(), cats.id());
        assertThat(cats.cats().webhookCount()).isZero();
        assertThat(vault.load(new SecretRef(c.id(), cats.id(), ProviderWebhooks.PURPOSE)))
                .as("the signing secret of the removed webhook")
                .isEmpty();

        endpoint(c, List.of("*"));
        webhooks.reconcile(c.id(), cats.id());
        assertThat(cats.cats().webhookCount()).isEqualTo(1);
    }

    // ---- budget share ----

    @Test
    void the_poller_stays_under_its_share_of_the_accounts_budget_and_leaves_the_reserve_to_the_tenant() {
        Linked cats = link(a, "cats");
        PollRun baseline = poll(a, cats);
        assertThat(baseline.budgetLimit()).isEqualTo(500);
        assertThat(baseline.reserved()).isEqualTo(250);
        assertThat(baseline.calls()).isLessThanOrEqualTo(baseline.budgetLimit() - baseline.reserved());
        PollRun steady = poll(a, cats);
        System.out.printf(
                "[measure] CATS poll of 5 candidates: baseline %d calls, steady tick %d calls = %.1f%% of the"
                        + " 500/h budget (share 50%%)%n",
                baseline.calls(), steady.calls(), 100.0 * steady.calls() / steady.budgetLimit());

        // the tenant's own traffic has used the budget down to the reserve
        String key = "cats:" + cats.id();
        RatePolicy policy = BudgetShare.counted(
                RatePolicy.of(catalog.find("cats").orElseThrow().rateLimit()));
        while (buckets.remaining(key, policy) > baseline.reserved()) buckets.tryAcquire(key, policy);
        int before = buckets.remaining(key, policy);

        PollRun deferred = poll(a, cats);
        assertThat(deferred.deferred()).isTrue();
        assertThat(deferred.outcome()).isEqualTo("deferred");
        assertThat(deferred.calls()).isZero();
        assertThat(buckets.remaining(key, policy)).isEqualTo(before);
        Api.Response tenantCall =
                api.get("/unified/ats/candidates?limit=1&integrated_account_id=" + cats.id(), a.token());
        assertThat(tenantCall.status())
                .as("the tenant's own call still goes through")
                .isEqualTo(200);
    }

    @Test
    void a_tenant_reads_what_each_poll_spent_and_another_tenant_gets_404_for_the_same_account() {
        Linked cats = link(a, "cats");
        PollRun run = poll(a, cats);

        Api.Response mine = api.get("/integrated-accounts/" + cats.id() + "/change-polls", a.token());
        assertThat(mine.status()).as(mine.text()).isEqualTo(200);
        JsonNode last = mine.json().at("/result/0");
        assertThat(last.path("calls").asInt()).isEqualTo(run.calls());
        assertThat(last.path("budget_limit").asInt()).isEqualTo(500);
        assertThat(last.path("reserved").asInt()).isEqualTo(250);
        assertThat(last.path("baseline").asBoolean()).isTrue();
        assertThat(last.path("outcome").asText()).isEqualTo("complete");

        Api.Response theirs = api.get("/integrated-accounts/" + cats.id() + "/change-polls", b.token());
        assertThat(theirs.status()).isEqualTo(404);
    }

    @Test
    void interlink_writes_on_loxo_emit_once_each_and_the_next_poll_emits_nothing_for_them() {
        Linked loxo = link(a, "loxo");
        poll(a, loxo);
        Api.Response created = api.post(
                "/unified/ats/candidates?integrated_account_id=" + loxo.id(),
                a.token(),
                Map.of(
                        "first_name",
                        "Grace",
                        "last_name",
                        "Events",
                        "emails",
                        List.of(Map.of("email", "grace.events@example.com", "type", "PERSONAL"))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String candidate = created.json().path("id").asText();
        Api.Response uploaded = api.post(
                "/unified/ats/candidates/" + candidate + "/attachments?integrated_account_id=" + loxo.id(),
                a.token(),
                Map.of(
                        "file_name", "cv.pdf",
                        "content_type", "application/pdf",
                        "type", "RESUME",
                        "data", java.util.Base64.getEncoder().encodeToString("%PDF-1.4 cv".getBytes())));
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);

        assertThat(of(loxo, "ats.candidate.created")).hasSize(1);
        List<RecordingEvents.Published> files = of(loxo, "ats.attachment.created");
        assertThat(files).hasSize(1);
        assertThat(files.get(0).data())
                .containsEntry("attachment_id", uploaded.json().path("id").asText())
                .containsEntry("candidate_id", candidate)
                .containsEntry("source", "interlink_write");

        PollRun run = poll(a, loxo);
        assertThat(run.events()).as(all(loxo).toString()).isZero();
        assertThat(all(loxo)).hasSize(2);
    }

    @Test
    void a_file_a_recruiter_adds_to_a_loxo_person_is_found_by_the_next_poll() {
        Linked loxo = link(a, "loxo");
        poll(a, loxo);
        String candidate = api.get("/unified/ats/candidates?limit=1&integrated_account_id=" + loxo.id(), a.token())
                .json()
                .at("/result/0/id")
                .asText();
        RemoteKey file = loxoWriter.uploadAttachment(
                callAccount.resolve(a.id(), loxo.id().toString()),
                RemoteKey.decode(candidate, 1, "/id").part(0),
                new AtsWriter.FileInput("notes.txt", "text/plain", "OTHER", "hello".getBytes()));

        poll(a, loxo);

        List<RecordingEvents.Published> files = of(loxo, "ats.attachment.created");
        assertThat(files).hasSize(1);
        assertThat(files.get(0).data()).containsEntry("candidate_id", candidate).containsEntry("source", "poll");
        if (file != null) assertThat(files.get(0).data()).containsEntry("attachment_id", file.id());
    }

    @Test
    void two_sources_observing_the_same_change_at_the_same_moment_emit_it_once() throws Exception {
        Linked cats = link(a, "cats");
        poll(a, cats);
        SandboxCats.Pipeline p = cats.cats().firstPipeline();
        cats.cats().move(p.id(), cats.cats().otherStatus(p));
        JsonNode record = api.get(
                        "/unified/ats/applications/" + RemoteKey.encode(String.valueOf(p.id()))
                                + "?integrated_account_id=" + cats.id(),
                        a.token())
                .json();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Source source = i % 2 == 0 ? Source.POLL : Source.PROVIDER_WEBHOOK;
                results.add(pool.submit(() -> engine.observe(new ChangeEngine.Observation(
                        a.id(),
                        cats.id(),
                        "cats",
                        dev.interlink.platform.provider.AtsResource.APPLICATIONS,
                        record,
                        source,
                        false,
                        false,
                        null))));
            }
            int emitted = 0;
            for (var f : results) emitted += f.get();
            assertThat(emitted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(of(cats, "ats.application.stage_changed")).hasSize(1);
    }

    @Test
    void a_pipeline_a_recruiter_creates_in_cats_is_announced_as_an_application_created_by_the_next_poll() {
        Linked cats = link(a, "cats");
        poll(a, cats);
        SandboxCats.Pipeline existing = cats.cats().firstPipeline();
        JsonNode pipeline = cats.cats().get("/pipelines/" + existing.id());
        long candidate = pipeline.path("candidate_id").asLong();
        long job = 0;
        for (JsonNode j : cats.cats().get("/jobs?per_page=10").at("/_embedded/jobs")) {
            if (j.path("id").asLong() != pipeline.path("job_id").asLong())
                job = j.path("id").asLong();
        }
        SandboxCats.Result made =
                cats.cats().send("POST", "/pipelines", "{\"candidate_id\":" + candidate + ",\"job_id\":" + job + "}");
        assertThat(made.status()).isEqualTo(201);

        PollRun run = poll(a, cats);

        List<RecordingEvents.Published> created = of(cats, "ats.application.created");
        assertThat(created).hasSize(1);
        assertThat(created.get(0).data())
                .containsEntry("candidate_id", RemoteKey.encode(String.valueOf(candidate)))
                .containsEntry("job_id", RemoteKey.encode(String.valueOf(job)))
                .containsEntry("source", "poll");
        assertThat(map(created.get(0).data().get("stage")).get("name")).isNotNull();
        assertThat(run.calls())
                .as("the feed names the one new pipeline: no full listing")
                .isLessThanOrEqualTo(3);
    }

    @Test
    void an_oversized_webhook_body_is_refused_with_413_before_anything_is_looked_up() throws Exception {
        String body = "{\"event\":\"candidate.updated\",\"pad\":\"" + "x".repeat(300_000) + "\"}";
        HttpResponse<String> r = deliver(
                "http://127.0.0.1:" + PORT + "/inbound/cats/" + UUID.randomUUID(), body, "r-1", "HMAC-SHA256 00");
        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    void a_flood_on_one_inbound_url_is_answered_429() throws Exception {
        String url = "http://127.0.0.1:" + PORT + "/inbound/cats/" + UUID.randomUUID();
        int limited = 0;
        for (int i = 0; i < 80; i++) {
            if (deliver(url, "{}", "r-" + i, null).statusCode() == 429) limited++;
        }
        assertThat(limited).isGreaterThan(0);
    }
}

package dev.interlink.admin.api;

import dev.interlink.admin.api.Dtos.Account;
import dev.interlink.admin.api.Dtos.AccountQuery;
import dev.interlink.admin.api.Dtos.ApiClient;
import dev.interlink.admin.api.Dtos.CreatedClient;
import dev.interlink.admin.api.Dtos.FieldError;
import dev.interlink.admin.api.Dtos.LinkToken;
import dev.interlink.admin.api.Dtos.LogQuery;
import dev.interlink.admin.api.Dtos.Overview;
import dev.interlink.admin.api.Dtos.Page;
import dev.interlink.admin.api.Dtos.RequestLog;
import dev.interlink.admin.api.Dtos.Session;
import dev.interlink.admin.api.Dtos.TenantSettings;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An in-memory platform-api of one tenant, with one admin ({@link #EMAIL} / {@link #PASSWORD}). */
public class FakePlatformAdminClient implements PlatformAdminClient {
    public static final String WORKSPACE = "acme-recruiting";
    public static final String EMAIL = "admin@acme.test";
    public static final String PASSWORD = "a long enough password";
    public static final String TOKEN = "admin-token";

    public TenantSettings tenant = new TenantSettings(UUID.randomUUID(), "acme", "Acme Recruiting", List.of());
    public final List<ApiClient> clients = new ArrayList<>();
    public final Map<UUID, Account> accounts = new LinkedHashMap<>();
    public final List<RequestLog> logs = new ArrayList<>();
    public Overview overview = new Overview(List.of(), List.of(), List.of(), List.of());
    public final List<AccountQuery> accountQueries = new ArrayList<>();
    public final List<LogQuery> logQueries = new ArrayList<>();
    public int accountPageCalls;
    public boolean tokenExpired;

    @Override
    public URI baseUri() {
        return URI.create("http://api.test");
    }

    private void check(String token) {
        if (tokenExpired || !TOKEN.equals(token)) {
            throw new PlatformProblem(401, "PLATFORM.AUTHENTICATION_INVALID", "A valid bearer token is required", null);
        }
    }

    private static PlatformProblem notFound() {
        return new PlatformProblem(404, "PLATFORM.NOT_FOUND", "Not found", null);
    }

    @Override
    public Session signIn(String workspace, String email, String password) {
        if (!WORKSPACE.equals(workspace) || !EMAIL.equals(email) || !PASSWORD.equals(password)) {
            throw new PlatformProblem(
                    401, "PLATFORM.AUTHENTICATION_INVALID", "Wrong workspace, email or password", null);
        }
        return new Session(TOKEN, 900, tenant.displayName(), EMAIL);
    }

    @Override
    public TenantSettings tenant(String token) {
        check(token);
        return tenant;
    }

    @Override
    public TenantSettings updateTenant(String token, String displayName, List<String> allowedOrigins) {
        check(token);
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < allowedOrigins.size(); i++) {
            if (!allowedOrigins.get(i).startsWith("https://")) {
                errors.add(new FieldError("/allowed_origins/" + i, "must use https"));
            }
        }
        if (!errors.isEmpty()) {
            throw new PlatformProblem(400, "PLATFORM.INPUT_INVALID", "invalid", errors);
        }
        tenant = new TenantSettings(tenant.id(), tenant.name(), displayName, allowedOrigins);
        return tenant;
    }

    @Override
    public List<ApiClient> apiClients(String token) {
        check(token);
        return List.copyOf(clients);
    }

    @Override
    public CreatedClient createApiClient(String token, String name, List<String> scopes) {
        check(token);
        ApiClient client = new ApiClient(UUID.randomUUID(), "cl_" + clients.size(), name, scopes, Instant.now(), null);
        clients.add(client);
        return new CreatedClient(client, "secret-of-" + name);
    }

    @Override
    public String rotateSecret(String token, UUID apiClientId) {
        check(token);
        clients.stream()
                .filter(c -> c.id().equals(apiClientId))
                .findAny()
                .orElseThrow(FakePlatformAdminClient::notFound);
        return "rotated-secret";
    }

    @Override
    public void revokeApiClient(String token, UUID apiClientId) {
        check(token);
        clients.replaceAll(c -> c.id().equals(apiClientId)
                ? new ApiClient(c.id(), c.clientId(), c.name(), c.scopes(), c.createdAt(), Instant.now())
                : c);
    }

    @Override
    public Overview overview(String token) {
        check(token);
        return overview;
    }

    public Account addAccount(String provider, String endUserId, String status) {
        Account a = new Account(
                UUID.randomUUID(),
                provider,
                new Dtos.EndUser(endUserId, "User " + endUserId, null),
                status,
                null,
                Instant.now(),
                Map.of(),
                Instant.now(),
                Instant.now(),
                null);
        accounts.put(a.id(), a);
        return a;
    }

    @Override
    public Page<Account> accounts(String token, AccountQuery query, String cursor, int limit) {
        check(token);
        accountQueries.add(query);
        accountPageCalls++;
        List<Account> matching = accounts.values().stream()
                .filter(a -> query.provider() == null || a.provider().equals(query.provider()))
                .filter(a -> query.status() == null || a.status().equals(query.status()))
                .filter(a -> query.endUserId() == null || a.endUserId().equals(query.endUserId()))
                .toList();
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        int to = Math.min(matching.size(), from + limit);
        return new Page<>(matching.subList(from, to), to < matching.size() ? String.valueOf(to) : null);
    }

    @Override
    public Account account(String token, UUID id) {
        check(token);
        Account a = accounts.get(id);
        if (a == null) {
            throw notFound();
        }
        return a;
    }

    @Override
    public Account setAccountEnabled(String token, UUID id, boolean enabled) {
        Account a = account(token, id);
        Account updated = new Account(
                a.id(),
                a.provider(),
                a.endUser(),
                enabled ? "active" : "disabled",
                enabled ? "enabled by the tenant" : "disabled by the tenant",
                Instant.now(),
                a.context(),
                a.createdAt(),
                Instant.now(),
                a.lastUsedAt());
        history.computeIfAbsent(id, k -> new ArrayList<>())
                .add(new Dtos.StatusChange(updated.status(), updated.statusReason(), updated.statusChangedAt()));
        accounts.put(id, updated);
        return updated;
    }

    public final Map<UUID, List<Dtos.StatusChange>> history = new LinkedHashMap<>();
    public Dtos.ConnectionTest connectionTest = new Dtos.ConnectionTest(true, 200, "Connection OK", 12L);

    @Override
    public List<Dtos.StatusChange> statusHistory(String token, UUID id) {
        account(token, id);
        return List.copyOf(history.getOrDefault(id, List.of()));
    }

    @Override
    public void deleteAccount(String token, UUID id) {
        account(token, id);
        accounts.remove(id);
    }

    @Override
    public List<Dtos.Integration> integrations(String token) {
        check(token);
        return List.of(new Dtos.Integration("cats", "CATS"), new Dtos.Integration("loxo", "Loxo"));
    }

    /** What {@link #capabilities} answers for every account; tests replace it. */
    public Map<String, Object> capabilities = Map.of(
            "resources",
            Map.of(
                    "candidates",
                    Map.of("operations", List.of("list", "get"), "write_operations", List.of("create", "update"))));

    @Override
    public Map<String, Object> capabilities(String token, UUID id) {
        check(token);
        return capabilities;
    }

    @Override
    public LinkToken reauthorizationLink(String token, Account account) {
        check(token);
        return new LinkToken(
                "lt", "http://link.test/link?link_token=lt", Instant.now().plusSeconds(1800));
    }

    @Override
    public Dtos.ConnectionTest testConnection(String token, UUID id) {
        account(token, id);
        return connectionTest;
    }

    @Override
    public Page<RequestLog> logs(String token, LogQuery query, String cursor, int limit) {
        check(token);
        logQueries.add(query);
        List<RequestLog> matching = logs.stream()
                .filter(l -> query.accountId() == null || query.accountId().equals(l.accountId()))
                .filter(l -> query.status() == null
                        || query.status().equals(String.valueOf(l.status()))
                        || query.status().equals(l.status() / 100 + "xx"))
                .toList();
        return new Page<>(matching.subList(0, Math.min(limit, matching.size())), null);
    }

    // --- webhooks ---

    public final Map<UUID, Dtos.WebhookEndpoint> webhookEndpoints = new LinkedHashMap<>();
    public final Map<UUID, Dtos.WebhookDelivery> webhookDeliveries = new LinkedHashMap<>();
    public final List<Dtos.DeliveryQuery> deliveryQueries = new ArrayList<>();
    public final List<UUID> retried = new ArrayList<>();
    public final List<Instant> replayedSince = new ArrayList<>();
    public int testsSent;

    public Dtos.WebhookEndpoint addWebhookEndpoint(String url, String status, String disabledReason) {
        Dtos.WebhookEndpoint e = new Dtos.WebhookEndpoint(
                UUID.randomUUID(),
                url,
                List.of("*"),
                null,
                status,
                disabledReason,
                null,
                null,
                Instant.now(),
                Instant.now());
        webhookEndpoints.put(e.id(), e);
        return e;
    }

    public Dtos.WebhookDelivery addWebhookDelivery(UUID endpointId, String eventType, String status) {
        Dtos.WebhookDelivery d = new Dtos.WebhookDelivery(
                UUID.randomUUID(),
                "msg_" + UUID.randomUUID().toString().substring(0, 8),
                eventType,
                endpointId,
                status,
                1,
                null,
                503,
                null,
                Instant.now(),
                List.of(new Dtos.WebhookAttempt(Instant.now(), 503, 12, "busy", null)),
                null);
        webhookDeliveries.put(d.id(), d);
        return d;
    }

    private Dtos.WebhookEndpoint endpoint(String token, UUID id) {
        check(token);
        Dtos.WebhookEndpoint e = webhookEndpoints.get(id);
        if (e == null) {
            throw notFound();
        }
        return e;
    }

    @Override
    public List<Dtos.WebhookEventType> webhookEventTypes(String token) {
        check(token);
        return List.of(
                new Dtos.WebhookEventType("integrated_account.needs_reauth", "needs re-authorization"),
                new Dtos.WebhookEventType("ats.job.created", "a new job"),
                new Dtos.WebhookEventType("webhook.test", "test"));
    }

    @Override
    public Page<Dtos.WebhookEndpoint> webhookEndpoints(String token, String cursor, int limit) {
        check(token);
        return new Page<>(List.copyOf(webhookEndpoints.values()), null);
    }

    @Override
    public Dtos.CreatedWebhookEndpoint createWebhookEndpoint(
            String token, String url, List<String> eventTypes, String description) {
        check(token);
        List<FieldError> errors = new ArrayList<>();
        if (!url.startsWith("https://")) {
            errors.add(new FieldError("/url", "must use https"));
        }
        if (eventTypes.isEmpty()) {
            errors.add(new FieldError("/event_types", "is required"));
        }
        if (!errors.isEmpty()) {
            throw new PlatformProblem(400, "PLATFORM.INPUT_INVALID", errors.size() + " fields are invalid", errors);
        }
        Dtos.WebhookEndpoint e = new Dtos.WebhookEndpoint(
                UUID.randomUUID(),
                url,
                eventTypes,
                description,
                "active",
                null,
                null,
                null,
                Instant.now(),
                Instant.now());
        webhookEndpoints.put(e.id(), e);
        return new Dtos.CreatedWebhookEndpoint(e, "whsec_secret-of-" + url);
    }

    @Override
    public Dtos.WebhookEndpoint setWebhookEndpointEnabled(String token, UUID id, boolean enabled) {
        Dtos.WebhookEndpoint e = endpoint(token, id);
        Dtos.WebhookEndpoint changed = new Dtos.WebhookEndpoint(
                e.id(),
                e.url(),
                e.eventTypes(),
                e.description(),
                enabled ? "active" : "disabled",
                enabled ? null : Dtos.WebhookEndpoint.DISABLED_BY_TENANT,
                null,
                null,
                e.createdAt(),
                Instant.now());
        webhookEndpoints.put(id, changed);
        return changed;
    }

    @Override
    public String rotateWebhookSecret(String token, UUID id) {
        endpoint(token, id);
        return "whsec_rotated";
    }

    @Override
    public void deleteWebhookEndpoint(String token, UUID id) {
        endpoint(token, id);
        webhookEndpoints.remove(id);
    }

    @Override
    public Dtos.WebhookDelivery sendWebhookTest(String token, UUID id) {
        endpoint(token, id);
        testsSent++;
        return addWebhookDelivery(id, "webhook.test", "pending");
    }

    @Override
    public Page<Dtos.WebhookDelivery> webhookDeliveries(
            String token, UUID endpointId, Dtos.DeliveryQuery query, String cursor, int limit) {
        endpoint(token, endpointId);
        deliveryQueries.add(query);
        List<Dtos.WebhookDelivery> matching = webhookDeliveries.values().stream()
                .filter(d -> d.endpointId().equals(endpointId))
                .filter(d -> query.status() == null || query.status().equals(d.status()))
                .filter(d -> query.eventType() == null || query.eventType().equals(d.eventType()))
                .toList();
        return new Page<>(matching.subList(0, Math.min(limit, matching.size())), null);
    }

    @Override
    public Dtos.WebhookDelivery webhookDelivery(String token, UUID deliveryId) {
        check(token);
        Dtos.WebhookDelivery d = webhookDeliveries.get(deliveryId);
        if (d == null) {
            throw notFound();
        }
        return new Dtos.WebhookDelivery(
                d.id(),
                d.eventId(),
                d.eventType(),
                d.endpointId(),
                d.status(),
                d.attemptCount(),
                d.nextAttemptAt(),
                d.lastStatusCode(),
                d.lastError(),
                d.createdAt(),
                d.attempts(),
                new Dtos.WebhookRequest(
                        Map.of("webhook-id", d.eventId(), "webhook-signature", "v1,c2lnbmF0dXJl"),
                        "{\"type\":\"" + d.eventType() + "\"}"));
    }

    @Override
    public Dtos.WebhookDelivery retryWebhookDelivery(String token, UUID deliveryId) {
        Dtos.WebhookDelivery d = webhookDelivery(token, deliveryId);
        retried.add(deliveryId);
        return addWebhookDelivery(d.endpointId(), d.eventType(), "pending");
    }

    @Override
    public int replayWebhookEvents(String token, UUID endpointId, Instant since) {
        endpoint(token, endpointId);
        replayedSince.add(since);
        return 3;
    }

    // ---- imports: an in-memory tenant whose runs advance when a test says so ----

    public static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    public final List<com.fasterxml.jackson.databind.node.ObjectNode> importList = new ArrayList<>();
    public final Map<UUID, List<com.fasterxml.jackson.databind.node.ObjectNode>> runsByImport = new LinkedHashMap<>();
    public final Map<UUID, List<com.fasterxml.jackson.databind.node.ObjectNode>> feedsByImport = new LinkedHashMap<>();
    public final Map<UUID, List<com.fasterxml.jackson.databind.node.ObjectNode>> rulesByImport = new LinkedHashMap<>();
    public final Map<UUID, List<com.fasterxml.jackson.databind.node.ObjectNode>> snapshotsByImport =
            new LinkedHashMap<>();
    public com.fasterxml.jackson.databind.JsonNode nextDiff = JSON.createObjectNode();

    @Override
    public com.fasterxml.jackson.databind.JsonNode imports(String token) {
        check(token);
        return JSON.createObjectNode().set("result", JSON.valueToTree(importList));
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode createImport(String token, Map<String, Object> body) {
        check(token);
        List<FieldError> errors = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<String> fields = (List<String>) body.get("fields");
        for (int i = 0; i < fields.size(); i++) {
            if (!importFields(token, String.valueOf(body.get("resource"))).contains(fields.get(i))) {
                errors.add(new FieldError("/fields/" + i, "is not a field of candidates"));
            }
        }
        if (fields.isEmpty()) errors.add(new FieldError("/fields", "is required"));
        if (!errors.isEmpty()) throw new PlatformProblem(400, "PLATFORM.INPUT_INVALID", "invalid", errors);
        com.fasterxml.jackson.databind.node.ObjectNode i = JSON.valueToTree(body);
        i.put("id", UUID.randomUUID().toString());
        if (!i.has("name")) i.put("name", String.valueOf(body.get("resource")));
        i.put("provider", "cats");
        importList.add(0, i);
        return i;
    }

    @Override
    public List<String> importFields(String token, String resource) {
        check(token);
        return List.of("id", "first_name", "last_name", "emails.0.email");
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode runImport(String token, UUID importId) {
        check(token);
        com.fasterxml.jackson.databind.node.ObjectNode run = JSON.createObjectNode();
        run.put("id", UUID.randomUUID().toString()).put("status", "running").put("records_read", 0);
        run.putObject("progress")
                .put("done", 0)
                .put("total_estimate", 1000)
                .put("percent", 0.0)
                .put("eta", "2026-12-04T02:00:00Z")
                .put("waiting_for_budget", false);
        runsByImport.computeIfAbsent(importId, k -> new ArrayList<>()).add(0, run);
        return run;
    }

    /** The import's newest run reads {@code records} of its 1,000. */
    public void advance(UUID importId, int records) {
        com.fasterxml.jackson.databind.node.ObjectNode run =
                runsByImport.get(importId).get(0);
        run.put("records_read", records);
        ((com.fasterxml.jackson.databind.node.ObjectNode) run.path("progress"))
                .put("done", records)
                .put("percent", records / 10.0);
        if (records >= 1000) run.put("status", "succeeded");
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode importRuns(String token, UUID importId) {
        check(token);
        return JSON.createObjectNode().set("result", JSON.valueToTree(runsByImport.getOrDefault(importId, List.of())));
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode snapshots(String token, UUID importId) {
        check(token);
        return JSON.createObjectNode()
                .set("result", JSON.valueToTree(snapshotsByImport.getOrDefault(importId, List.of())));
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode snapshotDiff(String token, UUID snapshotId, UUID against) {
        check(token);
        return nextDiff;
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode createFeed(String token, UUID importId) {
        check(token);
        com.fasterxml.jackson.databind.node.ObjectNode feed = JSON.createObjectNode()
                .put("id", UUID.randomUUID().toString())
                .put("import_id", importId.toString())
                .put("expires_at", "2027-03-04T00:00:00Z")
                .put("created_at", "2026-12-04T00:00:00Z")
                .putNull("revoked_at");
        feedsByImport.computeIfAbsent(importId, k -> new ArrayList<>()).add(feed);
        return feed.deepCopy().put("url", "http://api.test/feeds/feed_secret");
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode feeds(String token, UUID importId) {
        check(token);
        // as platform-api: revoked feeds are not listed
        return JSON.createObjectNode()
                .set(
                        "result",
                        JSON.valueToTree(feedsByImport.getOrDefault(importId, List.of()).stream()
                                .filter(f -> f.path("revoked_at").isNull())
                                .toList()));
    }

    @Override
    public void revokeFeed(String token, UUID importId, UUID feedId) {
        check(token);
        feedsByImport.getOrDefault(importId, List.of()).stream()
                .filter(f -> f.path("id").asText().equals(feedId.toString()))
                .forEach(f -> f.put("revoked_at", "2026-12-04T01:00:00Z"));
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode rules(String token, UUID importId) {
        check(token);
        return JSON.createObjectNode().set("result", JSON.valueToTree(rulesByImport.getOrDefault(importId, List.of())));
    }

    /** As platform-api: {@code field_changed} needs a field. */
    @Override
    public com.fasterxml.jackson.databind.JsonNode createRule(String token, UUID importId, Map<String, Object> rule) {
        check(token);
        if ("field_changed".equals(rule.get("when")) && rule.get("field") == null) {
            throw new PlatformProblem(
                    400,
                    "REQUEST.VALIDATION_FAILED",
                    "Invalid rule",
                    List.of(new FieldError("/field", "field_changed needs a field")));
        }
        com.fasterxml.jackson.databind.node.ObjectNode r = JSON.valueToTree(rule);
        r.put("id", UUID.randomUUID().toString());
        rulesByImport.computeIfAbsent(importId, k -> new ArrayList<>()).add(r);
        return r;
    }

    @Override
    public void deleteRule(String token, UUID importId, UUID ruleId) {
        check(token);
        rulesByImport
                .getOrDefault(importId, new ArrayList<>())
                .removeIf(r -> r.path("id").asText().equals(ruleId.toString()));
    }

    @Override
    public void downloadSnapshot(String token, UUID snapshotId, String format, java.io.OutputStream out) {
        check(token);
        try {
            out.write("id\r\n1\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package dev.interlink.admin.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@link PlatformAdminClient} on java.net.http + Jackson. */
public class HttpPlatformAdminClient implements PlatformAdminClient {
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final URI base;
    private final HttpClient http;

    public HttpPlatformAdminClient(URI base) {
        this.base = base;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** {@code INTERLINK_API_URL}, default http://127.0.0.1:8080. */
    public static HttpPlatformAdminClient fromEnvironment() {
        String url = System.getenv("INTERLINK_API_URL");
        return new HttpPlatformAdminClient(
                URI.create(url == null || url.isBlank() ? "http://127.0.0.1:8080" : url.trim()));
    }

    @Override
    public URI baseUri() {
        return base;
    }

    @Override
    public Session signIn(String workspace, String email, String password) {
        return read(
                send(
                        "POST",
                        "/admin/sessions",
                        null,
                        Map.of("tenant", workspace, "email", email, "password", password)),
                Session.class);
    }

    @Override
    public TenantSettings tenant(String token) {
        return read(send("GET", "/tenant", token, null), TenantSettings.class);
    }

    @Override
    public TenantSettings updateTenant(String token, String displayName, List<String> allowedOrigins) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("display_name", displayName);
        body.put("allowed_origins", allowedOrigins);
        return read(send("PATCH", "/tenant", token, body), TenantSettings.class);
    }

    @Override
    public List<ApiClient> apiClients(String token) {
        return list(send("GET", "/api-clients", token, null), ApiClient.class);
    }

    @Override
    public CreatedClient createApiClient(String token, String name, List<String> scopes) {
        return read(send("POST", "/api-clients", token, Map.of("name", name, "scopes", scopes)), CreatedClient.class);
    }

    @Override
    public String rotateSecret(String token, UUID apiClientId) {
        return send("POST", "/api-clients/" + apiClientId + "/secrets", token, Map.of())
                .path("client_secret")
                .asText();
    }

    @Override
    public void revokeApiClient(String token, UUID apiClientId) {
        send("DELETE", "/api-clients/" + apiClientId, token, null);
    }

    @Override
    public Overview overview(String token) {
        return read(send("GET", "/admin/overview", token, null), Overview.class);
    }

    @Override
    public Page<Account> accounts(String token, AccountQuery q, String cursor, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("provider", q.provider());
        params.put("status", q.status());
        params.put("end_user_id", q.endUserId());
        params.put("cursor", cursor);
        params.put("limit", limit);
        return page(send("GET", "/integrated-accounts" + query(params), token, null), Account.class);
    }

    @Override
    public Account account(String token, UUID id) {
        return read(send("GET", "/integrated-accounts/" + id, token, null), Account.class);
    }

    @Override
    public List<Dtos.StatusChange> statusHistory(String token, UUID id) {
        return list(
                send("GET", "/integrated-accounts/" + id + "/status-history", token, null), Dtos.StatusChange.class);
    }

    @Override
    public Account setAccountEnabled(String token, UUID id, boolean enabled) {
        return read(
                send("PATCH", "/integrated-accounts/" + id, token, Map.of("status", enabled ? "active" : "disabled")),
                Account.class);
    }

    @Override
    public void deleteAccount(String token, UUID id) {
        send("DELETE", "/integrated-accounts/" + id, token, null);
    }

    @Override
    public List<Dtos.Integration> integrations(String token) {
        List<Dtos.Integration> out = new java.util.ArrayList<>();
        send("GET", "/integrations", token, null)
                .path("result")
                .forEach(i -> out.add(new Dtos.Integration(
                        i.path("id").asText(),
                        i.path("display_name").asText(i.path("id").asText()))));
        return out;
    }

    @Override
    public Map<String, Object> capabilities(String token, UUID id) {
        return JSON.convertValue(
                send("GET", "/integrated-accounts/" + id + "/capabilities", token, null), new TypeReference<>() {});
    }

    @Override
    public LinkToken reauthorizationLink(String token, Account account) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("end_user_id", account.endUserId());
        body.put("integrated_account_id", account.id());
        body.put("providers", List.of(account.provider()));
        return read(send("POST", "/link-tokens", token, body), LinkToken.class);
    }

    @Override
    public Dtos.ConnectionTest testConnection(String token, UUID id) {
        return read(send("POST", "/admin/accounts/" + id + "/test", token, Map.of()), Dtos.ConnectionTest.class);
    }

    @Override
    public Page<RequestLog> logs(String token, LogQuery q, String cursor, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("account_id", q.accountId());
        params.put("status", q.status());
        params.put("route", q.route());
        params.put("from", q.since());
        params.put("to", q.until());
        params.put("cursor", cursor);
        params.put("limit", limit);
        return page(send("GET", "/logs" + query(params), token, null), RequestLog.class);
    }

    @Override
    public List<Dtos.WebhookEventType> webhookEventTypes(String token) {
        return list(send("GET", "/webhook-event-types", token, null), Dtos.WebhookEventType.class);
    }

    @Override
    public Page<Dtos.WebhookEndpoint> webhookEndpoints(String token, String cursor, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("cursor", cursor);
        params.put("limit", limit);
        return page(send("GET", "/webhook-endpoints" + query(params), token, null), Dtos.WebhookEndpoint.class);
    }

    @Override
    public Dtos.CreatedWebhookEndpoint createWebhookEndpoint(
            String token, String url, List<String> eventTypes, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url);
        body.put("event_types", eventTypes);
        if (description != null && !description.isBlank()) {
            body.put("description", description);
        }
        JsonNode created = send("POST", "/webhook-endpoints", token, body);
        return new Dtos.CreatedWebhookEndpoint(
                read(created, Dtos.WebhookEndpoint.class),
                created.path("secret").asText());
    }

    @Override
    public Dtos.WebhookEndpoint setWebhookEndpointEnabled(String token, UUID id, boolean enabled) {
        return read(
                send("PATCH", "/webhook-endpoints/" + id, token, Map.of("status", enabled ? "active" : "disabled")),
                Dtos.WebhookEndpoint.class);
    }

    @Override
    public String rotateWebhookSecret(String token, UUID id) {
        return send("POST", "/webhook-endpoints/" + id + "/rotate-secret", token, Map.of())
                .path("secret")
                .asText();
    }

    @Override
    public void deleteWebhookEndpoint(String token, UUID id) {
        send("DELETE", "/webhook-endpoints/" + id, token, null);
    }

    @Override
    public Dtos.WebhookDelivery sendWebhookTest(String token, UUID id) {
        return read(send("POST", "/webhook-endpoints/" + id + "/test", token, Map.of()), Dtos.WebhookDelivery.class);
    }

    @Override
    public Page<Dtos.WebhookDelivery> webhookDeliveries(
            String token, UUID endpointId, Dtos.DeliveryQuery q, String cursor, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("status", q.status());
        params.put("event_type", q.eventType());
        params.put("cursor", cursor);
        params.put("limit", limit);
        return page(
                send("GET", "/webhook-endpoints/" + endpointId + "/deliveries" + query(params), token, null),
                Dtos.WebhookDelivery.class);
    }

    @Override
    public Dtos.WebhookDelivery webhookDelivery(String token, UUID deliveryId) {
        return read(send("GET", "/webhook-deliveries/" + deliveryId, token, null), Dtos.WebhookDelivery.class);
    }

    @Override
    public Dtos.WebhookDelivery retryWebhookDelivery(String token, UUID deliveryId) {
        return read(
                send("POST", "/webhook-deliveries/" + deliveryId + "/retry", token, Map.of()),
                Dtos.WebhookDelivery.class);
    }

    @Override
    public int replayWebhookEvents(String token, UUID endpointId, java.time.Instant since) {
        return send("POST", "/webhook-endpoints/" + endpointId + "/replay", token, Map.of("since", since.toString()))
                .path("replayed")
                .asInt();
    }

    static String query(Map<String, Object> params) {
        StringBuilder out = new StringBuilder();
        params.forEach((name, value) -> {
            if (value != null && !value.toString().isBlank()) {
                out.append(out.isEmpty() ? '?' : '&')
                        .append(name)
                        .append('=')
                        .append(URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
            }
        });
        return out.toString();
    }

    @Override
    public JsonNode imports(String token) {
        return send("GET", "/imports?limit=200", token, null);
    }

    @Override
    public JsonNode createImport(String token, Map<String, Object> body) {
        return send("POST", "/imports", token, body);
    }

    @Override
    public List<String> importFields(String token, String resource) {
        List<String> out = new ArrayList<>();
        send(
                        "GET",
                        "/import-fields?resource="
                                + java.net.URLEncoder.encode(resource, java.nio.charset.StandardCharsets.UTF_8),
                        token,
                        null)
                .path("fields")
                .forEach(f -> out.add(f.path("path").asText()));
        return out;
    }

    @Override
    public JsonNode runImport(String token, UUID importId) {
        return send("POST", "/imports/" + importId + "/runs", token, Map.of());
    }

    @Override
    public JsonNode importRuns(String token, UUID importId) {
        return send("GET", "/imports/" + importId + "/runs?limit=20", token, null);
    }

    @Override
    public JsonNode snapshots(String token, UUID importId) {
        return send("GET", "/imports/" + importId + "/snapshots?limit=50", token, null);
    }

    @Override
    public JsonNode snapshotDiff(String token, UUID snapshotId, UUID against) {
        return send("GET", "/snapshots/" + snapshotId + "/diff?against=" + against, token, null);
    }

    @Override
    public JsonNode createFeed(String token, UUID importId) {
        return send("POST", "/imports/" + importId + "/feeds", token, Map.of());
    }

    @Override
    public JsonNode feeds(String token, UUID importId) {
        return send("GET", "/imports/" + importId + "/feeds", token, null);
    }

    @Override
    public void revokeFeed(String token, UUID importId, UUID feedId) {
        send("DELETE", "/imports/" + importId + "/feeds/" + feedId, token, null);
    }

    @Override
    public JsonNode rules(String token, UUID importId) {
        return send("GET", "/imports/" + importId + "/rules", token, null);
    }

    @Override
    public JsonNode createRule(String token, UUID importId, Map<String, Object> rule) {
        return send("POST", "/imports/" + importId + "/rules", token, rule);
    }

    @Override
    public void deleteRule(String token, UUID importId, UUID ruleId) {
        send("DELETE", "/imports/" + importId + "/rules/" + ruleId, token, null);
    }

    @Override
    public void downloadSnapshot(String token, UUID snapshotId, String format, java.io.OutputStream out) {
        try {
            HttpRequest request = HttpRequest.newBuilder(
                            base.resolve("/snapshots/" + snapshotId + "/records?format=" + format))
                    .timeout(Duration.ofMinutes(10))
                    .header("Authorization", "Bearer " + token)
                    .GET()
                    .build();
            HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream in = response.body()) {
                if (response.statusCode() >= 400)
                    throw problem(
                            response.statusCode(),
                            parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
                in.transferTo(out);
            }
        } catch (IOException e) {
            throw new PlatformProblem(0, "UNREACHABLE", "platform-api is not reachable at " + base, List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformProblem(0, "INTERRUPTED", "Interrupted", List.of());
        }
    }

    private JsonNode send(String method, String path, String token, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
            if (body != null) {
                publisher = HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response =
                    http.send(request.method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json =
                    response.body() == null || response.body().isBlank() ? JSON.nullNode() : parse(response.body());
            if (response.statusCode() >= 400) {
                throw problem(response.statusCode(), json);
            }
            return json;
        } catch (IOException e) {
            throw new PlatformProblem(0, "UNREACHABLE", "platform-api is not reachable at " + base, List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformProblem(0, "INTERRUPTED", "Interrupted", List.of());
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.nullNode();
        }
    }

    static PlatformProblem problem(int status, JsonNode json) {
        List<FieldError> errors = new ArrayList<>();
        for (JsonNode e : json.path("errors")) {
            errors.add(
                    new FieldError(e.path("pointer").asText(), e.path("detail").asText()));
        }
        String detail = json.path("detail").asText(json.path("title").asText("HTTP " + status));
        return new PlatformProblem(status, json.path("code").asText(null), detail, errors);
    }

    private static <T> T read(JsonNode json, Class<T> type) {
        return JSON.convertValue(json, type);
    }

    private static <T> List<T> list(JsonNode json, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (JsonNode item : json.path("result")) {
            out.add(JSON.convertValue(item, type));
        }
        return out;
    }

    private static <T> Page<T> page(JsonNode json, Class<T> type) {
        JsonNode next = json.path("next_cursor");
        return new Page<>(list(json, type), next.isTextual() && !next.asText().isBlank() ? next.asText() : null);
    }
}

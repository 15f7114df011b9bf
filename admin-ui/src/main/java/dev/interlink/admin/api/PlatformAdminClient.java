package dev.interlink.admin.api;

import dev.interlink.admin.api.Dtos.Account;
import dev.interlink.admin.api.Dtos.AccountQuery;
import dev.interlink.admin.api.Dtos.ApiClient;
import dev.interlink.admin.api.Dtos.CreatedClient;
import dev.interlink.admin.api.Dtos.LinkToken;
import dev.interlink.admin.api.Dtos.LogQuery;
import dev.interlink.admin.api.Dtos.Overview;
import dev.interlink.admin.api.Dtos.Page;
import dev.interlink.admin.api.Dtos.RequestLog;
import dev.interlink.admin.api.Dtos.Session;
import dev.interlink.admin.api.Dtos.TenantSettings;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The admin UI's only way to data: platform-api over HTTP. Every call but {@link #signIn} takes the admin's
 * short-lived token; failures are {@link PlatformProblem}s.
 */
public interface PlatformAdminClient {
    URI baseUri();

    /** Signs in to the tenant the workspace slug names (an email is an admin only within one tenant). */
    Session signIn(String workspace, String email, String password);

    TenantSettings tenant(String token);

    TenantSettings updateTenant(String token, String displayName, List<String> allowedOrigins);

    List<ApiClient> apiClients(String token);

    CreatedClient createApiClient(String token, String name, List<String> scopes);

    /** The new secret; the previous one keeps working for the API's grace period. */
    String rotateSecret(String token, UUID apiClientId);

    void revokeApiClient(String token, UUID apiClientId);

    Overview overview(String token);

    /** {@code GET /integrations}: the providers this deployment offers, by id, in the catalog's order. */
    List<Dtos.Integration> integrations(String token);

    Page<Account> accounts(String token, AccountQuery query, String cursor, int limit);

    Account account(String token, UUID id);

    /** {@code GET /integrated-accounts/{id}/status-history}, oldest first. */
    List<Dtos.StatusChange> statusHistory(String token, UUID id);

    Account setAccountEnabled(String token, UUID id, boolean enabled);

    void deleteAccount(String token, UUID id);

    /** Per resource, which operations the account's provider supports. */
    Map<String, Object> capabilities(String token, UUID id);

    LinkToken reauthorizationLink(String token, Account account);

    /** {@code POST /admin/accounts/{id}/test}: the provider's verification call with the stored credentials. */
    Dtos.ConnectionTest testConnection(String token, UUID id);

    Page<RequestLog> logs(String token, LogQuery query, String cursor, int limit);

    List<Dtos.WebhookEventType> webhookEventTypes(String token);

    Page<Dtos.WebhookEndpoint> webhookEndpoints(String token, String cursor, int limit);

    Dtos.CreatedWebhookEndpoint createWebhookEndpoint(
            String token, String url, List<String> eventTypes, String description);

    Dtos.WebhookEndpoint setWebhookEndpointEnabled(String token, UUID id, boolean enabled);

    /** The new secret; the previous one keeps signing for 24 hours. */
    String rotateWebhookSecret(String token, UUID id);

    void deleteWebhookEndpoint(String token, UUID id);

    /** {@code POST /webhook-endpoints/{id}/test}: a webhook.test event to this endpoint only. */
    Dtos.WebhookDelivery sendWebhookTest(String token, UUID id);

    Page<Dtos.WebhookDelivery> webhookDeliveries(
            String token, UUID endpointId, Dtos.DeliveryQuery query, String cursor, int limit);

    Dtos.WebhookDelivery webhookDelivery(String token, UUID deliveryId);

    /** A new delivery of the same event (same webhook-id). */
    Dtos.WebhookDelivery retryWebhookDelivery(String token, UUID deliveryId);

    /** Re-sends the endpoint's events since {@code since}; returns how many. */
    int replayWebhookEvents(String token, UUID endpointId, java.time.Instant since);

    // ---- imports (docs/imports.md): answers as JSON, the Imports page reads the fields it shows ----

    /** {@code GET /imports}: the tenant's imports, newest first, each with its last run. */
    com.fasterxml.jackson.databind.JsonNode imports(String token);

    /** {@code POST /imports}; a 400 is a PlatformProblem whose field errors point into the body. */
    com.fasterxml.jackson.databind.JsonNode createImport(String token, Map<String, Object> body);

    /** {@code GET /import-fields?resource=}: the field paths the picker offers. */
    List<String> importFields(String token, String resource);

    /** {@code POST /imports/{id}/runs}: the queued run. */
    com.fasterxml.jackson.databind.JsonNode runImport(String token, UUID importId);

    /** {@code GET /imports/{id}/runs}: newest first, with progress and ETA. */
    com.fasterxml.jackson.databind.JsonNode importRuns(String token, UUID importId);

    /** {@code GET /imports/{id}/snapshots}: newest first. */
    com.fasterxml.jackson.databind.JsonNode snapshots(String token, UUID importId);

    /** {@code GET /snapshots/{id}/diff?against=}. */
    com.fasterxml.jackson.databind.JsonNode snapshotDiff(String token, UUID snapshotId, UUID against);

    /** {@code POST /imports/{id}/feeds}: the feed with its URL (shown once). */
    com.fasterxml.jackson.databind.JsonNode createFeed(String token, UUID importId);

    /** {@code GET /imports/{id}/feeds}: the import's feeds (revoked ones with {@code revoked_at}), never their URLs. */
    com.fasterxml.jackson.databind.JsonNode feeds(String token, UUID importId);

    /** {@code DELETE /imports/{id}/feeds/{feed}}: the feed's URL answers 404 from now on. */
    void revokeFeed(String token, UUID importId, UUID feedId);

    /** {@code GET /imports/{id}/rules}. */
    com.fasterxml.jackson.databind.JsonNode rules(String token, UUID importId);

    /** {@code POST /imports/{id}/rules} with {@code {when, field?, to?}}; a 400 is a PlatformProblem. */
    com.fasterxml.jackson.databind.JsonNode createRule(String token, UUID importId, Map<String, Object> rule);

    /** {@code DELETE /imports/{id}/rules/{rule}}. */
    void deleteRule(String token, UUID importId, UUID ruleId);

    /** {@code GET /snapshots/{id}/records?format=}, streamed into {@code out} (never buffered whole). */
    void downloadSnapshot(String token, UUID snapshotId, String format, java.io.OutputStream out);
}

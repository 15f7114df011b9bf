package dev.interlink.platform.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.ConnectorContexts;
import dev.interlink.platform.provider.auth.AuthScheme;
import dev.interlink.platform.provider.catalog.ProviderDefinition;
import dev.interlink.platform.provider.catalog.Verification;
import dev.interlink.platform.provider.http.ErrorMapping;
import dev.interlink.platform.provider.http.RawResponse;
import dev.interlink.platform.vault.Credentials;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves a credential set works with one cheap, read-only request from the catalog ({@code verification}),
 * before anything is stored, and re-checks stored credentials for the admin's "test connection". The request
 * goes through the one outbound pipeline like every other provider call: it spends the account's rate budget,
 * is retried by the same rules and carries the credentials through the same auth seam (which records nothing
 * here: a rejected candidate credential is the caller's answer, not an account's status change).
 *
 * <p>Outcomes: 2xx JSON = valid; 401/403 (and 404 = unknown account path, e.g. a wrong agency slug) = 422
 * {@code INTEGRATION.CREDENTIALS_INVALID} with the provider's reason; anything else is the pipeline's own
 * classification (429, 502, 504). The provider's message is cut short and scrubbed of every credential value;
 * credentials are never logged.
 */
@Singleton
public class CredentialVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialVerifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REASON = 200;

    private final ConnectorContexts contexts;

    public CredentialVerifier(ConnectorContexts contexts) {
        this.contexts = contexts;
    }

    /** What the verification cost: the provider's time in milliseconds (for the request log). */
    public record Outcome(long remoteMillis) {}

    /**
     * @param accountId the account whose budget the call spends: the stored account, or the id a new account will
     *     be created with
     */
    public Outcome verify(UUID accountId, ProviderDefinition provider, Credentials credentials) {
        // no tenant: the set is checked exactly as given (an auth scheme refreshes nothing for it)
        return verify(null, accountId, provider, credentials);
    }

    /**
     * Verifies the credentials stored for a tenant's account, as the account's own calls would use them: an OAuth
     * token that is about to expire, or that the provider refuses with 401, is refreshed once (single flight) and the
     * call retried, so "test connection" reports what the unified API would meet. Nothing is recorded as a status
     * change: a rejection is only reported.
     */
    public Outcome verifyStored(UUID tenantId, UUID accountId, ProviderDefinition provider, Credentials credentials) {
        return verify(tenantId, accountId, provider, credentials);
    }

    private Outcome verify(
            @Nullable UUID tenantId, UUID accountId, ProviderDefinition provider, Credentials credentials) {
        ConnectorContext ctx;
        try {
            ctx = contexts.open(tenantId, accountId, provider, credentials, AuthScheme.Rejections.IGNORE);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("/credentials", e.getMessage());
        }
        Verification check = provider.verification();
        try (RawResponse response = ctx.stream(
                check.method(),
                ctx.uri(check.path(), Map.of()),
                Map.of("Accept", List.of("application/json")),
                null,
                true)) {
            int status = response.status();
            boolean json = response.contentType().toLowerCase(Locale.ROOT).contains("json");
            LOG.info("Verification of {} credentials: HTTP {} in {} ms", provider.id(), status, ctx.remoteDurationMs());
            if (status >= 200 && status < 300 && json) {
                return new Outcome(ctx.remoteDurationMs());
            }
            byte[] body = response.readPrefix(64_000);
            if (status == 401 || status == 403) {
                String reason = reason(body, json, credentials);
                throw ApiProblem.of(
                                ErrorCode.INTEGRATION_CREDENTIALS_INVALID,
                                provider.displayName() + " rejected the credentials"
                                        + (reason == null ? "." : ": " + reason))
                        .with("retryable", false);
            }
            if (status == 404) {
                throw ApiProblem.of(
                                ErrorCode.INTEGRATION_CREDENTIALS_INVALID,
                                provider.displayName()
                                        + " does not know this account: check the account fields (e.g. the agency slug).")
                        .with("retryable", false);
            }
            if (status < 300) {
                throw ErrorMapping.unreadable(provider.displayName(), status, "a body that is not JSON");
            }
            throw ErrorMapping.problem(
                    provider.displayName(),
                    status,
                    response.headers(),
                    body,
                    ctx.auth().secrets());
        } catch (ApiProblem problem) {
            if (problem.code() != ErrorCode.INTEGRATION_CREDENTIALS_INVALID) {
                LOG.info("Verification of {} credentials failed: {}", provider.id(), problem.code());
            }
            throw problem;
        }
    }

    /** The provider's own message (JSON {@code message}/{@code error}/{@code errors[0]}), short and scrubbed. */
    static String reason(byte[] body, boolean json, Credentials credentials) {
        if (!json || body == null || body.length == 0 || body.length > 64_000) {
            return null;
        }
        String text;
        try {
            JsonNode node = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            JsonNode m = node.path("message");
            if (!m.isTextual()) {
                m = node.path("error");
            }
            if (!m.isTextual()) {
                m = node.path("errors").path(0);
            }
            if (!m.isTextual()) {
                return null;
            }
            text = m.asText();
        } catch (IOException e) {
            return null;
        }
        for (String name : credentials.names()) {
            String value = credentials.get(name);
            if (value.length() >= 4) {
                text = text.replace(value, "***");
            }
        }
        text = text.replaceAll("[\\p{Cntrl}]", " ").strip();
        return text.isEmpty() ? null : text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text;
    }
}

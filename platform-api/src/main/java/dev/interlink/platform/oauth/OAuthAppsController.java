package dev.interlink.platform.oauth;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.auth.RequiresScope;
import dev.interlink.platform.auth.Scopes;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.FieldError;
import dev.interlink.platform.provider.catalog.AuthMode;
import dev.interlink.platform.provider.catalog.Catalog;
import dev.interlink.platform.provider.catalog.ProviderDefinition;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;

/**
 * A tenant's own OAuth app per provider. The secret goes to the vault and is never answered again; {@code GET}
 * tells which app the tenant's links use ({@code tenant}, the operator's default, or none) and the callback URL to
 * register at the provider.
 */
@Controller("/oauth-apps")
@Tag(name = "OAuth apps")
public class OAuthAppsController {
    private final OAuthApps apps;
    private final Catalog catalog;
    private final OAuthCallbackUrl callback;

    public OAuthAppsController(OAuthApps apps, Catalog catalog, OAuthCallbackUrl callback) {
        this.apps = apps;
        this.catalog = catalog;
        this.callback = callback;
    }

    public record PutRequest(@Nullable String clientId, @Nullable String clientSecret) {}

    /** {@code source}: {@code tenant}, {@code operator}, or null when no app is configured. */
    public record AppView(String provider, @Nullable String clientId, @Nullable String source, String redirectUri) {}

    @Operation(summary = "Register (or replace) the tenant's own OAuth app for a provider; the secret is write-only")
    @Put("/{provider}")
    @RequiresScope(Scopes.OAUTH_APPS_WRITE)
    public AppView put(Principal principal, @PathVariable String provider, @Body PutRequest body) {
        ProviderDefinition p = oauthProvider(provider);
        List<FieldError> errors = new ArrayList<>();
        String clientId = body.clientId() == null ? null : body.clientId().strip();
        String secret = body.clientSecret() == null ? null : body.clientSecret().strip();
        if (clientId == null || clientId.isEmpty()) {
            errors.add(new FieldError("/client_id", "is required"));
        } else if (clientId.length() > 500) {
            errors.add(new FieldError("/client_id", "must be at most 500 characters"));
        }
        if (secret == null || secret.isEmpty()) {
            errors.add(new FieldError("/client_secret", "is required"));
        } else if (secret.length() > 2000) {
            errors.add(new FieldError("/client_secret", "must be at most 2000 characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        apps.put(principal.tenantId(), p.id(), clientId, secret);
        return view(principal, p);
    }

    @Operation(summary = "Which OAuth app the tenant's links of a provider use, and the redirect URI to register")
    @Get("/{provider}")
    @RequiresScope(Scopes.OAUTH_APPS_READ)
    public AppView get(Principal principal, @PathVariable String provider) {
        return view(principal, oauthProvider(provider));
    }

    private AppView view(Principal principal, ProviderDefinition p) {
        var own = apps.tenantClientId(principal.tenantId(), p.id());
        if (own.isPresent()) {
            return new AppView(p.id(), own.get(), "tenant", callback.url());
        }
        var operator = apps.client(principal.tenantId(), p.id());
        return operator.isPresent()
                ? new AppView(p.id(), operator.get().clientId(), "operator", callback.url())
                : new AppView(p.id(), null, null, callback.url());
    }

    private ProviderDefinition oauthProvider(String id) {
        ProviderDefinition p = catalog.find(id)
                .orElseThrow(() -> ApiProblem.of(ErrorCode.INTEGRATION_PROVIDER_NOT_FOUND, "No provider '" + id + "'"));
        if (p.authMode() != AuthMode.OAUTH2 || p.oauth2() == null) {
            throw ApiProblem.invalid("/provider", p.id() + " does not use OAuth 2.0 (auth mode " + p.authMode() + ")");
        }
        return p;
    }
}

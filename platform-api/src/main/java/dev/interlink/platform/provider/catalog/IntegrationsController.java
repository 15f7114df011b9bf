package dev.interlink.platform.provider.catalog;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.auth.PublicRoute;
import dev.interlink.platform.auth.RequiresScope;
import dev.interlink.platform.auth.Scopes;
import dev.interlink.platform.common.ApiProblem;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The catalog as a tenant sees it (no secrets, no internal settings), and the providers' logos. */
@Controller("/integrations")
@Tag(name = "Integrations")
public class IntegrationsController {
    private final Catalog catalog;
    private final String publicApiUrl;
    private final Map<String, byte[]> logos = new ConcurrentHashMap<>();

    public IntegrationsController(
            Catalog catalog, @Value("${interlink.public-api-url:`http://127.0.0.1:8080`}") String publicApiUrl) {
        this.catalog = catalog;
        this.publicApiUrl = publicApiUrl.replaceAll("/+$", "");
    }

    /** One credential form input, as the link UI renders it. */
    public record FieldView(
            String name,
            String label,
            String helpText,
            boolean secret,
            boolean required,
            @Nullable String pattern,
            @Nullable @com.fasterxml.jackson.annotation.JsonProperty("default") String defaultValue) {
        public static FieldView of(CredentialField f) {
            return new FieldView(
                    f.name(), f.label(), f.helpText(), f.secret(), f.required(), f.pattern(), f.defaultValue());
        }
    }

    /** A provider as tenants and the link UI see it. */
    public record IntegrationView(
            String id,
            String displayName,
            String category,
            String logoUrl,
            AuthMode authMode,
            List<FieldView> fields) {}

    public IntegrationView view(ProviderDefinition p) {
        return new IntegrationView(
                p.id(),
                p.displayName(),
                p.category(),
                logoUrl(p.id()),
                p.authMode(),
                p.fields().stream().map(FieldView::of).toList());
    }

    /** Absolute, so the link UI (another origin) can load it: {@code INTERLINK_PUBLIC_API_URL}. */
    public String logoUrl(String id) {
        return publicApiUrl + "/integrations/" + id + "/logo.svg";
    }

    @Operation(summary = "The providers an end customer can connect, with their credential forms")
    @Get
    @RequiresScope(Scopes.ACCOUNTS_READ)
    public Map<String, Object> list() {
        List<IntegrationView> views = catalog.all().stream().map(this::view).toList();
        return Map.of("result", views, "result_count", views.size());
    }

    @Operation(summary = "A provider's logo (SVG)")
    @Get(value = "/{id}/logo.svg", produces = "image/svg+xml")
    @PublicRoute
    public HttpResponse<byte[]> logo(@PathVariable String id) {
        ProviderDefinition p = catalog.find(id)
                .orElseThrow(() -> ApiProblem.of(ErrorCode.INTEGRATION_PROVIDER_NOT_FOUND, "No provider '" + id + "'"));
        byte[] svg = logos.computeIfAbsent(p.id(), k -> read(p.logo()));
        return HttpResponse.ok(svg)
                .contentType(MediaType.of("image/svg+xml"))
                .header("Cache-Control", "public, max-age=86400")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    }

    private static byte[] read(String logo) {
        try (InputStream in = IntegrationsController.class
                .getClassLoader()
                .getResourceAsStream(CatalogLoader.DIRECTORY + "/" + logo)) {
            if (in == null) {
                throw new IllegalStateException("logo missing: " + logo);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("logo unreadable: " + logo, e);
        }
    }
}

package dev.interlink.platform.ats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.auth.RequiresScope;
import dev.interlink.platform.auth.Scopes;
import dev.interlink.platform.common.ServedContent;
import dev.interlink.platform.provider.AtsResource;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.http.RawResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.server.types.files.StreamedFile;

/**
 * The unified read API: {@code /unified/ats/{resource}[/{id}]}, attachment content, and the user directory. Every
 * route resolves the account for the caller's tenant first (another tenant's account is 404, like a missing one).
 */
@Controller("/unified")
@RequiresScope(Scopes.UNIFIED_READ)
public class UnifiedAtsController {
    private final UnifiedService unified;
    private final CallAccount accounts;

    public UnifiedAtsController(UnifiedService unified, CallAccount accounts) {
        this.unified = unified;
        this.accounts = accounts;
    }

    @Get("/ats/{resource}")
    public MutableHttpResponse<byte[]> list(
            HttpRequest<?> request, Principal principal, @PathVariable String resource) {
        long start = System.nanoTime();
        AtsResource r = Connectors.resource(resource);
        return list(request, principal, r, start);
    }

    @Get("/ats/{resource}/{id}")
    public MutableHttpResponse<JsonNode> get(
            HttpRequest<?> request, Principal principal, @PathVariable String resource, @PathVariable String id) {
        long start = System.nanoTime();
        AtsResource r = Connectors.resource(resource);
        return get(request, principal, r, id, start);
    }

    @Get("/ats/attachments/{id}/content")
    public MutableHttpResponse<StreamedFile> content(
            HttpRequest<?> request, Principal principal, @PathVariable String id) {
        long start = System.nanoTime();
        String accountId = AccountSelection.accountId(request);
        ConnectorContext ctx = accounts.resolve(principal, accountId);
        UnifiedService.Content content = unified.content(ctx, ctx.provider(), id, AccountSelection.query(request));
        RawResponse raw = content.response();
        try {
            MediaType type = ServedContent.mediaType(raw.contentType());
            MutableHttpResponse<StreamedFile> response =
                    HttpResponse.ok(new StreamedFile(raw.body(), type)).contentType(type);
            // always a download, never rendered in the API's origin (docs/security.md, request and response hygiene)
            response.header(
                    "Content-Disposition",
                    ServedContent.attachmentDisposition(
                            raw.headers().firstValue("Content-Disposition").orElse(null)));
            ServedContent.harden(response);
            raw.headers().firstValue("Content-Length").ifPresent(v -> response.header("Content-Length", v));
            return AccountSelection.timed(response, request, ctx, start);
        } catch (RuntimeException | Error e) {
            raw.close();
            throw e;
        }
    }

    @Get("/user-directory/users")
    public MutableHttpResponse<byte[]> directoryUsers(HttpRequest<?> request, Principal principal) {
        return list(request, principal, AtsResource.USERS, System.nanoTime());
    }

    @Get("/user-directory/users/{id}")
    public MutableHttpResponse<JsonNode> directoryUser(
            HttpRequest<?> request, Principal principal, @PathVariable String id) {
        return get(request, principal, AtsResource.USERS, id, System.nanoTime());
    }

    private MutableHttpResponse<byte[]> list(HttpRequest<?> request, Principal principal, AtsResource r, long start) {
        ConnectorContext ctx = accounts.resolve(principal, AccountSelection.accountId(request));
        try {
            UnifiedService.Listed listed = unified.list(ctx, ctx.provider(), r, AccountSelection.query(request));
            return AccountSelection.timed(
                    HttpResponse.ok(listed.json()).contentType(MediaType.APPLICATION_JSON_TYPE), request, ctx, start);
        } finally {
            AccountSelection.record(request, ctx);
        }
    }

    private MutableHttpResponse<JsonNode> get(
            HttpRequest<?> request, Principal principal, AtsResource r, String id, long start) {
        ConnectorContext ctx = accounts.resolve(principal, AccountSelection.accountId(request));
        try {
            UnifiedService.Result result = unified.get(ctx, ctx.provider(), r, id, AccountSelection.query(request));
            return AccountSelection.timed(HttpResponse.ok(result.body()), request, ctx, start);
        } finally {
            AccountSelection.record(request, ctx);
        }
    }
}

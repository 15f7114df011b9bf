package dev.interlink.platform.linking;

import dev.interlink.platform.auth.PublicRoute;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;

/**
 * The link UI's backend, authenticated by the link token alone (header {@code X-Link-Token}): no JWT, and
 * nothing beyond the token's own tenant, end user and providers is visible.
 */
@Controller("/link-session")
@Tag(name = "Link session")
@PublicRoute
public class LinkSessionController {
    public static final String TOKEN_HEADER = "X-Link-Token";

    private final LinkService links;

    public LinkSessionController(LinkService links) {
        this.links = links;
    }

    public record SubmitRequest(@Nullable String provider, @Nullable Map<String, Object> credentials) {}

    @Operation(summary = "What the link UI shows: tenant, end user, providers and their forms, re-auth target")
    @Get
    public LinkService.Session session(@Header(TOKEN_HEADER) @Nullable String token) {
        return links.session(token);
    }

    @Operation(summary = "Submit credentials: verified with the provider, stored encrypted, token consumed")
    @Post("/accounts")
    public HttpResponse<LinkService.Submitted> submit(
            @Header(TOKEN_HEADER) @Nullable String token, HttpRequest<?> request, @Body SubmitRequest body) {
        LinkService.Submitted submitted = links.submit(token, body.provider(), body.credentials());
        request.setAttribute("interlink.account_id", submitted.integratedAccountId());
        return HttpResponse.status(HttpStatus.CREATED).body(submitted);
    }
}

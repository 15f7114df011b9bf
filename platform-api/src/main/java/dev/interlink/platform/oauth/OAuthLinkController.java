package dev.interlink.platform.oauth;

import dev.interlink.platform.auth.PublicRoute;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The two browser routes of OAuth linking. Public: {@code start} is authenticated by the link token in its query
 * (a popup's first navigation cannot carry a header), {@code callback} by the single-use state. Both answer a
 * redirect or a small HTML page, never a JSON problem: a person is looking at them.
 */
@Controller
@PublicRoute
@Tag(name = "Link session")
public class OAuthLinkController {
    private final OAuthLinkService links;

    public OAuthLinkController(OAuthLinkService links) {
        this.links = links;
    }

    @Operation(summary = "Start linking an OAuth 2.0 provider: 302 to its consent page (PKCE S256, single-use state)")
    @Get(uri = "/link/oauth/{provider}/start", produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> start(
            @PathVariable String provider,
            @QueryValue("link_token") @Nullable String linkToken,
            @QueryValue("mode") @Nullable String mode,
            @QueryValue("return_to") @Nullable String returnTo) {
        OAuthLinkService.Started started = links.start(provider, linkToken, mode, returnTo);
        if (started instanceof OAuthLinkService.ToProvider to) {
            return OAuthLinkPage.redirect(to.authorizeUrl());
        }
        OAuthLinkService.Refused refused = (OAuthLinkService.Refused) started;
        return OAuthLinkPage.deliver(refused.outcome(), refused.delivery(), links.relayUrl());
    }

    @Operation(summary = "The provider's redirect back: exchange the code, verify, store; tell the link UI")
    @Get(uri = OAuthCallbackUrl.PATH, produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> callback(
            @QueryValue("state") @Nullable String state,
            @QueryValue("code") @Nullable String code,
            @QueryValue("error") @Nullable String error,
            @QueryValue("error_description") @Nullable String errorDescription) {
        OAuthLinkService.Finished finished = links.callback(state, code, error, errorDescription);
        return OAuthLinkPage.deliver(finished.outcome(), finished.delivery(), links.relayUrl());
    }
}

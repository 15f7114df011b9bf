package dev.interlink.platform.linking;

import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.auth.RequiresScope;
import dev.interlink.platform.auth.Scopes;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Link tokens for the tenant backend: one per end customer connection attempt. */
@Controller("/link-tokens")
@Tag(name = "Link tokens")
public class LinkTokenController {
    private final LinkService links;

    public LinkTokenController(LinkService links) {
        this.links = links;
    }

    @Operation(summary = "Issue a link token (30 min, single use); integrated_account_id re-authorizes in place")
    @Post
    @RequiresScope(Scopes.LINK_TOKENS_WRITE)
    public HttpResponse<LinkService.Created> create(Principal principal, @Body LinkService.CreateRequest body) {
        return HttpResponse.status(HttpStatus.CREATED).body(links.create(principal, body));
    }
}

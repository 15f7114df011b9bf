package dev.interlink.platform.admin;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.auth.PublicRoute;
import dev.interlink.platform.auth.TokenIssuer;
import dev.interlink.platform.common.ApiProblem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Admin sign-in: tenant slug + email + password for a short-lived admin JWT (what the admin UI sends to every route).
 * The slug is needed because an email is unique only within its tenant.
 */
@Controller("/admin/sessions")
@Tag(name = "Admin")
public class AdminSessionController {
    private final AdminService admins;
    private final TokenIssuer issuer;
    private final HttpClientAddressResolver addresses;

    public AdminSessionController(AdminService admins, TokenIssuer issuer, HttpClientAddressResolver addresses) {
        this.admins = admins;
        this.issuer = issuer;
        this.addresses = addresses;
    }

    public record SignInRequest(@Nullable String tenant, @Nullable String email, @Nullable String password) {}

    public record Session(String accessToken, long expiresIn, String tenantDisplayName, String email) {}

    @Operation(
            summary =
                    "Sign an admin in to the tenant its slug names; the same 401 for unknown tenants, unknown emails, wrong"
                            + " passwords and disabled admins; 429"
                            + " with Retry-After when the email or the address is throttled")
    @Post
    @PublicRoute
    public HttpResponse<Session> signIn(HttpRequest<?> request, @Body SignInRequest body) {
        // the resolver honours micronaut.server.client-address-header (set it only behind a trusted proxy)
        String address = String.valueOf(addresses.resolve(request));
        AdminService.SignedIn signedIn = admins.signIn(body.tenant(), body.email(), body.password(), address)
                .orElseThrow(() ->
                        ApiProblem.of(ErrorCode.PLATFORM_AUTHENTICATION_INVALID, "Wrong workspace, email or password"));
        TokenIssuer.Issued token =
                issuer.issueAdmin(signedIn.tenant().id(), signedIn.admin().id());
        return HttpResponse.ok(new Session(
                        token.token(),
                        token.expiresInSeconds(),
                        signedIn.tenant().displayName(),
                        signedIn.admin().email()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}

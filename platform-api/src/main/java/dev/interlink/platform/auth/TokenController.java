package dev.interlink.platform.auth;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** OAuth 2.0 client credentials grant (RFC 6749 §4.4), with client_secret_post or HTTP Basic. */
@Controller
@PublicRoute
@Tag(name = "Auth")
public class TokenController {
    private final ApiClientService clients;
    private final TokenIssuer issuer;

    public TokenController(ApiClientService clients, TokenIssuer issuer) {
        this.clients = clients;
        this.issuer = issuer;
    }

    @Operation(summary = "Exchange client credentials for a 15-minute ES256 access token")
    @Post(uri = "/oauth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<Map<String, Object>> token(HttpRequest<?> request, @Body Map<String, String> form) {
        if (!"client_credentials".equals(form.get("grant_type"))) {
            throw oauth(
                    ErrorCode.OAUTH_UNSUPPORTED_GRANT_TYPE,
                    "unsupported_grant_type",
                    "grant_type must be client_credentials");
        }
        String[] basic = basicCredentials(request);
        String clientId = basic != null ? basic[0] : form.get("client_id");
        String secret = basic != null ? basic[1] : form.get("client_secret");
        ApiClient client = clients.authenticate(clientId, secret)
                .orElseThrow(() ->
                        oauth(ErrorCode.OAUTH_INVALID_CLIENT, "invalid_client", "Unknown client or wrong secret"));
        List<String> held = Arrays.asList(client.scopes());
        String requested = form.get("scope");
        Set<String> granted = new LinkedHashSet<>(held);
        if (requested != null && !requested.isBlank()) {
            granted = new LinkedHashSet<>(Arrays.asList(requested.trim().split("\\s+")));
            if (!held.containsAll(granted)) {
                throw oauth(
                        ErrorCode.OAUTH_INVALID_SCOPE,
                        "invalid_scope",
                        "The client does not hold every requested scope");
            }
        }
        String scope = String.join(" ", granted);
        TokenIssuer.Issued token = issuer.issue(client, scope);
        return HttpResponse.ok(Map.<String, Object>of(
                        "access_token",
                        token.token(),
                        "token_type",
                        "Bearer",
                        "expires_in",
                        token.expiresInSeconds(),
                        "scope",
                        scope))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache");
    }

    /** Our problem+json, carrying the RFC 6749 {@code error} member too so OAuth libraries understand it. */
    private static ApiProblem oauth(ErrorCode code, String error, String detail) {
        return ApiProblem.of(code, detail).with("error", error);
    }

    private static String[] basicCredentials(HttpRequest<?> request) {
        String header = request.getHeaders().getAuthorization().orElse(null);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded =
                    new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            // RFC 6749 §2.3.1: both parts are form-urlencoded inside the Basic header
            return new String[] {
                URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
            };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

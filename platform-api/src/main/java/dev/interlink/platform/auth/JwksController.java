package dev.interlink.platform.auth;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;

@Controller
@PublicRoute
@Tag(name = "Auth")
public class JwksController {
    private final SigningKeys keys;

    public JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    @Operation(summary = "The public keys that verify Interlink access tokens")
    @Get(uri = "/.well-known/jwks.json", produces = "application/jwk-set+json")
    public HttpResponse<Map<String, Object>> jwks() {
        return HttpResponse.ok(keys.publicKeys().toJSONObject(true)).header("Cache-Control", "public, max-age=300");
    }
}

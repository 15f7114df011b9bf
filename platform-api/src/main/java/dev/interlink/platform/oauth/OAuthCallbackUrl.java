package dev.interlink.platform.oauth;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * The one redirect URI of every OAuth authorization the link flow starts: {@code interlink.public-api-url} (the
 * address browsers reach platform-api at, default {@code http://127.0.0.1:8080}) + {@value #PATH}. It must be
 * registered, exactly, with the provider's OAuth app.
 */
@Singleton
public class OAuthCallbackUrl {
    public static final String PATH = "/oauth/callback";

    private final String url;

    public OAuthCallbackUrl(@Value("${interlink.public-api-url:`http://127.0.0.1:8080`}") String publicApiUrl) {
        this.url = publicApiUrl.replaceAll("/+$", "") + PATH;
    }

    public String url() {
        return url;
    }
}

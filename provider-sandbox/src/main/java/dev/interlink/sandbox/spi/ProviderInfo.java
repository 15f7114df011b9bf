package dev.interlink.sandbox.spi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One simulated provider as {@code Sandbox.providers()} and {@code GET /_sandbox/providers} describe it.
 *
 * @param id the provider id
 * @param name display name
 * @param basePath the sandbox path that stands for the provider's real base URL as a connector configures it
 *     (e.g. {@code /cats/v3} for {@code https://api.catsone.com/v3})
 * @param accountBasePath template of an account's {@code base_url} path (e.g. {@code /loxo/api/{agency_slug}})
 * @param standsFor the real URL {@code basePath} replaces
 * @param oauth the OAuth server's paths, or null when the provider has none
 */
public record ProviderInfo(
        String id, String name, String basePath, String accountBasePath, String standsFor, OAuthPaths oauth) {

    /** Paths of a provider's authorization server inside the sandbox. */
    public record OAuthPaths(
            String authBasePath, String authorizePath, String tokenPath, String standsFor, String audience) {}

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("base_path", basePath);
        m.put("account_base_path", accountBasePath);
        m.put("stands_for", standsFor);
        if (oauth != null) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("auth_base_path", oauth.authBasePath());
            o.put("authorize_path", oauth.authorizePath());
            o.put("token_path", oauth.tokenPath());
            o.put("stands_for", oauth.standsFor());
            o.put("audience", oauth.audience());
            m.put("oauth", o);
        }
        return m;
    }
}

package dev.interlink.platform.testing;

import dev.interlink.platform.tenant.TenantService;
import java.util.UUID;

/** Creates tenants the way an operator does ({@code tenant create}) and logs their first client in over HTTP. */
public final class TestTenants {
    private TestTenants() {}

    public record TestTenant(UUID id, String slug, String clientId, String clientSecret, String token) {}

    public static TestTenant create(TenantService tenants, Api api, String name) {
        TenantService.Bootstrap created = tenants.create(name);
        Api.Response response = api.token(created.clientId(), created.clientSecret(), null);
        if (response.status() != 200) {
            throw new AssertionError("token request failed: " + response.text());
        }
        return new TestTenant(
                created.tenant().id(),
                created.tenant().slug(),
                created.clientId(),
                created.clientSecret(),
                response.json().get("access_token").asText());
    }
}

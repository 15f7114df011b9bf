package dev.interlink.platform.ats;

import dev.interlink.platform.testing.Api;
import dev.interlink.sandbox.Sandbox;
import java.util.HashMap;
import java.util.Map;

/** One provider-sandbox per test class, with the catalog pointed at it, and accounts imported over the API. */
final class SandboxAccounts {
    private SandboxAccounts() {}

    static Map<String, String> properties(Sandbox sandbox) {
        return dev.interlink.platform.account.ProviderSandbox.catalogOverrides(sandbox);
    }

    static Sandbox.AccountInfo sandboxAccount(Sandbox sandbox, String provider, int candidates) {
        Sandbox.AccountInfo a = sandbox.createAccount(provider, 42, candidates);
        if (provider.equals("cats")) sandbox.setRollingLimit(a.accountId(), 1_000_000, 3600);
        else sandbox.setTokenBucket(a.accountId(), 100_000, 100_000);
        return a;
    }

    /** Imports the sandbox account as an integrated account of the tenant; returns its id. */
    static String importAccount(Api api, String token, Sandbox.AccountInfo a) {
        Map<String, Object> credentials = new HashMap<>();
        credentials.put("api_key", a.apiKey());
        if (a.agencySlug() != null) credentials.put("agency_slug", a.agencySlug());
        Api.Response r = api.post(
                "/integrated-accounts",
                token,
                Map.of(
                        "provider",
                        a.provider(),
                        "end_user",
                        Map.of("id", "user-" + a.accountId()),
                        "credentials",
                        credentials));
        if (r.status() != 201 && r.status() != 200) {
            throw new AssertionError("import failed: " + r.status() + " " + r.text());
        }
        String id = r.json().path("id").asText(null);
        if (id == null) id = r.json().at("/result/id").asText(null);
        if (id == null) id = r.json().at("/integrated_account/id").asText(null);
        return id;
    }
}

package dev.interlink.platform.provider;

import dev.interlink.platform.provider.catalog.ProviderDefinition;
import dev.interlink.platform.provider.catalog.RateLimit;
import dev.interlink.sandbox.Sandbox;

/** Moves a sandbox account's provider-side limit out of the way, in the form of limit the catalog declares. */
public final class SandboxBudgets {
    private SandboxBudgets() {}

    public static void raise(Sandbox sandbox, ProviderDefinition provider, String accountId) {
        RateLimit r = provider.rateLimit();
        if (RateLimit.SLIDING_WINDOW.equals(r.policy())) {
            sandbox.setRollingLimit(accountId, 1_000_000, r.window().toSeconds());
        } else {
            sandbox.setTokenBucket(accountId, 100_000, 100_000);
        }
    }
}

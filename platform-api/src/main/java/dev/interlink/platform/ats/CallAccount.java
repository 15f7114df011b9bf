package dev.interlink.platform.ats;

import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.provider.ConnectorContext;
import java.util.UUID;

/**
 * Resolves the integrated account of a unified or proxy call for the caller's tenant and turns it into a
 * {@link ConnectorContext}. Another tenant's account, an unknown id, a disabled or a needs_reauth account answer a
 * problem here, before any provider call.
 */
public interface CallAccount {
    ConnectorContext resolve(Principal principal, String integratedAccountId);

    /**
     * The same for background work (change detection), with the tenant of the account being worked on. Unlike a
     * tenant call it does not count as use of the account ({@code last_used_at}).
     */
    ConnectorContext resolve(UUID tenantId, String integratedAccountId);

    /** The provider id of the account (for capabilities), with the same tenant check. */
    String provider(Principal principal, String integratedAccountId);
}

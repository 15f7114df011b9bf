package dev.interlink.platform.provider.auth;

import java.util.Collection;
import java.util.Map;

/**
 * The auth seam: how one account's calls are authenticated, whatever the provider's auth mode. The pipeline's
 * {@code AuthStep} asks for the headers of every attempt (so a refreshed token is picked up), and hands every provider
 * rejection (401/403) back here: an API key cannot be repaired, so its account is flagged for re-authorization; an
 * OAuth 2.0 account refreshes its token once and asks for one retry.
 */
public interface AccountAuth {
    /** The headers that authenticate the next attempt. May obtain or refresh a credential first. */
    Map<String, String> headers();

    /**
     * The provider rejected the credentials with {@code status}. Returns true when a retry with fresh {@link #headers()}
     * may succeed; false when the rejection stands. If the one retry is rejected as well, this is called again and its
     * answer ignored (a second rejection always stands).
     */
    boolean rejected(int status, String reason);

    /** Credential values that must be masked wherever provider text is shown (error bodies). */
    Collection<String> secrets();

    /** Fixed headers whose rejection stands (tests, benchmarks and anything that must not touch an account). */
    static AccountAuth fixed(Map<String, String> headers) {
        Map<String, String> copy = Map.copyOf(headers);
        return new AccountAuth() {
            @Override
            public Map<String, String> headers() {
                return copy;
            }

            @Override
            public boolean rejected(int status, String reason) {
                return false;
            }

            @Override
            public Collection<String> secrets() {
                return copy.values();
            }
        };
    }
}

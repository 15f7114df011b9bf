package dev.interlink.link.api;

import java.util.Map;

/**
 * The two platform-api routes of the link flow. Every method either returns the parsed body or throws a
 * {@link PlatformProblemException}. Implementations must never log credentials, request bodies or the token.
 */
public interface PlatformLinkClient {

    /** {@code GET /link-session} with {@code X-Link-Token}. */
    LinkSession fetchSession(String linkToken);

    /**
     * {@code POST /link-session/accounts}: platform-api validates the credentials against the provider and
     * creates (or re-authorizes) the integrated account.
     */
    CreatedAccount createAccount(String linkToken, String provider, Map<String, String> credentials);
}

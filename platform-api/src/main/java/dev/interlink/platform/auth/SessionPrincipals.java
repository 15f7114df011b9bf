package dev.interlink.platform.auth;

import java.util.Optional;

/**
 * Resolves the principal of a signed-in user's session token (the {@code adm} claim), so that the token layer does
 * not depend on who keeps user accounts (the admin package implements it).
 */
public interface SessionPrincipals {
    /** The principal of an active user of a live tenant, or empty (unknown, disabled, locked, wrong tenant). */
    Optional<Principal> principal(String userId, String tenantId);
}

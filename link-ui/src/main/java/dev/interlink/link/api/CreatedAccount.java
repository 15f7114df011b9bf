package dev.interlink.link.api;

/** The integrated account created (or re-authorized) by {@code POST /link-session/accounts}. */
public record CreatedAccount(String integratedAccountId, String provider, String status, boolean reauthorized) {}

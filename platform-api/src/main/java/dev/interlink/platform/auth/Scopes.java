package dev.interlink.platform.auth;

import java.util.List;

/**
 * The scopes a JWT can carry. A route names the one it needs with {@link RequiresScope}. {@link #ALL} is what an API
 * client can hold; {@link #ADMIN_USERS_WRITE} only ever belongs to a signed-in admin (docs/security.md "Scopes").
 */
public final class Scopes {
    public static final String TENANT_READ = "tenant:read";
    public static final String TENANT_WRITE = "tenant:write";
    public static final String API_CLIENTS_READ = "api_clients:read";
    public static final String API_CLIENTS_WRITE = "api_clients:write";
    public static final String ACCOUNTS_READ = "accounts:read";
    public static final String ACCOUNTS_WRITE = "accounts:write";
    public static final String LINK_TOKENS_WRITE = "link_tokens:write";
    public static final String OAUTH_APPS_READ = "oauth_apps:read";
    public static final String OAUTH_APPS_WRITE = "oauth_apps:write";
    public static final String UNIFIED_READ = "unified:read";
    public static final String UNIFIED_WRITE = "unified:write";
    public static final String PROXY = "proxy";
    public static final String LOGS_READ = "logs:read";
    public static final String WEBHOOKS_READ = "webhooks:read";
    public static final String WEBHOOKS_WRITE = "webhooks:write";
    public static final String IMPORTS_READ = "imports:read";
    public static final String IMPORTS_WRITE = "imports:write";
    /** Adding admins: never granted to an API client, so a leaked client cannot leave an admin behind. */
    public static final String ADMIN_USERS_WRITE = "admin_users:write";

    public static final List<String> ALL = List.of(
            TENANT_READ,
            TENANT_WRITE,
            API_CLIENTS_READ,
            API_CLIENTS_WRITE,
            ACCOUNTS_READ,
            ACCOUNTS_WRITE,
            LINK_TOKENS_WRITE,
            OAUTH_APPS_READ,
            OAUTH_APPS_WRITE,
            UNIFIED_READ,
            UNIFIED_WRITE,
            PROXY,
            LOGS_READ,
            WEBHOOKS_READ,
            WEBHOOKS_WRITE,
            IMPORTS_READ,
            IMPORTS_WRITE);

    /** What an admin-UI session holds. */
    public static final List<String> ADMIN_SESSION = java.util.stream.Stream.concat(
                    ALL.stream(), java.util.stream.Stream.of(ADMIN_USERS_WRITE))
            .toList();

    private Scopes() {}
}

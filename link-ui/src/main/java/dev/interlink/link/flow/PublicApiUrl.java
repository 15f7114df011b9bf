package dev.interlink.link.flow;

/**
 * platform-api as the end customer's browser reaches it (the OAuth start route opens there, and OAuth outcomes are
 * accepted only from its origin): {@code INTERLINK_PUBLIC_API_URL}, else {@code INTERLINK_API_URL}, else
 * {@code http://127.0.0.1:8080}.
 */
final class PublicApiUrl {
    private PublicApiUrl() {}

    static String get() {
        for (String name : new String[] {"INTERLINK_PUBLIC_API_URL", "INTERLINK_API_URL"}) {
            String v = System.getenv(name);
            if (v != null && !v.isBlank()) {
                return v.trim().replaceAll("/+$", "");
            }
        }
        return "http://127.0.0.1:8080";
    }
}

package dev.interlink.platform.provider.catalog;

/** How a provider authenticates: a static key, HTTP basic, or OAuth2 (a future Lever connector). */
public enum AuthMode {
    API_KEY,
    BASIC,
    OAUTH2
}

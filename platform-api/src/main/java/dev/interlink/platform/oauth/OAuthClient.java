package dev.interlink.platform.oauth;

/** The OAuth app (client) a token call authenticates as. {@code toString} never shows the secret. */
public record OAuthClient(String clientId, String clientSecret) {
    @Override
    public String toString() {
        return "OAuthClient[" + clientId + "]";
    }
}

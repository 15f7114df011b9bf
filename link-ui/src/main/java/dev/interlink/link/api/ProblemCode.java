package dev.interlink.link.api;

/** The platform-api problem codes link-ui reacts to. */
public final class ProblemCode {
    public static final String TOKEN_INVALID = "LINK.TOKEN_INVALID";
    public static final String TOKEN_EXPIRED = "LINK.TOKEN_EXPIRED";
    public static final String TOKEN_CONSUMED = "LINK.TOKEN_CONSUMED";
    public static final String TOO_MANY_ATTEMPTS = "LINK.TOO_MANY_ATTEMPTS";
    public static final String PROVIDER_NOT_ALLOWED = "LINK.PROVIDER_NOT_ALLOWED";
    public static final String INPUT_INVALID = "PLATFORM.INPUT_INVALID";
    public static final String CREDENTIALS_INVALID = "INTEGRATION.CREDENTIALS_INVALID";
    public static final String REMOTE_UNAVAILABLE = "REMOTE.SERVICE_UNAVAILABLE";
    public static final String OAUTH_CONSENT_DENIED = "OAUTH.CONSENT_DENIED";
    public static final String OAUTH_STATE_INVALID = "LINK.OAUTH_STATE_INVALID";
    public static final String OAUTH_CODE_REJECTED = "LINK.OAUTH_CODE_REJECTED";
    public static final String OAUTH_APP_NOT_CONFIGURED = "INTEGRATION.OAUTH_APP_NOT_CONFIGURED";
    /** Not sent by platform-api: link-ui could not reach platform-api at all (connect error, timeout). */
    public static final String API_UNREACHABLE = "LINK_UI.API_UNREACHABLE";
    /** Not sent by platform-api: a response link-ui could not understand. */
    public static final String UNEXPECTED = "LINK_UI.UNEXPECTED_RESPONSE";

    private ProblemCode() {}

    public static boolean isTokenProblem(String code) {
        return TOKEN_INVALID.equals(code) || TOKEN_EXPIRED.equals(code) || TOKEN_CONSUMED.equals(code);
    }
}

package dev.interlink.platform.webhook;

import dev.interlink.platform.common.DevMode;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * The rule for a saved endpoint URL: absolute {@code https} to a public host, no user info, no fragment, at most
 * 2048 characters. Dev mode ({@code INTERLINK_DEV_MODE}) also allows {@code http} and {@code https} to
 * {@code 127.0.0.1} and {@code localhost}, so a receiver on the developer's machine works. Addresses are checked
 * again at send time ({@link WebhookSender}).
 */
@Singleton
public class WebhookUrls {
    public static final int MAX_LENGTH = 2048;
    private static final Set<String> DEV_HOSTS = Set.of("127.0.0.1", "localhost");

    private final boolean devMode;

    public WebhookUrls(DevMode devMode) {
        this.devMode = devMode.enabled();
    }

    public boolean devMode() {
        return devMode;
    }

    /** Whether {@code host} is one dev mode lets us reach on loopback. */
    public boolean devLoopbackHost(String host) {
        return devMode && host != null && DEV_HOSTS.contains(host.toLowerCase(Locale.ROOT));
    }

    /** Null when {@code url} may be saved, else what is wrong (for a field error on {@code /url}). */
    public String problem(String url) {
        if (url == null || url.isBlank()) {
            return "is required";
        }
        if (url.length() > MAX_LENGTH) {
            return "at most " + MAX_LENGTH + " characters";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a valid URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!uri.isAbsolute() || host == null) {
            return "must be an absolute https URL with a host";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not contain user info";
        }
        if (uri.getRawFragment() != null) {
            return "must not contain a fragment";
        }
        if (devLoopbackHost(host) && (scheme.equals("http") || scheme.equals("https"))) {
            return null;
        }
        if (!scheme.equals("https")) {
            return devMode ? "must use https (http only to 127.0.0.1 or localhost in dev mode)" : "must use https";
        }
        String hostProblem = EgressGuard.hostProblem(host);
        return hostProblem == null ? null : hostProblem;
    }
}

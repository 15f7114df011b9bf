package dev.interlink.platform.oauth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.platform.common.Ids;
import dev.interlink.platform.oauth.OAuthLinkService.Delivery;
import dev.interlink.platform.oauth.OAuthLinkService.Outcome;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How an outcome reaches link-ui. Popup mode: a tiny page that posts {@code {type: "interlink:oauth", status, ...}}
 * to {@code window.opener} for the exact link-ui origin only, then closes; without an opener (a provider page with
 * {@code Cross-Origin-Opener-Policy} severs it) it hands the message to link-ui's relay page in the URL fragment,
 * which re-broadcasts it on {@code BroadcastChannel("interlink-oauth")} on link-ui's own origin. Redirect mode: a 302
 * back to {@code return_to} with the outcome in the query.
 */
final class OAuthLinkPage {
    static final String MESSAGE_TYPE = "interlink:oauth";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SCRIPT =
            """
            (function () {
              var message = %s, origin = %s, relay = %s, sent = false;
              try {
                if (window.opener && window.opener !== window) { window.opener.postMessage(message, origin); sent = true; }
              } catch (e) { /* the opener is gone */ }
              if (sent) { setTimeout(function () { window.close(); }, 100); }
              else { window.location.replace(relay + '#' + encodeURIComponent(JSON.stringify(message))); }
            })();
            """;

    private OAuthLinkPage() {}

    static Map<String, Object> message(Outcome outcome) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", MESSAGE_TYPE);
        m.put("status", outcome.success() ? "success" : "error");
        m.put("provider", outcome.provider());
        if (outcome.success()) {
            m.put("integrated_account_id", outcome.integratedAccountId().toString());
            m.put("reauthorized", outcome.reauthorized());
        } else {
            m.put("code", outcome.code());
            m.put("message", outcome.message());
        }
        return m;
    }

    static MutableHttpResponse<?> deliver(Outcome outcome, Delivery delivery, String relayUrl) {
        if (delivery.mode() == OAuthLinkSession.Mode.REDIRECT && delivery.returnTo() != null) {
            StringBuilder url = new StringBuilder(delivery.returnTo());
            url.append(delivery.returnTo().contains("?") ? '&' : '?');
            url.append("oauth_status=").append(outcome.success() ? "success" : "error");
            url.append("&provider=").append(enc(outcome.provider()));
            if (outcome.success()) {
                url.append("&integrated_account_id=").append(outcome.integratedAccountId());
            } else {
                url.append("&code=").append(enc(outcome.code()));
                url.append("&message=").append(enc(outcome.message()));
            }
            return secured(HttpResponse.status(HttpStatus.FOUND).header("Location", url.toString()));
        }
        return page(outcome, delivery.notifyOrigin(), relayUrl);
    }

    static MutableHttpResponse<?> redirect(String url) {
        return secured(HttpResponse.status(HttpStatus.FOUND).header("Location", url));
    }

    private static MutableHttpResponse<?> page(Outcome outcome, String origin, String relayUrl) {
        String nonce = Ids.random("", 18);
        String script = SCRIPT.formatted(js(message(outcome)), js(origin), js(relayUrl));
        String title = outcome.success() ? "Connected" : "Not connected";
        String text = outcome.success() ? "You can close this window." : outcome.message();
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + "</title><meta name=\"viewport\" content=\"width=device-width\"></head><body"
                + " style=\"font-family:system-ui,sans-serif;margin:2rem\"><h1 id=\"oauth-outcome\" data-status=\""
                + (outcome.success() ? "success" : "error") + "\" data-code=\""
                + esc(outcome.code() == null ? "" : outcome.code()) + "\">" + esc(title) + "</h1><p>"
                + esc(text) + "</p><script nonce=\"" + nonce + "\">" + script + "</script></body></html>";
        return secured(HttpResponse.status(outcome.success() ? HttpStatus.OK : HttpStatus.BAD_REQUEST)
                .body(html)
                .contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8")
                .header(
                        "Content-Security-Policy",
                        "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'unsafe-inline';"
                                + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'"));
    }

    private static MutableHttpResponse<?> secured(MutableHttpResponse<?> response) {
        return response.header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff");
    }

    /** A JSON literal that is safe inside a {@code <script>} element. */
    private static String js(Object value) {
        try {
            return JSON.writeValueAsString(value)
                    .replace("<", "\\u003c")
                    .replace(">", "\\u003e")
                    .replace("&", "\\u0026")
                    .replace("\u2028", "\\u2028")
                    .replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

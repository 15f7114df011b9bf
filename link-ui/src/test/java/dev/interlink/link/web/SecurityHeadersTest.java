package dev.interlink.link.web;

import static dev.interlink.link.api.FakePlatformLinkClient.cats;
import static dev.interlink.link.api.FakePlatformLinkClient.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlink.link.api.FakePlatformLinkClient;
import dev.interlink.link.api.LinkSession;
import dev.interlink.link.api.ProblemCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {
    private final FakePlatformLinkClient platform = new FakePlatformLinkClient();
    private final TokenOrigins tokenOrigins = new TokenOrigins(Clock.systemUTC(), 100, Duration.ofHours(1));
    private final SecurityHeaders headers = new SecurityHeaders(() -> platform, tokenOrigins, "http://127.0.0.1:8080");

    private static String frameAncestors(Map<String, String> headers) {
        String csp = headers.get(SecurityHeaders.CSP);
        return csp.substring(csp.indexOf("frame-ancestors ") + "frame-ancestors ".length());
    }

    private static LinkSession withOrigins(String... origins) {
        LinkSession s = session(cats());
        return new LinkSession(
                s.tenant(),
                s.endUser(),
                s.providers(),
                null,
                List.of(origins),
                Instant.now().plusSeconds(600));
    }

    @Test
    void the_link_page_may_be_framed_by_the_tenants_allowed_origins() {
        platform.session("tok", withOrigins("https://app.acme.com", "http://localhost:8095"));

        assertEquals("https://app.acme.com http://localhost:8095", frameAncestors(headers.headersFor(true, "tok")));
    }

    @Test
    void the_link_page_of_an_unknown_token_may_not_be_framed() {
        assertEquals("'none'", frameAncestors(headers.headersFor(true, "nonsense")));
    }

    @Test
    void the_link_page_without_token_may_not_be_framed() {
        assertEquals("'none'", frameAncestors(headers.headersFor(true, null)));
    }

    @Test
    void other_responses_may_not_be_framed() {
        platform.session("tok", withOrigins("https://app.acme.com"));

        assertEquals("'none'", frameAncestors(headers.headersFor(false, null)));
    }

    @Test
    void a_token_consumed_after_we_saw_it_keeps_its_origins_so_the_friendly_page_shows_in_the_frame() {
        FakePlatformLinkClient before =
                new FakePlatformLinkClient().session("tok", withOrigins("https://app.acme.com"));
        new SecurityHeaders(() -> before, tokenOrigins, null).headersFor(true, "tok");
        platform.tokenProblem("tok", ProblemCode.TOKEN_CONSUMED);

        assertEquals("https://app.acme.com", frameAncestors(headers.headersFor(true, "tok")));
    }

    @Test
    void origins_that_could_widen_or_break_the_policy_are_dropped() {
        platform.session(
                "tok", withOrigins("*", "https://ok.example", "https://evil.example; script-src *", "javascript:x"));

        assertEquals("https://ok.example", frameAncestors(headers.headersFor(true, "tok")));
    }

    @Test
    void every_response_forbids_sniffing_and_referrers() {
        Map<String, String> h = headers.headersFor(false, null);

        assertEquals("nosniff", h.get("X-Content-Type-Options"));
        assertEquals("no-referrer", h.get("Referrer-Policy"));
    }

    @Test
    void the_link_page_is_never_cached_and_never_sends_x_frame_options() {
        platform.session("tok", withOrigins("https://app.acme.com"));

        Map<String, String> h = headers.headersFor(true, "tok");

        assertEquals("no-store", h.get("Cache-Control"));
        assertFalse(h.containsKey("X-Frame-Options"));
    }

    @Test
    void the_policy_locks_down_everything_but_what_vaadin_needs() {
        String csp = headers.headersFor(false, null).get(SecurityHeaders.CSP);

        assertTrue(csp.contains("default-src 'self'"));
        assertTrue(csp.contains("object-src 'none'"));
        assertTrue(csp.contains("base-uri 'self'"));
        assertTrue(csp.contains("img-src 'self' data: https: http://127.0.0.1:8080"), csp);
    }
}

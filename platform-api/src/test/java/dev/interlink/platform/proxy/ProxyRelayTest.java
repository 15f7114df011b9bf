package dev.interlink.platform.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.http.RawResponse;
import io.micronaut.http.MutableHttpResponse;
import java.io.ByteArrayInputStream;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ProxyController#relay}: every provider status, and the provider body closed whenever it is not handed on. */
class ProxyRelayTest {
    static final class TrackedBody extends ByteArrayInputStream {
        boolean closed;

        TrackedBody() {
            super("<html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static RawResponse remote(int status, TrackedBody body, Map<String, List<String>> headers) {
        return new RawResponse(status, HttpHeaders.of(headers, (a, b) -> true), body);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {100, 218, 299, 420, 499, 520, 530, 599})
    @DisplayName("a provider status outside Micronaut's enum is relayed as it is instead of answering 500")
    void unnamed_statuses_are_relayed(int status) {
        TrackedBody body = new TrackedBody();
        MutableHttpResponse<?> r = ProxyController.relay(remote(status, body, Map.of()), "GET");
        assertThat(r.code()).isEqualTo(status);
        assertThat(r.getHeaders().get("X-Remote-Status")).isEqualTo(String.valueOf(status));
        // 1xx has no body to stream: closed at once; otherwise the body is handed on to be streamed
        assertThat(body.closed).isEqualTo(status < 200);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {0, 99, 600, 999})
    @DisplayName("a provider answer that is not an HTTP status is a 502 and its connection is closed")
    void non_http_statuses_are_refused_and_closed(int status) {
        TrackedBody body = new TrackedBody();
        assertThatThrownBy(() -> ProxyController.relay(remote(status, body, Map.of()), "GET"))
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.code()).isEqualTo(ErrorCode.REMOTE_UNKNOWN_HTTP_ERROR));
        assertThat(body.closed).isTrue();
    }

    @Test
    @DisplayName("a HEAD, 204 or 304 answer closes the provider body instead of leaking the connection")
    void bodyless_answers_close_the_body() {
        for (int status : new int[] {204, 304}) {
            TrackedBody body = new TrackedBody();
            ProxyController.relay(remote(status, body, Map.of()), "GET");
            assertThat(body.closed).as("status " + status).isTrue();
        }
        TrackedBody head = new TrackedBody();
        ProxyController.relay(remote(200, head, Map.of()), "HEAD");
        assertThat(head.closed).isTrue();
    }

    @Test
    @DisplayName("an unparseable provider content type is served as octet-stream, not a 500 with a leaked connection")
    void a_malformed_content_type_does_not_break_the_relay() {
        TrackedBody body = new TrackedBody();
        MutableHttpResponse<?> r = ProxyController.relay(
                remote(200, body, Map.of("Content-Type", List.of("text/html; ;;=\"broken"))), "GET");
        assertThat(r.code()).isEqualTo(200);
    }

    @Test
    @DisplayName("a provider's inline HTML is served as a sandboxed, unsniffable attachment")
    void inline_html_becomes_a_sandboxed_attachment() {
        MutableHttpResponse<?> r = ProxyController.relay(
                remote(
                        200,
                        new TrackedBody(),
                        Map.of(
                                "Content-Type", List.of("text/html"),
                                "Content-Disposition", List.of("inline; filename=\"../../evil\r\n.html\""))),
                "GET");
        assertThat(r.getHeaders().get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.getHeaders().get("Content-Security-Policy")).isEqualTo("sandbox; default-src 'none'");
        assertThat(r.getHeaders().get("Content-Disposition"))
                .startsWith("attachment; filename=\"evil.html\"")
                .doesNotContain("\r", "\n", "..", "inline");
    }
}

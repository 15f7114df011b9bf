package dev.interlink.platform.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.auth.AccountAuth;
import dev.interlink.platform.provider.catalog.RetryRules;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The retry table, one row per test, with a recorded (not real) sleep. */
class RetryStepTest {
    private static final RetryRules RULES =
            new RetryRules(Set.of(429, 502, 503, 504), 3, Duration.ofMillis(500), Duration.ofSeconds(8), true);

    private final List<Duration> sleeps = new ArrayList<>();
    private final RetryStep step = new RetryStep(id -> Optional.of(RULES), Duration.ofSeconds(10), sleeps::add);
    private final ConnectorContext ctx = new ConnectorContext(
            new ConnectorContext.Target(
                    null,
                    UUID.randomUUID(),
                    "cats",
                    "CATS",
                    "http://provider.test",
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(2)),
            AccountAuth.fixed(Map.of()),
            null);
    private int sent;

    private static RawResponse response(int status, String... headers) {
        Map<String, List<String>> map = new java.util.HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], List.of(headers[i + 1]));
        }
        return new RawResponse(status, HttpHeaders.of(map, (a, b) -> true), new ByteArrayInputStream(new byte[0]));
    }

    private ProviderCall call(String method) {
        return new ProviderCall(
                method,
                URI.create("http://provider.test/x"),
                Map.of(),
                null,
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                false);
    }

    private RawResponse run(String method, Object... outcomes) {
        Deque<Object> queue = new ArrayDeque<>(List.of(outcomes));
        return step.apply(ctx, call(method), c -> {
            sent++;
            Object next = queue.removeFirst();
            if (next instanceof ApiProblem p) {
                throw p;
            }
            return (RawResponse) next;
        });
    }

    @Test
    void a_get_answered_503_is_retried_with_backoff_and_succeeds() {
        assertThat(run("GET", response(503), response(200)).status()).isEqualTo(200);
        assertThat(sent).isEqualTo(2);
        assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    }

    @Test
    void backoff_grows_exponentially_between_attempts() {
        run("GET", response(502), response(502), response(200));
        assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
    }

    @Test
    void attempts_are_bounded_and_the_last_answer_is_returned() {
        assertThat(run("GET", response(503), response(503), response(503)).status())
                .isEqualTo(503);
        assertThat(sent).isEqualTo(3);
    }

    @Test
    void a_429_honours_retry_after() {
        run("GET", response(429, "Retry-After", "3"), response(200));
        assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void a_retry_after_beyond_the_backoff_cap_is_returned_to_the_caller_instead_of_retrying_early() {
        assertThat(run("GET", response(429, "Retry-After", "30"), response(200)).status())
                .isEqualTo(429);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void a_retry_after_longer_than_the_time_budget_is_not_waited_for() {
        // 3 s is within the 8 s backoff cap (so the cap branch does not decide) but beyond the 2 s time budget
        RetryStep tight = new RetryStep(id -> Optional.of(RULES), Duration.ofSeconds(2), sleeps::add);
        Deque<RawResponse> answers = new ArrayDeque<>(List.of(response(429, "Retry-After", "3"), response(200)));
        assertThat(tight.apply(ctx, call("GET"), c -> answers.removeFirst()).status())
                .isEqualTo(429);
        assertThat(sleeps).isEmpty();
        assertThat(answers).hasSize(1);
    }

    @Test
    void a_post_answered_503_is_never_retried_blindly() {
        assertThat(run("POST", response(503), response(201)).status()).isEqualTo(503);
        assertThat(sent).isEqualTo(1);
    }

    @Test
    void a_post_answered_429_is_retried_because_nothing_was_done() {
        assertThat(run("POST", response(429, "Retry-After", "1"), response(201)).status())
                .isEqualTo(201);
    }

    @Test
    void a_post_with_an_idempotency_key_is_retried_on_503() {
        ProviderCall keyed = new ProviderCall(
                "POST",
                URI.create("http://provider.test/x"),
                Map.of("Idempotency-Key", List.of("k1")),
                null,
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                false);
        Deque<RawResponse> answers = new ArrayDeque<>(List.of(response(503), response(201)));
        assertThat(step.apply(ctx, keyed, c -> answers.removeFirst()).status()).isEqualTo(201);
    }

    @Test
    void a_connection_reset_on_a_get_is_retried() {
        ApiProblem reset = ApiProblem.of(ErrorCode.REMOTE_SERVICE_UNAVAILABLE, "connection reset");
        assertThat(run("GET", reset, response(200)).status()).isEqualTo(200);
    }

    @Test
    void a_connection_reset_on_a_post_is_not_retried() {
        ApiProblem reset = ApiProblem.of(ErrorCode.REMOTE_SERVICE_UNAVAILABLE, "connection reset");
        assertThatThrownBy(() -> run("POST", reset, response(201))).isSameAs(reset);
        assertThat(sent).isEqualTo(1);
    }

    @Test
    void a_timeout_is_not_retried_when_another_attempt_would_exceed_the_time_budget() {
        RetryStep tight = new RetryStep(id -> Optional.of(RULES), Duration.ofSeconds(2), sleeps::add);
        ApiProblem timeout = ApiProblem.of(ErrorCode.REMOTE_TIMEOUT, "no answer");
        assertThatThrownBy(() -> tight.apply(ctx, call("GET"), c -> {
                    sent++;
                    throw timeout;
                }))
                .isSameAs(timeout);
        assertThat(sent).isEqualTo(1);
    }

    @Test
    void a_404_is_not_retried() {
        assertThat(run("GET", response(404), response(200)).status()).isEqualTo(404);
        assertThat(sent).isEqualTo(1);
    }
}

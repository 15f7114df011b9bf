package dev.interlink.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.testing.ApiTest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class IdempotencyTest extends ApiTest {
    @Inject
    Idempotency idempotency;

    private final UUID tenant = UUID.randomUUID();
    private final AtomicInteger providerCalls = new AtomicInteger();

    @BeforeEach
    void resetCounter() {
        providerCalls.set(0); // one instance serves every test of this class
    }

    private Supplier<MutableHttpResponse<?>> created(String id) {
        return () -> {
            providerCalls.incrementAndGet();
            return HttpResponse.created(Map.of("id", id)).header("Location", "/things/" + id);
        };
    }

    @Test
    void the_same_key_and_body_replays_the_stored_response_without_calling_again() {
        String key = UUID.randomUUID().toString();
        idempotency.execute(tenant, key, "POST /things", Map.of("a", 1, "b", 2), created("t1"));
        HttpResponse<?> replay =
                idempotency.execute(tenant, key, "POST /things", Map.of("b", 2, "a", 1), created("t2"));
        assertThat(providerCalls).hasValue(1);
        assertThat(replay.code()).isEqualTo(201);
        assertThat(replay.getBody().orElseThrow().toString()).contains("t1");
        assertThat(replay.getHeaders().get("Location")).isEqualTo("/things/t1");
        assertThat(replay.getHeaders().get("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void the_same_key_with_another_body_is_a_409_conflict() {
        String key = UUID.randomUUID().toString();
        idempotency.execute(tenant, key, "POST /things", Map.of("a", 1), created("t1"));
        assertThatThrownBy(() -> idempotency.execute(tenant, key, "POST /things", Map.of("a", 2), created("t2")))
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.code()).isEqualTo(ErrorCode.PLATFORM_IDEMPOTENCY_CONFLICT));
        assertThat(providerCalls).hasValue(1);
    }

    @Test
    void keys_are_scoped_per_tenant() {
        String key = UUID.randomUUID().toString();
        idempotency.execute(tenant, key, "POST /things", Map.of("a", 1), created("t1"));
        idempotency.execute(UUID.randomUUID(), key, "POST /things", Map.of("a", 9), created("t2"));
        assertThat(providerCalls).hasValue(2);
    }

    @Test
    void a_failure_worth_retrying_is_not_stored_so_the_retry_runs_again() {
        String key = UUID.randomUUID().toString();
        HttpResponse<?> failed = idempotency.execute(tenant, key, "POST /things", Map.of(), () -> {
            throw ApiProblem.of(ErrorCode.REMOTE_SERVICE_UNAVAILABLE, "provider down");
        });
        assertThat(failed.code()).isEqualTo(502);
        assertThat(idempotency
                        .execute(tenant, key, "POST /things", Map.of(), created("t1"))
                        .code())
                .isEqualTo(201);
    }

    @Test
    void a_client_error_is_stored_and_replayed() {
        String key = UUID.randomUUID().toString();
        idempotency.execute(tenant, key, "POST /things", Map.of(), () -> {
            providerCalls.incrementAndGet();
            throw ApiProblem.invalid("/name", "is required");
        });
        HttpResponse<?> replay = idempotency.execute(tenant, key, "POST /things", Map.of(), created("t1"));
        assertThat(replay.code()).isEqualTo(400);
        assertThat(providerCalls).hasValue(1);
    }

    @Test
    void concurrent_duplicates_reach_the_provider_once_and_both_get_the_response() throws Exception {
        String key = UUID.randomUUID().toString();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Supplier<MutableHttpResponse<?>> slow = () -> {
            providerCalls.incrementAndGet();
            inside.countDown();
            try {
                release.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return HttpResponse.created(Map.of("id", "only"));
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<HttpResponse<?>> first =
                    pool.submit(() -> idempotency.execute(tenant, key, "POST /x", Map.of(), slow));
            if (!inside.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                first.get(); // surfaces why the first request never reached the provider
            }
            Future<HttpResponse<?>> second =
                    pool.submit(() -> idempotency.execute(tenant, key, "POST /x", Map.of(), slow));
            release.countDown();
            assertThat(first.get().code()).isEqualTo(201);
            assertThat(second.get().code()).isEqualTo(201);
            assertThat(second.get().getBody().orElseThrow().toString()).contains("only");
            assertThat(providerCalls).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_malformed_key_is_a_400() {
        assertThatThrownBy(() -> idempotency.execute(tenant, "has space", "POST /x", Map.of(), created("t")))
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.code()).isEqualTo(ErrorCode.PLATFORM_INPUT_INVALID));
    }
}

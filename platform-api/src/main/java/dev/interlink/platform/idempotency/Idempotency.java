package dev.interlink.platform.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.Ids;
import dev.interlink.platform.common.Problems;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} for writes. The first request with a key claims it (a row inserted with
 * {@code ON CONFLICT DO NOTHING}, so two replicas cannot both claim it); its outcome is stored for 24 h.
 * The same key with the same body replays the stored response without calling the provider again; with
 * another body it answers 409 {@code PLATFORM.IDEMPOTENCY_CONFLICT}. A concurrent duplicate waits for the
 * first to finish and gets its response. Outcomes that are worth retrying (5xx, 429) are not stored, so a
 * retry with the same key runs again.
 */
@Singleton
public class Idempotency {
    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final Duration POLL = Duration.ofMillis(50);

    private final IdempotencyStore store;
    private final ObjectMapper json;
    private final Duration concurrentWait;

    public Idempotency(
            IdempotencyStore store,
            ObjectMapper json,
            @Value("${interlink.idempotency.concurrent-wait:10s}") Duration concurrentWait) {
        this.store = store;
        this.json = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        this.concurrentWait = concurrentWait;
    }

    public HttpResponse<?> execute(
            UUID tenantId,
            @Nullable String key,
            String operation,
            @Nullable Object body,
            Supplier<MutableHttpResponse<?>> action) {
        if (key == null) {
            return action.get();
        }
        if (!KEY.matcher(key).matches()) {
            throw ApiProblem.invalid("/headers/Idempotency-Key", "must be 1 to 255 visible ASCII characters");
        }
        String hash = Ids.sha256Hex(operation + "\n" + canonical(body));
        long deadline = System.nanoTime() + concurrentWait.toNanos();
        while (true) {
            if (store.claim(tenantId, key, hash)) {
                return runAndStore(tenantId, key, action);
            }
            Optional<IdempotencyStore.Stored> stored = store.find(tenantId, key);
            if (stored.isEmpty()) {
                continue; // expired and purged between our two statements: claim again
            }
            if (!stored.get().hash().equals(hash)) {
                throw ApiProblem.of(
                        ErrorCode.PLATFORM_IDEMPOTENCY_CONFLICT,
                        "This Idempotency-Key was used with another request; use a new key for a new request");
            }
            if (stored.get().status() != null) {
                return replay(stored.get());
            }
            if (System.nanoTime() > deadline) {
                throw ApiProblem.of(
                                ErrorCode.PLATFORM_IDEMPOTENCY_CONFLICT,
                                "A request with this Idempotency-Key is still in progress; retry later")
                        .with("retryable", true);
            }
            sleep();
        }
    }

    private MutableHttpResponse<?> runAndStore(UUID tenantId, String key, Supplier<MutableHttpResponse<?>> action) {
        MutableHttpResponse<?> response;
        try {
            response = action.get();
        } catch (ApiProblem problem) {
            response = Problems.response(problem);
        } catch (RuntimeException e) {
            store.release(tenantId, key);
            throw e;
        }
        int status = response.code();
        if (status >= 500 || status == 429) {
            store.release(tenantId, key);
            return response;
        }
        String body = response.getBody().map(this::write).orElse(null);
        String contentType = response.getContentType().map(MediaType::toString).orElse(null);
        String location = response.getHeaders().get(HttpHeaders.LOCATION);
        store.complete(tenantId, key, status, contentType, location, body);
        return response;
    }

    private MutableHttpResponse<?> replay(IdempotencyStore.Stored stored) {
        MutableHttpResponse<Object> response = HttpResponse.status(HttpStatus.valueOf(stored.status()));
        if (stored.body() != null) {
            response.body(read(stored.body()));
        }
        if (stored.contentType() != null) {
            response.contentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.header(HttpHeaders.LOCATION, stored.location());
        }
        return response.header("Idempotent-Replayed", "true");
    }

    private String canonical(Object body) {
        try {
            return body == null ? "" : json.writeValueAsString(json.valueToTree(body));
        } catch (Exception e) {
            throw new IllegalStateException("request body could not be hashed", e);
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException("response could not be stored", e);
        }
    }

    private Object read(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("stored response is not JSON", e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

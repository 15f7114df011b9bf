package dev.interlink.platform.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.auth.AccountAuth;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The auth step puts the seam's headers on every attempt and lets the seam decide what a 401/403 means. */
class AuthStepTest {
    private final AuthStep step = new AuthStep();
    private final List<String> sentAuthorization = new ArrayList<>();
    private final Deque<Integer> statuses = new ArrayDeque<>();

    /** A seam whose token changes on refresh; {@code refreshes} says how many refreshes succeed. */
    private static final class Refreshing implements AccountAuth {
        int token = 1;
        int refreshes;
        final List<Integer> rejections = new ArrayList<>();

        Refreshing(int refreshes) {
            this.refreshes = refreshes;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Authorization", "Bearer t" + token);
        }

        @Override
        public boolean rejected(int status, String reason) {
            rejections.add(status);
            if (refreshes-- > 0) {
                token++;
                return true;
            }
            return false;
        }

        @Override
        public Collection<String> secrets() {
            return List.of("t" + token);
        }
    }

    private RawResponse send(AccountAuth auth) {
        ConnectorContext ctx = new ConnectorContext(
                new ConnectorContext.Target(
                        null, UUID.randomUUID(), "acme", "Acme", "http://acme.test", Duration.ofSeconds(1), null),
                auth,
                null);
        ProviderCall call = ctx.call("GET", URI.create("http://acme.test/x"), Map.of(), null, false);
        return step.apply(ctx, call, c -> {
            sentAuthorization.add(c.headers().get("Authorization").get(0));
            return new RawResponse(
                    statuses.poll(), HttpHeaders.of(Map.of(), (a, b) -> true), new ByteArrayInputStream(new byte[0]));
        });
    }

    @Test
    void every_attempt_carries_the_seams_headers() {
        statuses.add(200);
        assertThat(send(new Refreshing(0)).status()).isEqualTo(200);
        assertThat(sentAuthorization).containsExactly("Bearer t1");
    }

    @Test
    void a_rejection_the_seam_cannot_repair_is_answered_without_a_retry() {
        statuses.add(401);
        Refreshing auth = new Refreshing(0);
        assertThat(send(auth).status()).isEqualTo(401);
        assertThat(sentAuthorization).hasSize(1);
        assertThat(auth.rejections).containsExactly(401);
    }

    @Test
    void after_a_refresh_the_call_is_retried_once_with_the_new_credentials() {
        statuses.addAll(List.of(401, 200));
        assertThat(send(new Refreshing(1)).status()).isEqualTo(200);
        assertThat(sentAuthorization).containsExactly("Bearer t1", "Bearer t2");
    }

    @Test
    void a_second_rejection_after_a_refresh_stands_and_is_reported_to_the_seam() {
        statuses.addAll(List.of(401, 403, 200));
        Refreshing auth = new Refreshing(5);
        assertThat(send(auth).status()).isEqualTo(403);
        assertThat(sentAuthorization).hasSize(2);
        assertThat(auth.rejections).containsExactly(401, 403);
    }

    @Test
    void statuses_that_are_not_rejections_never_reach_the_seam() {
        statuses.add(404);
        Refreshing auth = new Refreshing(1);
        assertThat(send(auth).status()).isEqualTo(404);
        assertThat(auth.rejections).isEmpty();
    }
}

package dev.interlink.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailedTokensTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void a_refused_token_is_refused_again_within_the_ttl() {
        FailedTokens failed = new FailedTokens();
        failed.refused("bad.token.value", NOW);

        assertThat(failed.recentlyRefused(
                        "bad.token.value", NOW.plus(FailedTokens.TTL).minusSeconds(1)))
                .isTrue();
    }

    @Test
    void a_refusal_is_forgotten_after_the_ttl() {
        FailedTokens failed = new FailedTokens();
        failed.refused("bad.token.value", NOW);

        assertThat(failed.recentlyRefused(
                        "bad.token.value", NOW.plus(FailedTokens.TTL).plusSeconds(1)))
                .isFalse();
        assertThat(failed.size()).isZero();
    }

    @Test
    void another_token_is_not_refused_by_a_neighbours_refusal() {
        FailedTokens failed = new FailedTokens();
        failed.refused("bad.token.value", NOW);

        assertThat(failed.recentlyRefused("bad.token.valuf", NOW)).isFalse();
    }

    @Test
    void a_flood_of_distinct_refusals_never_holds_more_than_the_bound() {
        FailedTokens failed = new FailedTokens();
        for (int i = 0; i < FailedTokens.MAX_ENTRIES + 10; i++) {
            failed.refused("forged." + i + ".x".repeat(100), NOW);
        }

        assertThat(failed.size()).isLessThanOrEqualTo(FailedTokens.MAX_ENTRIES);
    }
}

package dev.interlink.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {
    @Test
    @DisplayName("a flood of 8 KB tokens cannot grow the verified-token cache past its byte budget")
    void the_cache_is_bounded_by_bytes() {
        VerifiedTokens cache = new VerifiedTokens(Duration.ofSeconds(30));
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .expirationTime(Date.from(Instant.now().plusSeconds(900)))
                .build();
        String padding = "x".repeat(8 * 1024);
        long peak = 0;
        for (int i = 0; i < 10_000; i++) { // 10k × 8 KB = 80 MB of tokens if entries were the only bound
            cache.put(padding + i, "kid", claims);
            peak = Math.max(peak, cache.weightedBytes());
        }
        assertThat(peak).isLessThanOrEqualTo(VerifiedTokens.MAX_BYTES);
        assertThat(cache.size()).isLessThan(VerifiedTokens.MAX_ENTRIES);
        // an ordinary token is still remembered
        cache.put("ordinary.jwt.token", "kid", claims);
        assertThat(cache.get("ordinary.jwt.token", "kid", Instant.now())).isPresent();
    }

    @Test
    @DisplayName("a single oversized token is verified every time instead of filling the cache")
    void an_oversized_token_is_not_cached() {
        VerifiedTokens cache = new VerifiedTokens(Duration.ofSeconds(30));
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .expirationTime(Date.from(Instant.now().plusSeconds(900)))
                .build();
        cache.put("y".repeat(600_000), "kid", claims);
        assertThat(cache.size()).isZero();
        assertThat(cache.weightedBytes()).isZero();
    }
}

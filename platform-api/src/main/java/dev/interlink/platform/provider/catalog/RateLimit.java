package dev.interlink.platform.provider.catalog;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * A provider's per-account request budget and the response headers that report it. {@code policy} is
 * {@code sliding_window} (limit per window: CATS 500 per rolling hour) or {@code token_bucket}
 * (ratePerSecond, burst: Loxo 4/s, burst 10). Header names are null when the provider sends none.
 */
public record RateLimit(
        String policy,
        int limit,
        @Nullable Duration window,
        double ratePerSecond,
        int burst,
        @Nullable String limitHeader,
        @Nullable String remainingHeader,
        @Nullable String retryAfterHeader) {

    public static final String SLIDING_WINDOW = "sliding_window";
    public static final String TOKEN_BUCKET = "token_bucket";
}

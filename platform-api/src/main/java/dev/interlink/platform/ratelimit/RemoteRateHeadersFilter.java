package dev.interlink.platform.ratelimit;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;

/** Tells the caller the connected account's provider budget: {@code X-Remote-RateLimit-Limit/-Remaining/-Reset}. */
@ServerFilter(value = "/**", patternStyle = FilterPatternStyle.ANT)
public class RemoteRateHeadersFilter {
    @ResponseFilter
    public void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(RateBudgetStep.ATTRIBUTE, RateDecision.class).ifPresent(d -> {
            if (response.getHeaders().contains("X-Remote-RateLimit-Limit")) {
                return; // a 429 problem already carries them
            }
            response.header("X-Remote-RateLimit-Limit", Integer.toString(d.limit()))
                    .header("X-Remote-RateLimit-Remaining", Integer.toString(d.remaining()))
                    .header("X-Remote-RateLimit-Reset", Long.toString(d.resetSeconds()));
        });
    }
}

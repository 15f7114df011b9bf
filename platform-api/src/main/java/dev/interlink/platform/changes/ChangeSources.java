package dev.interlink.platform.changes;

import dev.interlink.platform.provider.changesource.ChangeFeed;
import dev.interlink.platform.provider.changesource.ProviderWebhook;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The change sources providers declare as beans (their feeds and webhooks), by catalog id. The engine asks here
 * instead of knowing any provider: a provider without a feed is listed in full, one without webhooks only polled.
 */
@Singleton
class ChangeSources {
    private final Map<String, ChangeFeed> feeds;
    private final Map<String, ProviderWebhook> webhooks;

    ChangeSources(List<ChangeFeed> feeds, List<ProviderWebhook> webhooks) {
        this.feeds = feeds.stream().collect(Collectors.toUnmodifiableMap(ChangeFeed::provider, Function.identity()));
        this.webhooks =
                webhooks.stream().collect(Collectors.toUnmodifiableMap(ProviderWebhook::provider, Function.identity()));
    }

    Optional<ChangeFeed> feed(String provider) {
        return Optional.ofNullable(feeds.get(provider));
    }

    Optional<ProviderWebhook> webhook(String provider) {
        return Optional.ofNullable(webhooks.get(provider));
    }
}

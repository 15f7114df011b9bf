package dev.interlink.platform.webhook;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.net.InetAddress;

@Factory
class WebhookSenderFactory {
    @Singleton
    WebhookSender.Resolver resolver() {
        return InetAddress::getAllByName;
    }

    @Singleton
    WebhookSender sender(WebhookSender.Resolver resolver, WebhookUrls urls, WebhookConfig config) {
        return new WebhookSender(resolver, urls, (int) config.timeout().toMillis());
    }
}

package dev.interlink.platform.ats.write;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Singleton;

/**
 * Micronaut refuses multipart files above {@code micronaut.server.multipart.max-file-size} (1 MB by default) with its
 * own 413 before our route runs. Raise it to our attachment limit (+1 byte) so the limit, and its
 * {@code PLATFORM.PAYLOAD_TOO_LARGE} problem, is ours; defaults in code, no configuration file change.
 */
@Singleton
public class MultipartLimit implements BeanCreatedEventListener<HttpServerConfiguration> {
    private final long maxBytes;

    public MultipartLimit(@Value("${interlink.attachments.max-bytes:26214400}") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public HttpServerConfiguration onCreated(BeanCreatedEvent<HttpServerConfiguration> event) {
        HttpServerConfiguration server = event.getBean();
        HttpServerConfiguration.MultipartConfiguration config = server.getMultipart();
        if (config != null && config.getMaxFileSize() < maxBytes + 1) config.setMaxFileSize(maxBytes + 1);
        return server;
    }
}

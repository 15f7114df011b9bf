package dev.interlink.platform.provider.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;

/** A provider response whose body is still a stream. The receiver must close it. */
public record RawResponse(int status, HttpHeaders headers, InputStream body) implements AutoCloseable {

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public String contentType() {
        return headers.firstValue("Content-Type").orElse("");
    }

    /** Reads at most {@code max} bytes of the body (for error messages), then closes it. */
    public byte[] readPrefix(int max) {
        try (InputStream in = body) {
            return in.readNBytes(max);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    public byte[] readAll() {
        try (InputStream in = body) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }
}

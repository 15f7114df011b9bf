package dev.interlink.platform.provider.catalog;

import java.time.Duration;

/** Connect and read (whole response) timeouts for calls to one provider. */
public record Timeouts(Duration connect, Duration read) {}

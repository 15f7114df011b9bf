package dev.interlink.platform.changes;

/** Where a detected change came from: the {@code source} of every ATS event. */
public enum Source {
    PROVIDER_WEBHOOK("provider_webhook"),
    POLL("poll"),
    INTERLINK_WRITE("interlink_write");

    private final String wire;

    Source(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}

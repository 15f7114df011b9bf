package dev.interlink.platform.imports.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;

/** A snapshot as the writers see it: its column paths, then its rows in snapshot order. */
public interface SnapshotRows {
    List<String> columns();

    /** Calls sink once per record, in order; values aligned with columns(); a missing value is null or NullNode. */
    void forEach(RowSink sink) throws IOException;

    @FunctionalInterface
    interface RowSink {
        void accept(List<JsonNode> values) throws IOException;
    }
}

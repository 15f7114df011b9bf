package dev.interlink.platform.imports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.platform.imports.export.CsvExport;
import dev.interlink.platform.imports.export.SnapshotRows;
import dev.interlink.platform.imports.export.XlsxExport;
import io.micronaut.http.MediaType;
import io.micronaut.http.server.types.files.StreamedFile;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A snapshot streamed as JSON, CSV or XLSX in flat memory: a writer thread reads the records through a database
 * cursor (one read-only transaction) into a pipe that the HTTP response drains. A client that goes away breaks the
 * pipe, which ends the writer and its transaction.
 */
@Singleton
class SnapshotExports {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotExports.class);
    static final MediaType CSV = MediaType.of("text/csv; charset=utf-8");
    static final MediaType XLSX = MediaType.of("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    private static final int PIPE_BYTES = 256 * 1024;

    private final SnapshotRepository snapshots;
    private final ObjectMapper json;
    private final ExecutorService writers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "snapshot-export");
        t.setDaemon(true);
        return t;
    });

    SnapshotExports(SnapshotRepository snapshots, ObjectMapper json) {
        this.snapshots = snapshots;
        this.json = json;
    }

    enum Format {
        JSON,
        CSV,
        XLSX
    }

    StreamedFile stream(Snapshot snapshot, Format format, boolean bom, String fileName) {
        PipedInputStream in = new PipedInputStream(PIPE_BYTES);
        PipedOutputStream out;
        try {
            out = new PipedOutputStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writers.execute(() -> {
            try (out) {
                write(snapshot, format, bom, out);
            } catch (IOException | UncheckedIOException e) {
                LOG.debug("Export of snapshot {} ended early: {}", snapshot.id(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("Export of snapshot {} failed", snapshot.id(), e);
            }
        });
        MediaType type =
                switch (format) {
                    case JSON -> MediaType.APPLICATION_JSON_TYPE;
                    case CSV -> CSV;
                    case XLSX -> XLSX;
                };
        return new StreamedFile(in, type).attach(fileName + "." + format.name().toLowerCase(java.util.Locale.ROOT));
    }

    void write(Snapshot snapshot, Format format, boolean bom, OutputStream out) throws IOException {
        switch (format) {
            case CSV -> CsvExport.write(rows(snapshot), out, bom);
            case XLSX -> XlsxExport.write(rows(snapshot), out, "Snapshot");
            case JSON -> writeJson(snapshot, out);
        }
        out.flush();
    }

    private void writeJson(Snapshot snapshot, OutputStream out) throws IOException {
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("snapshot_id", snapshot.id().toString());
            g.writeArrayFieldStart("fields");
            for (String f : snapshot.fields()) g.writeString(f);
            g.writeEndArray();
            g.writeArrayFieldStart("records");
            snapshots.forEach(snapshot.id(), (id, values) -> json.writeTree(g, values));
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    SnapshotRows rows(Snapshot snapshot) {
        return new SnapshotRows() {
            @Override
            public List<String> columns() {
                return snapshot.fields();
            }

            @Override
            public void forEach(RowSink sink) throws IOException {
                try {
                    snapshots.forEach(snapshot.id(), (id, values) -> {
                        List<JsonNode> row = new ArrayList<>(snapshot.fields().size());
                        for (String f : snapshot.fields()) row.add(values.get(f));
                        sink.accept(row);
                    });
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
        };
    }

    @PreDestroy
    void stop() {
        writers.shutdownNow();
    }
}

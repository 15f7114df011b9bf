package dev.interlink.platform.imports.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (no *Test suffix, so surefire runs it only when named): writes 100,000 generated rows × 10
 * columns with each writer to a file under target/ and prints one BENCH line per writer: time, file size, heap used
 * before, and the peak of the heap pools while writing (summed per pool, so an upper bound). The rows are generated
 * on the fly, so any growth is the writer's. Run with a small heap to show it streams:
 *
 * <pre>
 * mvn -B -ntp -q -pl platform-api -am verify -Dtest=ExportBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *   -DargLine=-Xmx64m
 * </pre>
 */
class ExportBenchmark {
    private static final int ROWS = Integer.getInteger("export.rows", 100_000);
    private static final List<String> COLUMNS = List.of(
            "id",
            "first_name",
            "last_name",
            "emails.0.email",
            "score",
            "rating",
            "active",
            "remote_updated_at",
            "birthday",
            "note");

    @Test
    void write_100k_rows_with_each_writer() throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "export-benchmark"));
        // warm-up so the figures are not the JIT's
        run("csv-warmup", dir.resolve("warmup.csv"), 10_000, out -> CsvExport.write(rows(10_000), out, true));
        run("xlsx-warmup", dir.resolve("warmup.xlsx"), 10_000, out -> XlsxExport.write(rows(10_000), out, "Bench"));
        run("csv", dir.resolve("bench.csv"), ROWS, out -> CsvExport.write(rows(ROWS), out, true));
        run("xlsx", dir.resolve("bench.xlsx"), ROWS, out -> XlsxExport.write(rows(ROWS), out, "Bench"));
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static void run(String name, Path file, int rows, Writer writer) throws IOException {
        System.gc();
        long before = usedHeap();
        List<MemoryPoolMXBean> pools = heapPools();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            writer.write(out);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        if (name.endsWith("warmup")) {
            return;
        }
        System.out.printf(
                "BENCH export | writer=%s rows=%d columns=%d time_ms=%d file_bytes=%d heap_before_mb=%.1f"
                        + " heap_peak_mb=%.1f max_heap_mb=%d cores=%d%n",
                name,
                rows,
                COLUMNS.size(),
                millis,
                Files.size(file),
                before / 1048576.0,
                peak / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576,
                Runtime.getRuntime().availableProcessors());
    }

    private static List<MemoryPoolMXBean> heapPools() {
        List<MemoryPoolMXBean> heap = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heap.add(pool);
            }
        }
        return heap;
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Rows made as they are read, like a snapshot streamed from the database. */
    private static SnapshotRows rows(int count) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        Instant base = Instant.parse("2024-01-01T00:00:00Z");
        return new SnapshotRows() {
            @Override
            public List<String> columns() {
                return COLUMNS;
            }

            @Override
            public void forEach(RowSink sink) throws IOException {
                for (int i = 0; i < count; i++) {
                    List<JsonNode> row = List.of(
                            json.textNode("cand-" + i),
                            json.textNode("First" + (i % 977)),
                            json.textNode("Last-name " + i),
                            json.textNode("person" + i + "@example.com"),
                            json.numberNode(i % 1000 - 500),
                            json.numberNode(i / 7.0),
                            json.booleanNode(i % 2 == 0),
                            json.textNode(base.plusSeconds(i * 61L).toString()),
                            json.textNode(String.format("19%02d-%02d-%02d", 50 + i % 50, 1 + i % 12, 1 + i % 28)),
                            json.textNode(i % 10 == 0 ? "=SUM(A1:A2), \"quoted\"" : "note " + i));
                    sink.accept(row);
                }
            }
        };
    }
}

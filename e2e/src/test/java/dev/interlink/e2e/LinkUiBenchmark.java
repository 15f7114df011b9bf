package dev.interlink.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Not part of the normal run (no *Test suffix): {@code mvn -pl e2e verify -Dtest=LinkUiBenchmark}. Measures, through
 * the real platform-api, how long the link page takes from navigation start until its first screen is usable (the
 * provider tiles are rendered and visible), how long choosing CATS takes until its credential input is usable, and
 * how many bytes the first load transfers (Resource Timing {@code transferSize}: navigation + every resource and
 * UIDL request up to that moment). Cold = a fresh browser profile per run; warm = the same browser, HTTP cache warm.
 * Writes {@code target/benchmarks/link-ui.md}.
 */
class LinkUiBenchmark {
    private static final int RUNS = Integer.getInteger("bench.runs", 10);
    private static Stack stack;

    /** Resolves with timings once the provider tiles are visible. */
    private static final String WAIT_USABLE =
            """
            var done = arguments[arguments.length - 1];
            function ready() {
              var t = document.getElementById('provider-cats');
              return t && t.offsetParent !== null;
            }
            function report() {
              var now = performance.now();
              var nav = performance.getEntriesByType('navigation')[0];
              var res = performance.getEntriesByType('resource');
              var bytes = nav ? nav.transferSize : 0, decoded = nav ? nav.decodedBodySize : 0;
              res.forEach(function (r) { bytes += r.transferSize; decoded += r.decodedBodySize; });
              done({ usable_ms: now, ttfb_ms: nav ? nav.responseStart : -1, load_ms: nav ? nav.loadEventEnd : -1,
                     transfer_bytes: bytes, decoded_bytes: decoded, requests: res.length + 1 });
            }
            if (ready()) { report(); return; }
            var obs = new MutationObserver(function () { if (ready()) { obs.disconnect(); report(); } });
            obs.observe(document.documentElement, { childList: true, subtree: true, attributes: true });
            """;

    /** Clicks the CATS tile and resolves with the time until its API key input is usable. */
    private static final String CHOOSE_CATS =
            """
            var done = arguments[arguments.length - 1];
            var t0 = performance.now();
            function input() { return document.querySelector('#api_key input'); }
            function ready() { var i = input(); return i && i.offsetParent !== null && !i.disabled; }
            var obs = new MutationObserver(function () {
              if (ready()) { obs.disconnect(); done(performance.now() - t0); }
            });
            obs.observe(document.documentElement, { childList: true, subtree: true, attributes: true });
            document.getElementById('provider-cats').click();
            """;

    @BeforeAll
    static void start() throws Exception {
        stack = Stack.start("bench");
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.close();
    }

    @Test
    void measure() throws Exception {
        List<Map<String, Object>> cold = new ArrayList<>();
        List<Double> coldChoose = new ArrayList<>();
        for (int i = 0; i < RUNS + 1; i++) { // run 0 warms the servers' JITs and is dropped
            try (Browser browser = Browser.start(stack.target, "bench-cold-" + i)) {
                Map<String, Object> r = oneLoad(browser, "bench-cold-" + i);
                double choose =
                        ((Number) ((JavascriptExecutor) browser.driver).executeAsyncScript(CHOOSE_CATS)).doubleValue();
                if (i > 0) {
                    cold.add(r);
                    coldChoose.add(choose);
                }
            }
        }
        List<Map<String, Object>> warm = new ArrayList<>();
        try (Browser browser = Browser.start(stack.target, "bench-warm")) {
            oneLoad(browser, "bench-warm-prime");
            for (int i = 0; i < RUNS; i++) warm.add(oneLoad(browser, "bench-warm-" + i));
        }

        StringBuilder md = new StringBuilder();
        md.append("| | median | min | max |\n|---|---|---|---|\n");
        row(md, "cold: navigation start → provider tiles usable (ms)", col(cold, "usable_ms"));
        row(md, "cold: time to first byte of the page (ms)", col(cold, "ttfb_ms"));
        row(md, "cold: choose CATS → API key input usable (ms)", coldChoose);
        row(md, "cold: transferred bytes until usable", col(cold, "transfer_bytes"));
        row(md, "cold: decoded bytes until usable", col(cold, "decoded_bytes"));
        row(md, "cold: requests until usable", col(cold, "requests"));
        row(md, "warm: navigation start → provider tiles usable (ms)", col(warm, "usable_ms"));
        row(md, "warm: transferred bytes until usable", col(warm, "transfer_bytes"));
        md.append("\nRuns: ")
                .append(RUNS)
                .append(" cold (fresh profile each) + ")
                .append(RUNS)
                .append(" warm.\n");
        Path out = Files.createDirectories(stack.target.resolve("benchmarks")).resolve("link-ui.md");
        Files.writeString(out, md);
        System.out.println(md);
        assertTrue(!cold.isEmpty());
    }

    private Map<String, Object> oneLoad(Browser browser, String user) throws Exception {
        JsonNode token = stack.linkToken(Map.of("end_user", Map.of("id", user)));
        browser.driver.get(token.path("link_url").asText());
        @SuppressWarnings("unchecked")
        Map<String, Object> r =
                (Map<String, Object>) ((JavascriptExecutor) browser.driver).executeAsyncScript(WAIT_USABLE);
        return r;
    }

    private static List<Double> col(List<Map<String, Object>> runs, String key) {
        List<Double> out = new ArrayList<>();
        for (Map<String, Object> r : runs) out.add(((Number) r.get(key)).doubleValue());
        return out;
    }

    private static void row(StringBuilder md, String label, List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        md.append(String.format("| %s | %.0f | %.0f | %.0f |%n", label, median, sorted.get(0), sorted.get(n - 1)));
    }
}

package dev.interlink.platform.changes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.platform.provider.RemoteKey;
import dev.interlink.platform.testing.LeverConnection;
import dev.interlink.platform.webhook.WebhookReceiver;
import dev.interlink.sandbox.Sandbox;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * Not a test (no Test suffix: the build never runs it): prints figures for docs/benchmarks.md. Run:
 * {@code ./interlink bench events}. Stage change → delivery latency, measured from just before the recruiter's call
 * on the sandbox to the moment the tenant's receiver holds the delivery (checked every 5 ms), on the webhook paths
 * (CATS, Lever; poller starved as in the end-to-end test) and on the polling path (CATS with its webhook removed,
 * {@code interlink.changes.poll-interval} 2 s).
 */
@MicronautTest(transactional = false)
class EventsBenchmark extends ChangeDeliveryHarness {
    static final int MOVES = Integer.getInteger("bench.moves", 20);

    @Test
    void run() throws Exception {
        System.out.println("BENCH events | cores=" + Runtime.getRuntime().availableProcessors() + " moves=" + MOVES
                + " | poll interval 2 s");
        catsWebhook();
        catsPolling();
        leverWebhook();
    }

    void catsWebhook() {
        String account = importKeyAccount("cats", 801);
        SandboxCats cats = cats("cats", 801);
        awaitBaseline(account);
        starvePoller("cats", account);
        report("CATS webhook", moves(account, cats));
    }

    void catsPolling() {
        String account = importKeyAccount("cats", 802);
        SandboxCats cats = cats("cats", 802);
        awaitBaseline(account);
        cats.deleteWebhooks();
        report("CATS polling", moves(account, cats));
    }

    List<Long> moves(String account, SandboxCats cats) {
        SandboxCats.Pipeline p = cats.firstPipeline();
        long a = p.statusId();
        long b = cats.otherStatus(p);
        String application = RemoteKey.encode(String.valueOf(p.id()));
        List<Long> ms = new ArrayList<>();
        for (int i = 1; i <= MOVES; i++) {
            long to = i % 2 == 1 ? b : a;
            ms.add(timed(() -> cats.move(p.id(), to), () -> count(account, application), i));
        }
        return ms;
    }

    void leverWebhook() throws Exception {
        LeverConnection connection = LeverConnection.connect(sandbox, api, tenant, apps, 803, 5);
        Sandbox.TokenPair pair = connection.tokens();
        String account = connection.accountId();
        awaitBaseline(account);
        starvePoller("lever", account);
        JsonNode opp = leverApi(pair.accessToken(), "GET", "/opportunities?limit=1", null)
                .path("data")
                .get(0);
        String a = opp.path("stage").asText();
        String b = null;
        for (JsonNode s : leverApi(pair.accessToken(), "GET", "/stages", null).path("data")) {
            if (!s.path("id").asText().equals(a)) b = s.path("id").asText();
        }
        String other = b;
        String application = RemoteKey.encode(opp.path("id").asText());
        List<Long> ms = new ArrayList<>();
        for (int i = 1; i <= MOVES; i++) {
            String to = i % 2 == 1 ? other : a;
            ms.add(timed(
                    () -> {
                        try {
                            leverApi(
                                    pair.accessToken(),
                                    "PUT",
                                    "/opportunities/" + opp.path("id").asText() + "/stage",
                                    Map.of("stage", to));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    () -> count(account, application),
                    i));
        }
        report("Lever webhook", ms);
    }

    int count(String account, String application) {
        return (int) receiver.received("/hooks").stream()
                .filter(r -> about(r, account, application))
                .map(WebhookReceiver.Received::id)
                .distinct()
                .count();
    }

    /** Milliseconds from just before {@code move} until {@code delivered} reaches {@code expected}. */
    static long timed(Runnable move, IntSupplier delivered, int expected) {
        long start = System.nanoTime();
        move.run();
        long end = start + WAIT.toNanos();
        while (delivered.getAsInt() < expected) {
            assertThat(System.nanoTime())
                    .as("delivery " + expected + " arrived")
                    .isLessThan(end);
            ChangeTesting.sleep(5);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    static void report(String path, List<Long> ms) {
        List<Long> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        System.out.printf(
                "BENCH events | %-14s | stage change -> delivery | n=%d p50 %d ms  p90 %d ms  max %d ms%n",
                path,
                sorted.size(),
                sorted.get(sorted.size() / 2),
                sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1),
                sorted.get(sorted.size() - 1));
    }
}

package dev.interlink.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.platform.linking.MutableClock;
import dev.interlink.platform.linking.TestClockFactory;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retries, outages and auto-disable under a mutable clock (hours and days pass in milliseconds): the worker polls
 * in real time, but every "now" it uses (due times, leases, failure runs) comes from the test clock.
 */
@MicronautTest(transactional = false)
class WebhookRetryScheduleTest extends ApiTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final MutableClock CLOCK = TestClockFactory.CLOCK;

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Inject
    OutboxEvents events;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    EndpointRepository endpoints;

    @Inject
    TransactionOperations<Connection> tx;

    Api api;
    WebhookReceiver receiver;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> props = new HashMap<>(WebhookTesting.properties());
        props.put("interlink.test.clock", "mutable");
        return props;
    }

    @BeforeAll
    void setUp() throws Exception {
        api = new Api(server.getURI());
        receiver = new WebhookReceiver();
    }

    @AfterAll
    void tearDown() {
        receiver.close();
    }

    /** A fresh tenant (its token is valid at the clock's current time). */
    private TestTenant tenant(String name) {
        return TestTenants.create(tenants, api, name);
    }

    private UUID endpoint(TestTenant t, String path, List<String> types) {
        JsonNode ep = WebhookTesting.createEndpoint(api, t.token(), receiver.url(path), types);
        return UUID.fromString(ep.get("id").asText());
    }

    private Delivery onlyDelivery(TestTenant t, UUID endpointId) {
        List<Delivery> list = deliveries.list(t.id(), endpointId, new DeliveryRepository.Filter(null, null), null, 10);
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    private Delivery awaitDelivery(TestTenant t, UUID endpointId, Predicate<Delivery> condition) {
        long end = System.nanoTime() + WAIT.toNanos();
        Delivery last = null;
        while (System.nanoTime() < end) {
            last = onlyDelivery(t, endpointId);
            if (condition.test(last)) {
                return last;
            }
            WebhookReceiver.sleep(20);
        }
        throw new AssertionError("delivery condition not met: " + last);
    }

    @Test
    void a_failing_delivery_is_retried_after_5s_5m_30m_2h_5h_10h_10h_and_then_marked_failed() {
        TestTenant t = tenant("Schedule Co");
        receiver.answer("/schedule", 503);
        UUID endpointId = endpoint(t, "/schedule", List.of("ats.job.created"));
        events.publish(t.id(), "ats.job.created", Map.of("job", "1"));

        for (int attempt = 1; attempt <= RetrySchedule.MAX_ATTEMPTS; attempt++) {
            int n = attempt;
            receiver.await("/schedule", l -> l.size() == n, WAIT);
            Delivery d = awaitDelivery(t, endpointId, x -> x.attemptCount() == n);
            assertThat(d.lastStatusCode()).isEqualTo(503);
            if (attempt == RetrySchedule.MAX_ATTEMPTS) {
                assertThat(d.status()).isEqualTo("failed");
                assertThat(d.nextAttemptAt()).isNull();
                break;
            }
            assertThat(d.status()).isEqualTo("pending");
            Duration base = RetrySchedule.DELAYS.get(attempt - 1);
            Instant attemptedAt = d.attempts().get(attempt - 1).attemptedAt();
            Duration delay = Duration.between(attemptedAt, d.nextAttemptAt());
            assertThat(delay)
                    .as("delay after attempt " + attempt)
                    .isBetween(base, base.multipliedBy(11).dividedBy(10));
            if (attempt == 1) {
                CLOCK.advance(base.dividedBy(2));
                WebhookReceiver.sleep(400);
                assertThat(receiver.received("/schedule"))
                        .as("no retry before it is due")
                        .hasSize(1);
                CLOCK.advance(delay.minus(base.dividedBy(2)).plusSeconds(1));
            } else {
                CLOCK.advance(delay.plusSeconds(1));
            }
        }
        List<WebhookReceiver.Received> all = receiver.received("/schedule");
        assertThat(all).hasSize(8);
        assertThat(all)
                .extracting(WebhookReceiver.Received::id)
                .containsOnly(all.get(0).id());
    }

    @Test
    void after_an_hour_of_receiver_downtime_every_event_arrives_with_a_valid_signature_and_a_stable_id()
            throws Exception {
        TestTenant t = tenant("Outage Co");
        AtomicBoolean down = new AtomicBoolean(true);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        receiver.answer("/outage", r -> {
            if (down.get()) {
                return WebhookReceiver.Answer.of(503);
            }
            acknowledged.add(r.id());
            return WebhookReceiver.Answer.of(204);
        });
        JsonNode ep = WebhookTesting.createEndpoint(api, t.token(), receiver.url("/outage"), List.of("ats.*"));
        String secret = ep.get("secret").asText();

        List<String> published = new ArrayList<>();
        for (int minute = 0; minute < 60; minute += 5) { // one event every 5 simulated minutes, all refused
            String id = events.publishReturningId(t.id(), "ats.candidate.updated", Map.of("minute", minute));
            published.add(id);
            // the first attempt must happen (and be refused) while the receiver is down, however busy the machine
            receiver.await("/outage", got -> got.stream().anyMatch(r -> r.id().equals(id)), Duration.ofSeconds(30));
            CLOCK.advance(Duration.ofMinutes(5));
        }
        assertThat(acknowledged).isEmpty();
        down.set(false);
        for (int step = 0; step < 24 && acknowledged.size() < published.size(); step++) {
            CLOCK.advance(Duration.ofMinutes(30));
            WebhookReceiver.sleep(300);
        }
        assertThat(acknowledged).containsExactlyInAnyOrderElementsOf(published);

        Map<String, List<WebhookReceiver.Received>> byId = new LinkedHashMap<>();
        receiver.received("/outage").forEach(r -> byId.computeIfAbsent(r.id(), k -> new ArrayList<>())
                .add(r));
        assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(published);
        List<StandardWebhooksVerifier.Capture> captures = new ArrayList<>();
        byId.values().forEach(attempts -> {
            assertThat(attempts.size())
                    .as("refused at least once, then delivered")
                    .isGreaterThan(1);
            assertThat(attempts)
                    .extracting(WebhookReceiver.Received::body)
                    .containsOnly(attempts.get(0).body());
            attempts.forEach(a -> captures.add(StandardWebhooksVerifier.capture(secret, a, true)));
        });
        StandardWebhooksVerifier.Outcome outcome = StandardWebhooksVerifier.verify(captures);
        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
    }

    @Test
    void an_endpoint_failing_for_5_days_is_disabled_with_a_reason() {
        TestTenant t = tenant("Dead Co");
        receiver.answer("/dead", 500);
        UUID endpointId = endpoint(t, "/dead", List.of("ats.job.updated"));
        events.publish(t.id(), "ats.job.updated", Map.of("n", 1));
        receiver.await("/dead", l -> l.size() == 1, WAIT);
        awaitDelivery(t, endpointId, d -> d.attemptCount() == 1);
        assertThat(endpoints.findById(endpointId).orElseThrow().failingSince()).isNotNull();

        CLOCK.advance(Duration.ofDays(4));
        events.publish(t.id(), "ats.job.updated", Map.of("n", 2));
        receiver.await("/dead", l -> l.size() >= 2, WAIT);
        WebhookReceiver.sleep(300);
        assertThat(endpoints.findById(endpointId).orElseThrow().status()).isEqualTo("active");

        CLOCK.advance(Duration.ofDays(1).plusMinutes(1));
        events.publish(t.id(), "ats.job.updated", Map.of("n", 3));
        long end = System.nanoTime() + WAIT.toNanos();
        WebhookEndpoint e = endpoints.findById(endpointId).orElseThrow();
        while (e.active() && System.nanoTime() < end) {
            WebhookReceiver.sleep(50);
            e = endpoints.findById(endpointId).orElseThrow();
        }
        assertThat(e.status()).isEqualTo("disabled");
        assertThat(e.disabledReason()).contains("failed since").contains("5 days");
    }

    @Test
    void a_success_ends_the_failure_run_so_intermittent_failures_never_disable() {
        TestTenant t = tenant("Flaky Co");
        AtomicBoolean fail = new AtomicBoolean(true);
        receiver.answer("/flaky", r -> WebhookReceiver.Answer.of(fail.get() ? 500 : 200));
        UUID endpointId = endpoint(t, "/flaky", List.of("ats.job.created"));
        events.publish(t.id(), "ats.job.created", Map.of("n", 1));
        receiver.await("/flaky", l -> l.size() == 1, WAIT);
        fail.set(false);
        CLOCK.advance(Duration.ofSeconds(6));
        receiver.await("/flaky", l -> l.size() == 2, WAIT);
        awaitDelivery(t, endpointId, d -> d.status().equals("succeeded"));
        assertThat(endpoints.findById(endpointId).orElseThrow().failingSince()).isNull();
    }

    @Test
    void a_delivery_leased_by_a_replica_that_died_is_sent_by_another_once_the_lease_expires() {
        TestTenant t = tenant("Lease Co");
        UUID endpointId = endpoint(t, "/lease", List.of("ats.attachment.created"));
        // publish and claim in one transaction as a replica that then dies: nobody else sees the row unleased
        String id = tx.executeWrite(status -> {
            String eventId = events.publishReturningId(t.id(), "ats.attachment.created", Map.of("n", 1));
            List<DeliveryRepository.Claim> claimed =
                    deliveries.claim(CLOCK.instant(), 100, 100, Duration.ofSeconds(60), "replica-that-died");
            assertThat(claimed).extracting(DeliveryRepository.Claim::eventId).contains(eventId);
            return eventId;
        });
        WebhookReceiver.sleep(500);
        assertThat(receiver.received("/lease"))
                .as("leased: not sent while the lease runs")
                .isEmpty();

        CLOCK.advance(Duration.ofSeconds(61));
        WebhookReceiver.Received r =
                receiver.await("/lease", l -> l.size() == 1, WAIT).get(0);
        assertThat(r.id()).isEqualTo(id);
        Delivery d = awaitDelivery(t, endpointId, x -> x.status().equals("succeeded"));
        assertThat(d.attemptCount()).isEqualTo(1);
    }
}

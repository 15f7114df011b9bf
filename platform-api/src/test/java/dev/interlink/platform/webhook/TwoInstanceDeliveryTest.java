package dev.interlink.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.linking.TestClockFactory;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.DatabaseAvailable;
import dev.interlink.platform.testing.TestDatabase;
import dev.interlink.platform.testing.TestKeys;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two platform-api replicas on one schema deliver the same outbox: every event exactly once to a healthy receiver,
 * and a delivery whose replica dies mid-send is sent by the survivor once the lease expires.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(DatabaseAvailable.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the failover test kills a replica: it runs last
class TwoInstanceDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private Map<String, String> database;
    private Map<String, Object> props;
    private EmbeddedServer first;
    private EmbeddedServer second;
    private TestTenant tenant;
    private WebhookReceiver receiver;

    @BeforeAll
    void startTwoReplicas() throws Exception {
        database = TestDatabase.freshSchema();
        props = new HashMap<>(database);
        props.putAll(WebhookTesting.properties());
        props.put("interlink.jwt.keys", TestKeys.JWKS);
        props.put("micronaut.server.port", -1);
        props.put("interlink.test.clock", "mutable");
        props.put("interlink.webhooks.per-endpoint-concurrency", 8);
        first = ApplicationContext.run(EmbeddedServer.class, props, "test");
        tenant = TestTenants.create(
                first.getApplicationContext().getBean(TenantService.class), new Api(first.getURI()), "Replicas Co");
        receiver = new WebhookReceiver();
    }

    @AfterAll
    void stop() {
        if (first != null && first.isRunning()) first.close();
        if (second != null && second.isRunning()) second.close();
        if (receiver != null) receiver.close();
        if (database != null) {
            TestDatabase.drop(database.get("interlink.test.base-url"), database.get("interlink.test.schema"));
        }
    }

    private OutboxEvents events(EmbeddedServer s) {
        return s.getApplicationContext().getBean(OutboxEvents.class);
    }

    /** Publishes {@code n} events in one transaction (so they become due together); returns seconds to deliver. */
    private double deliverAll(String path, int n) {
        EmbeddedServer any = first;
        io.micronaut.transaction.TransactionOperations<java.sql.Connection> tx =
                any.getApplicationContext().getBean(io.micronaut.transaction.TransactionOperations.class);
        OutboxEvents events = events(any);
        tx.executeWrite(status -> {
            for (int i = 0; i < n; i++) {
                events.publish(tenant.id(), "ats.candidate.created", Map.of("n", i, "path", path));
            }
            return null;
        });
        long start = System.nanoTime();
        receiver.await(path, l -> l.size() >= n, WAIT);
        return (System.nanoTime() - start) / 1e9;
    }

    private void assertEachIdOnce(String path, int n) {
        Map<String, Long> perId = receiver.received(path).stream()
                .collect(Collectors.groupingBy(WebhookReceiver.Received::id, Collectors.counting()));
        assertThat(perId).hasSize(n);
        assertThat(perId.values()).as("deliveries per webhook-id at " + path).containsOnly(1L);
    }

    @Test
    @Order(1)
    void one_replica_delivers_every_event_once() {
        String endpoint = WebhookTesting.createEndpoint(
                        new Api(first.getURI()), tenant.token(), receiver.url("/one"), List.of("ats.candidate.*"))
                .get("id")
                .asText();
        int n = 300;
        double seconds = deliverAll("/one", n);
        WebhookReceiver.sleep(500);
        assertEachIdOnce("/one", n);
        System.out.printf(
                "TwoInstanceDeliveryTest: one replica, %d deliveries in %.2f s (%.0f/s)%n", n, seconds, n / seconds);
        new Api(first.getURI()).patch("/webhook-endpoints/" + endpoint, tenant.token(), Map.of("status", "disabled"));
    }

    @Test
    @Order(2)
    void two_replicas_deliver_every_event_exactly_once() {
        second = ApplicationContext.run(EmbeddedServer.class, props, "test");
        WebhookTesting.createEndpoint(
                new Api(first.getURI()), tenant.token(), receiver.url("/two"), List.of("ats.candidate.*"));
        int n = 600;
        double seconds = deliverAll("/two", n);
        WebhookReceiver.sleep(1_000); // a duplicate would arrive by now
        assertEachIdOnce("/two", n);
        System.out.printf(
                "TwoInstanceDeliveryTest: two replicas, %d deliveries in %.2f s (%.0f/s)%n", n, seconds, n / seconds);
    }

    @Test
    @Order(3)
    void a_delivery_whose_replica_dies_mid_send_is_delivered_by_the_other_after_the_lease() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        receiver.raw("/failover", exchange -> {
            if (calls.incrementAndGet() == 1) {
                try {
                    release.await(30, TimeUnit.SECONDS); // the first replica hangs here until it is killed
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(200, -1);
        });
        EmbeddedServer third = ApplicationContext.run(EmbeddedServer.class, props, "test");
        try {
            WebhookTesting.createEndpoint(
                    new Api(first.getURI()), tenant.token(), receiver.url("/failover"), List.of("ats.job.created"));
            String id = events(first).publishReturningId(tenant.id(), "ats.job.created", Map.of("job", "x"));
            receiver.await("/failover", l -> l.size() == 1, Duration.ofSeconds(10));

            // which replica holds the lease? kill exactly that one, mid-send
            String holder = lockedBy(third, id);
            EmbeddedServer dying = List.of(first, second, third).stream()
                    .filter(s -> s.getApplicationContext()
                            .getBean(DeliveryWorker.class)
                            .workerId()
                            .equals(holder))
                    .findFirst()
                    .orElseThrow();
            dying.getApplicationContext().close();
            EmbeddedServer survivor = dying == third ? first : third;
            WebhookReceiver.sleep(500);
            assertThat(receiver.received("/failover"))
                    .as("nobody retries during the lease")
                    .hasSize(1);

            TestClockFactory.CLOCK.advance(Duration.ofSeconds(61));
            List<WebhookReceiver.Received> got =
                    receiver.await("/failover", l -> l.size() == 2, Duration.ofSeconds(10));
            assertThat(got).extracting(WebhookReceiver.Received::id).containsOnly(id);
            assertThat(got.get(1).body()).isEqualTo(got.get(0).body());
            Delivery d = awaitSucceeded(survivor, id);
            assertThat(d.attemptCount())
                    .as("the dead replica never recorded its attempt")
                    .isEqualTo(1);
        } finally {
            release.countDown();
            if (third.isRunning()) third.close();
        }
    }

    private static String lockedBy(EmbeddedServer s, String eventId) {
        io.micronaut.data.jdbc.runtime.JdbcOperations jdbc =
                s.getApplicationContext().getBean(io.micronaut.data.jdbc.runtime.JdbcOperations.class);
        io.micronaut.transaction.TransactionOperations<java.sql.Connection> tx =
                s.getApplicationContext().getBean(io.micronaut.transaction.TransactionOperations.class);
        return tx.executeRead(
                status -> jdbc.prepareStatement("select locked_by from webhook_delivery where event_id = ?", ps -> {
                    ps.setString(1, eventId);
                    try (java.sql.ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getString(1);
                    }
                }));
    }

    private Delivery awaitSucceeded(EmbeddedServer s, String eventId) {
        DeliveryRepository repo = s.getApplicationContext().getBean(DeliveryRepository.class);
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            UUID endpoint = endpointOf(s, eventId);
            List<Delivery> list =
                    repo.list(tenant.id(), endpoint, new DeliveryRepository.Filter("succeeded", null), null, 10);
            if (!list.isEmpty()) {
                return list.get(0);
            }
            WebhookReceiver.sleep(50);
        }
        throw new AssertionError("not delivered: " + eventId);
    }

    private static UUID endpointOf(EmbeddedServer s, String eventId) {
        io.micronaut.data.jdbc.runtime.JdbcOperations jdbc =
                s.getApplicationContext().getBean(io.micronaut.data.jdbc.runtime.JdbcOperations.class);
        io.micronaut.transaction.TransactionOperations<java.sql.Connection> tx =
                s.getApplicationContext().getBean(io.micronaut.transaction.TransactionOperations.class);
        return tx.executeRead(
                status -> jdbc.prepareStatement("select endpoint_id from webhook_delivery where event_id = ?", ps -> {
                    ps.setString(1, eventId);
                    try (java.sql.ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getObject(1, UUID.class);
                    }
                }));
    }
}

package dev.interlink.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.platform.account.AccountService;
import dev.interlink.platform.account.AccountStatus;
import dev.interlink.platform.account.EndUser;
import dev.interlink.platform.account.IntegratedAccount;
import dev.interlink.platform.provider.catalog.Catalog;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import dev.interlink.platform.vault.Credentials;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox joins the caller's transaction: an event exists exactly when the change that published it committed.
 * And the account lifecycle publishes its events that way.
 */
@MicronautTest(transactional = false)
class OutboxTransactionTest extends ApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Inject
    OutboxEvents events;

    @Inject
    AccountService accounts;

    @Inject
    Catalog catalog;

    @Inject
    JdbcOperations jdbc;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    TransactionOperations<Connection> tx;

    Api api;
    TestTenant tenant;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> props = new HashMap<>(WebhookTesting.properties());
        props.put("interlink.webhooks.worker-enabled", "false"); // rows stay pending: we only look at the outbox
        return props;
    }

    @BeforeAll
    void setUp() {
        api = new Api(server.getURI());
        tenant = TestTenants.create(tenants, api, "Outbox Co");
        WebhookTesting.createEndpoint(api, tenant.token(), "http://127.0.0.1:9/all", List.of("*"));
        WebhookTesting.createEndpoint(api, tenant.token(), "http://127.0.0.1:9/jobs", List.of("ats.job.*"));
    }

    private record Row(String id, String type, JsonNode data) {}

    private List<Row> eventsOf(UUID tenantId) {
        return tx.executeRead(s -> jdbc.prepareStatement(
                "select id, type, payload::text from webhook_event where tenant_id = ? order by created_at, id", ps -> {
                    ps.setObject(1, tenantId);
                    List<Row> rows = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(new Row(rs.getString(1), rs.getString(2), tree(rs.getString(3))));
                        }
                    }
                    return rows;
                }));
    }

    private static JsonNode tree(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private int deliveriesOf(String eventId) {
        return tx.executeRead(
                s -> jdbc.prepareStatement("select count(*) from webhook_delivery where event_id = ?", ps -> {
                    ps.setString(1, eventId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }));
    }

    @Test
    void a_rolled_back_transaction_leaves_no_event_and_no_delivery() {
        TestTenant t = TestTenants.create(tenants, api, "Rollback Co");
        WebhookTesting.createEndpoint(api, t.token(), "http://127.0.0.1:9/rb", List.of("*"));
        assertThatThrownBy(() -> tx.executeWrite(status -> {
                    events.publish(t.id(), "ats.job.created", Map.of("job", "1"));
                    assertThat(eventsOf(t.id()))
                            .as("visible inside the transaction")
                            .hasSize(1);
                    throw new IllegalStateException("the change failed");
                }))
                .hasMessageContaining("the change failed");
        assertThat(eventsOf(t.id())).isEmpty();
        int deliveries = tx.executeRead(
                s -> jdbc.prepareStatement("select count(*) from webhook_delivery where tenant_id = ?", ps -> {
                    ps.setObject(1, t.id());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }));
        assertThat(deliveries).isZero();
    }

    @Test
    void a_committed_publish_has_one_delivery_per_matching_active_endpoint() {
        String job = events.publishReturningId(tenant.id(), "ats.job.updated", Map.of("job", "2"));
        String candidate = events.publishReturningId(tenant.id(), "ats.candidate.created", Map.of("c", "3"));
        assertThat(deliveriesOf(job)).isEqualTo(2);
        assertThat(deliveriesOf(candidate)).isEqualTo(1);
    }

    @Test
    void a_publish_without_matching_endpoints_still_records_the_event() {
        TestTenant t = TestTenants.create(tenants, api, "No Endpoints Co");
        String id = events.publishReturningId(t.id(), "ats.job.created", Map.of());
        assertThat(eventsOf(t.id())).extracting(Row::id).containsExactly(id);
        assertThat(deliveriesOf(id)).isZero();
    }

    @Test
    void the_account_lifecycle_publishes_each_transition_with_ids_and_status_but_no_credentials() {
        TestTenant t = TestTenants.create(tenants, api, "Lifecycle Co");
        String apiKey = "cats-key-never-in-events-31337";
        IntegratedAccount account = accounts.create(
                t.id(),
                catalog.find("cats").orElseThrow(),
                new EndUser("end-user-7", "Ada", "ada@example.com"),
                Credentials.of(Map.of("api_key", apiKey)),
                Map.of("crm", "42"));
        String id = account.id().toString();
        accounts.markNeedsReauth(t.id(), account.id(), "the provider answered 401");
        accounts.replaceCredentials(t.id(), account.id(), Credentials.of(Map.of("api_key", apiKey + "-2")));
        accounts.update(t.id(), id, "disabled", null);
        accounts.update(t.id(), id, "active", null);
        accounts.update(t.id(), id, null, Map.of("crm", "43"));
        accounts.delete(t.id(), id);

        List<Row> rows = eventsOf(t.id());
        assertThat(rows)
                .extracting(Row::type)
                .containsExactly(
                        "integrated_account.created",
                        "integrated_account.needs_reauth",
                        "integrated_account.reactivated",
                        "integrated_account.disabled",
                        "integrated_account.reactivated",
                        "integrated_account.updated",
                        "integrated_account.deleted");
        JsonNode needsReauth = rows.get(1).data();
        assertThat(needsReauth.get("integrated_account_id").asText()).isEqualTo(id);
        assertThat(needsReauth.get("provider").asText()).isEqualTo("cats");
        assertThat(needsReauth.get("status").asText()).isEqualTo("needs_reauth");
        assertThat(needsReauth.get("previous_status").asText()).isEqualTo("active");
        assertThat(needsReauth.at("/end_user/id").asText()).isEqualTo("end-user-7");
        assertThat(rows.get(3).data().get("status").asText()).isEqualTo("disabled");
        assertThat(rows.get(0).data().has("previous_status")).isFalse();
        assertThat(rows.toString())
                .doesNotContain(apiKey)
                .doesNotContain("\"crm\"")
                .doesNotContain("ada@");
    }

    @Test
    void a_needs_reauth_mark_on_an_account_that_is_not_active_publishes_nothing() {
        TestTenant t = TestTenants.create(tenants, api, "Quiet Co");
        IntegratedAccount account = accounts.create(
                t.id(),
                catalog.find("cats").orElseThrow(),
                new EndUser("u", null, null),
                Credentials.of(Map.of("api_key", "k")),
                null);
        accounts.update(t.id(), account.id().toString(), "disabled", null);
        accounts.markNeedsReauth(t.id(), account.id(), "401");
        assertThat(accounts.find(t.id(), account.id()).orElseThrow().status()).isEqualTo(AccountStatus.DISABLED);
        assertThat(eventsOf(t.id()))
                .extracting(Row::type)
                .containsExactly("integrated_account.created", "integrated_account.disabled");
    }

    @Test
    void an_event_type_that_is_not_dotted_lower_case_is_refused() {
        assertThatThrownBy(() -> events.publish(tenant.id(), "Account Created", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_purge_deletes_old_events_with_nothing_pending_and_keeps_pending_ones() {
        TestTenant t = TestTenants.create(tenants, api, "Purge Co");
        String delivered = events.publishReturningId(t.id(), "ats.job.created", Map.of()); // no endpoint yet
        WebhookTesting.createEndpoint(api, t.token(), "http://127.0.0.1:9/purge", List.of("*"));
        String pending = events.publishReturningId(t.id(), "ats.job.created", Map.of());
        deliveries.purgeBefore(java.time.Instant.now().plusSeconds(60));
        assertThat(eventsOf(t.id()))
                .extracting(Row::id)
                .containsExactly(pending)
                .doesNotContain(delivered);
    }
}

package dev.interlink.platform.changes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.platform.provider.RemoteKey;
import dev.interlink.platform.testing.LeverConnection;
import dev.interlink.sandbox.Sandbox;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Both halves end to end (set-up in {@link ChangeDeliveryHarness}): a recruiter's stage move made directly on the
 * sandbox's CATS, Loxo or Lever reaches a tenant's receiver as {@code ats.application.stage_changed} with the right
 * previous and new stage, through the provider webhook or the poller, the real outbox and delivery workers, with a
 * signature the npm {@code standardwebhooks} package verifies.
 */
@MicronautTest(transactional = false)
class StageChangeDeliveryEndToEndTest extends ChangeDeliveryHarness {
    // ---- CATS ----

    @Test
    @DisplayName("A recruiter's CATS stage move reaches the tenant's endpoint, signed, through the CATS webhook path")
    void cats_stage_move_is_delivered_through_the_cats_webhook() throws Exception {
        String account = importKeyAccount("cats", 701);
        SandboxCats cats = cats("cats", 701);
        awaitBaseline(account);
        assertThat(cats.webhookCount())
                .as("registered: the tenant has an ATS endpoint")
                .isEqualTo(1);
        starvePoller("cats", account);

        SandboxCats.Pipeline p = cats.firstPipeline();
        long to = cats.otherStatus(p);
        cats.move(p.id(), to);

        String application = RemoteKey.encode(String.valueOf(p.id()));
        JsonNode event = awaitDelivery(account, application);
        assertThat(event.path("type").asText()).isEqualTo("ats.application.stage_changed");
        JsonNode data = event.path("data");
        assertThat(data.path("source").asText()).isEqualTo("provider_webhook");
        assertThat(data.path("provider").asText()).isEqualTo("cats");
        assertThat(data.at("/previous_stage/id").asText())
                .isEqualTo(RemoteKey.encode(String.valueOf(p.workflowId()), String.valueOf(p.statusId())));
        assertThat(data.at("/stage/id").asText())
                .isEqualTo(RemoteKey.encode(String.valueOf(p.workflowId()), String.valueOf(to)));
        onlyOneEventFor(account, application);
    }

    @Test
    @DisplayName("With the account's CATS webhook gone, a recruiter's CATS stage move reaches the endpoint by polling")
    void cats_stage_move_is_delivered_through_polling_without_webhook() throws Exception {
        String account = importKeyAccount("cats", 702);
        SandboxCats cats = cats("cats", 702);
        awaitBaseline(account);
        cats.deleteWebhooks(); // CATS webhooks off for this account: only the poller can see the move
        assertThat(cats.webhookCount()).isZero();

        SandboxCats.Pipeline p = cats.firstPipeline();
        long to = cats.otherStatus(p);
        cats.move(p.id(), to);

        JsonNode data =
                awaitDelivery(account, RemoteKey.encode(String.valueOf(p.id()))).path("data");
        assertThat(data.path("source").asText()).isEqualTo("poll");
        assertThat(data.at("/previous_stage/id").asText())
                .isEqualTo(RemoteKey.encode(String.valueOf(p.workflowId()), String.valueOf(p.statusId())));
        assertThat(data.at("/stage/id").asText())
                .isEqualTo(RemoteKey.encode(String.valueOf(p.workflowId()), String.valueOf(to)));
    }

    // ---- Loxo ----

    @Test
    @DisplayName("A recruiter's Loxo stage move reaches the tenant's endpoint, signed, by polling")
    void loxo_stage_move_is_delivered_through_polling() throws Exception {
        String account = importKeyAccount("loxo", 703);
        awaitBaseline(account);
        String hired = RemoteKey.encode("318337");
        JsonNode app = null;
        for (JsonNode x : api.get("/unified/ats/applications?limit=50&integrated_account_id=" + account, tenant.token())
                .json()
                .path("result")) {
            if (!hired.equals(x.at("/current_stage/id").asText())) {
                app = x;
                break;
            }
        }
        assertThat(app).as("an application not yet hired").isNotNull();
        String from = app.at("/current_stage/id").asText();

        // the recruiter, in Loxo: a person event moves the candidate (not through Interlink's write routes)
        loxoWriter.moveStage(
                callAccount.resolve(tenant.id(), account),
                RemoteKey.decode(app.path("id").asText(), 2, "/id"),
                RemoteKey.of("318337"),
                false);

        JsonNode data = awaitDelivery(account, app.path("id").asText()).path("data");
        assertThat(data.path("source").asText()).isEqualTo("poll");
        assertThat(data.path("provider").asText()).isEqualTo("loxo");
        assertThat(data.at("/previous_stage/id").asText()).isEqualTo(from);
        assertThat(data.at("/stage/id").asText()).isEqualTo(hired);
    }

    // ---- Lever ----

    @Test
    @DisplayName("A recruiter's Lever stage move reaches the tenant's endpoint, signed, through the Lever webhook")
    void lever_stage_move_is_delivered_through_the_lever_webhook() throws Exception {
        LeverConnection connection = LeverConnection.connect(sandbox, api, tenant, apps, 704, 5);
        Sandbox.TokenPair pair = connection.tokens();
        String account = connection.accountId();
        awaitBaseline(account);
        assertThat(leverApi(pair.accessToken(), "GET", "/webhooks", null).path("data"))
                .as("registered: the tenant has an ATS endpoint")
                .isNotEmpty();
        starvePoller("lever", account);

        JsonNode opp = leverApi(pair.accessToken(), "GET", "/opportunities?limit=1", null)
                .path("data")
                .get(0);
        String from = opp.path("stage").asText();
        String to = null;
        for (JsonNode s : leverApi(pair.accessToken(), "GET", "/stages", null).path("data")) {
            if (!s.path("id").asText().equals(from)) to = s.path("id").asText();
        }
        leverApi(
                pair.accessToken(), "PUT", "/opportunities/" + opp.path("id").asText() + "/stage", Map.of("stage", to));

        String application = RemoteKey.encode(opp.path("id").asText());
        JsonNode data = awaitDelivery(account, application).path("data");
        assertThat(data.path("source").asText()).isEqualTo("provider_webhook");
        assertThat(data.path("provider").asText()).isEqualTo("lever");
        assertThat(data.at("/previous_stage/id").asText()).isEqualTo(RemoteKey.encode(from));
        assertThat(data.at("/stage/id").asText()).isEqualTo(RemoteKey.encode(to));
        onlyOneEventFor(account, application);
    }
}

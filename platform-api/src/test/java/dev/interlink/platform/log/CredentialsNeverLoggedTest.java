package dev.interlink.platform.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.account.ProviderSandbox;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import dev.interlink.sandbox.Sandbox;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs every credential flow (import, rejection, outage, link session, re-auth, patch, delete) while capturing
 * everything written to stdout/stderr (where the JSON log appender writes), then looks for the keys.
 */
@MicronautTest(transactional = false)
class CredentialsNeverLoggedTest extends ApiTest {
    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Inject
    RequestLogWriter writer;

    @Override
    protected Map<String, String> extraProperties() {
        return ProviderSandbox.properties();
    }

    @Test
    void no_flow_writes_a_credential_to_the_logs() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(tee(out, captured), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(tee(err, captured), true, StandardCharsets.UTF_8));
        Sandbox.AccountInfo cats = ProviderSandbox.cats();
        Sandbox.AccountInfo cats2 = ProviderSandbox.cats();
        Sandbox.AccountInfo loxo = ProviderSandbox.loxo();
        Sandbox.AccountInfo down = ProviderSandbox.cats();
        ProviderSandbox.get().setFault(down.accountId(), "html500", 1.0, null, 0);
        String wrong = "wrong-key-never-in-logs-4711";
        try {
            Api api = new Api(server.getURI());
            TestTenant t = TestTenants.create(tenants, api, "Secrets");
            String id = api.post(
                            "/integrated-accounts",
                            t.token(),
                            Map.of(
                                    "provider", "cats",
                                    "end_user", Map.of("id", "u"),
                                    "credentials", Map.of("api_key", cats.apiKey())))
                    .json()
                    .get("id")
                    .asText();
            api.post(
                    "/integrated-accounts",
                    t.token(),
                    Map.of("provider", "cats", "end_user", Map.of("id", "u"), "credentials", Map.of("api_key", wrong)));
            api.post(
                    "/integrated-accounts",
                    t.token(),
                    Map.of(
                            "provider",
                            "cats",
                            "end_user",
                            Map.of("id", "u"),
                            "credentials",
                            Map.of("api_key", down.apiKey())));
            api.post(
                    "/integrated-accounts",
                    t.token(),
                    Map.of(
                            "provider", "loxo",
                            "end_user", Map.of("id", "u"),
                            "credentials", Map.of("api_key", loxo.apiKey(), "agency_slug", loxo.agencySlug())));
            api.post(
                    "/integrated-accounts",
                    t.token(),
                    "{\"provider\":\"cats\",\"credentials\":{\"api_key\":\"" + wrong + "\"");
            String token = api.post(
                            "/link-tokens",
                            t.token(),
                            Map.of("end_user", Map.of("id", "u"), "integrated_account_id", id))
                    .json()
                    .get("link_token")
                    .asText();
            api.send(
                    "POST",
                    "/link-session/accounts",
                    null,
                    Map.of("provider", "cats", "credentials", Map.of("api_key", wrong)),
                    Map.of("X-Link-Token", token));
            api.send(
                    "POST",
                    "/link-session/accounts",
                    null,
                    Map.of("provider", "cats", "credentials", Map.of("api_key", cats2.apiKey())),
                    Map.of("X-Link-Token", token));
            api.patch("/integrated-accounts/" + id, t.token(), Map.of("status", "disabled"));
            api.delete("/integrated-accounts/" + id, t.token());
            writer.flush();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).contains("Integrated account"); // the capture works
        for (String secret : List.of(cats.apiKey(), cats2.apiKey(), loxo.apiKey(), down.apiKey(), wrong)) {
            assertThat(logs).doesNotContain(secret);
        }
    }

    private static OutputStream tee(OutputStream a, OutputStream b) {
        return new OutputStream() {
            @Override
            public void write(int x) throws java.io.IOException {
                a.write(x);
                b.write(x);
            }

            @Override
            public void write(byte[] buf, int off, int len) throws java.io.IOException {
                a.write(buf, off, len);
                b.write(buf, off, len);
            }
        };
    }
}

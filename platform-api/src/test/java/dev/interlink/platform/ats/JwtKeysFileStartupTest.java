package dev.interlink.platform.ats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.common.DevMode;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestKeys;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Outside dev mode, with no {@code INTERLINK_CURSOR_KEY}, the JWT keys given only as a file
 * ({@code INTERLINK_JWT_KEYS_FILE}) are enough to start: tokens are signed with them and the cursor key derives
 * from them (decision 0021), the same key a replica given the same keys inline derives.
 */
@MicronautTest(transactional = false)
class JwtKeysFileStartupTest extends ApiTest {

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Inject
    Cursors cursors;

    @Override
    protected Map<String, String> extraProperties() {
        try {
            Path file = Files.createTempFile("jwt-keys", ".json");
            Files.writeString(file, TestKeys.JWKS + "\n");
            return Map.of(
                    "interlink.jwt.keys", "",
                    "interlink.jwt.keys-file", file.toString(),
                    "interlink.dev-mode", "false");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void a_service_given_only_the_jwt_keys_file_issues_tokens_that_it_accepts() {
        Api api = new Api(server.getURI());
        TestTenant acme = TestTenants.create(tenants, api, "Acme");
        assertThat(api.get("/tenant", acme.token()).status()).isEqualTo(200);
    }

    @Test
    void its_cursors_open_on_a_replica_given_the_same_keys_inline() {
        String hash = Cursors.queryHash("candidates", Map.of());
        String cursor = cursors.sign("acct", hash, "2:50");
        Cursors inline = new Cursors("", TestKeys.JWKS, "", new DevMode(false, ".interlink"));
        assertThat(inline.open(cursor, "acct", hash)).isEqualTo("2:50");
    }
}

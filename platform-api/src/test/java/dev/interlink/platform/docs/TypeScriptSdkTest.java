package dev.interlink.platform.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.account.ProviderSandbox;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.ApiTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The TypeScript client (sdk-typescript: types generated from the OpenAPI document by openapi-typescript, calls by
 * openapi-fetch, compiled by tsc) runs its smoke program against a real server.
 */
@MicronautTest(transactional = false)
class TypeScriptSdkTest extends ApiTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Override
    protected Map<String, String> extraProperties() {
        return ProviderSandbox.properties();
    }

    private static String run(ProcessBuilder process) throws Exception {
        Process p = process.directory(ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void the_typescript_client_gets_a_token_a_link_token_pages_candidates_and_reads_a_problem() throws Exception {
        run(new ProcessBuilder("bash", "scripts/build-sdk-typescript.sh"));
        TenantService.Bootstrap acme = tenants.create("TypeScript Recruiting");
        ProcessBuilder smoke = new ProcessBuilder("node", "sdk-typescript/dist/test/smoke.js");
        smoke.environment().put("INTERLINK_API", server.getURI().toString().replaceAll("/$", ""));
        smoke.environment().put("CLIENT_ID", acme.clientId());
        smoke.environment().put("CLIENT_SECRET", acme.clientSecret());
        smoke.environment()
                .put(
                        "CATS_API_KEY",
                        ProviderSandbox.get().createAccount("cats", 5, 5).apiKey());
        String output = run(smoke);
        assertThat(output)
                .contains("ok: a first page of 2 candidates and a next_cursor")
                .contains("ok: the next page has other candidates")
                .contains("ok: an invalid write answers a problem with its code and fields")
                .doesNotContain("FAILED");
    }
}

package dev.interlink.platform.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.platform.account.ProviderSandbox;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.ApiTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's walkthrough block with bash against a real server, so the README cannot rot: every
 * {@code curl -f} in it fails the test on an HTTP error.
 */
@MicronautTest(transactional = false)
class ReadmeWalkthroughTest extends ApiTest {
    private static final Pattern BLOCK =
            Pattern.compile("<!-- walkthrough[^>]*-->\\s*```bash\\n(.*?)```", Pattern.DOTALL);

    @Override
    protected Map<String, String> extraProperties() {
        // the walkthrough connects the sandbox's demo CATS account, as it would against ./interlink up
        ProviderSandbox.get().createAccount("cats", 42, 20, "demo-cats-key", null);
        return ProviderSandbox.properties();
    }

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Test
    void the_readme_walkthrough_runs_against_a_real_server() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher blocks = BLOCK.matcher(readme);
        StringBuilder script = new StringBuilder();
        while (blocks.find()) {
            script.append(blocks.group(1)).append('\n');
        }
        assertThat(script).as("README has walkthrough blocks").isNotEmpty();

        Path dir = Files.createTempDirectory("walkthrough");
        TenantService.Bootstrap acme = tenants.create("Acme Recruiting");
        // what `./interlink tenant create --name "Acme Recruiting" > acme.json` writes
        Files.writeString(
                dir.resolve("acme.json"),
                new ObjectMapper()
                        .writeValueAsString(Map.of(
                                "tenant_id",
                                acme.tenant().id(),
                                "client_id",
                                acme.clientId(),
                                "client_secret",
                                acme.clientSecret())));

        ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true);
        bash.environment().put("API", server.getURI().toString().replaceAll("/$", ""));
        Process process = bash.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("\"display_name\":\"Acme Recruiting\"")
                .contains("PLATFORM.AUTHENTICATION_INVALID")
                .contains("\"link_url\"")
                .contains("\"next_cursor\"");
    }
}

package dev.interlink.platform.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.account.ProviderSandbox;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the README's Java and TypeScript SDK snippets against a real server, so they cannot rot. */
@MicronautTest(transactional = false)
class ReadmeSdkSnippetsTest extends ApiTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    Map<String, String> env;

    @Override
    protected Map<String, String> extraProperties() {
        return ProviderSandbox.properties();
    }

    @BeforeAll
    void tenantAndAccount() {
        TenantService.Bootstrap acme = tenants.create("Snippet Recruiting");
        String api = server.getURI().toString().replaceAll("/$", "");
        Api http = new Api(server.getURI());
        String token = http.token(acme.clientId(), acme.clientSecret(), null)
                .json()
                .get("access_token")
                .asText();
        // 120 candidates: three pages of 50, so the snippets' loops follow next_cursor twice
        String key = ProviderSandbox.get().createAccount("cats", 11, 120).apiKey();
        Api.Response account = http.post(
                "/integrated-accounts",
                token,
                Map.of("provider", "cats", "end_user", Map.of("id", "c-1"), "credentials", Map.of("api_key", key)));
        assertThat(account.status()).as(account.text()).isEqualTo(201);
        env = Map.of(
                "API", api,
                "CLIENT_ID", acme.clientId(),
                "CLIENT_SECRET", acme.clientSecret(),
                "ACCOUNT", account.json().get("id").asText());
    }

    private static String snippet(String name, String language) throws Exception {
        Matcher m = Pattern.compile(
                        "<!-- " + name + ": executed[^>]*-->\\s*```" + language + "\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(ROOT.resolve("README.md")));
        assertThat(m.find()).as("README has the " + name + " snippet").isTrue();
        return m.group(1);
    }

    private String run(ProcessBuilder process) throws Exception {
        process.environment().putAll(env);
        Process p = process.redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }

    private static void assertRanTheWholeSnippet(String output) {
        assertThat(output).contains("link widget: http").contains("problem: PLATFORM.INPUT_INVALID");
        assertThat(output.lines().filter(l -> l.startsWith("candidate: "))).hasSize(120);
    }

    @Test
    void the_readme_java_snippet_runs_against_a_real_server() throws Exception {
        Path dir = Files.createTempDirectory("readme-java");
        Files.writeString(dir.resolve("Quickstart.java"), snippet("sdk-java", "java"));
        String classpath = System.getProperty("java.class.path");
        int compiled = ToolProvider.getSystemJavaCompiler()
                .run(
                        null,
                        null,
                        null,
                        "-cp",
                        classpath,
                        "-d",
                        dir.toString(),
                        dir.resolve("Quickstart.java").toString());
        assertThat(compiled).isZero();
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertRanTheWholeSnippet(
                run(new ProcessBuilder(javaBin, "-cp", dir + java.io.File.pathSeparator + classpath, "Quickstart")));
    }

    @Test
    void the_readme_typescript_snippet_runs_against_a_real_server() throws Exception {
        Path file = ROOT.resolve("sdk-typescript/test/readme.generated.ts");
        Files.writeString(file, snippet("sdk-typescript", "ts").replace("\"@interlink/sdk\"", "\"../src/index.js\""));
        run(new ProcessBuilder(
                "bash", ROOT.resolve("scripts/build-sdk-typescript.sh").toString()));
        assertRanTheWholeSnippet(run(new ProcessBuilder(
                "node",
                ROOT.resolve("sdk-typescript/dist/test/readme.generated.js").toString())));
    }
}

package dev.interlink.platform.provider.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interlink.platform.common.FieldError;
import dev.interlink.platform.vault.Credentials;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every catalog file is valid, and the catalog builds URLs and headers that never let a user pick the host. */
class CatalogTest {
    static final ClassLoader LOADER = CatalogTest.class.getClassLoader();

    static Stream<String> providerIds() {
        return CatalogLoader.discover(LOADER).stream();
    }

    static ProviderDefinition provider(String id) {
        return CatalogLoader.load(LOADER, id);
    }

    @Test
    void the_catalog_holds_cats_loxo_and_lever() {
        assertThat(CatalogLoader.discover(LOADER)).contains("cats", "loxo", "lever");
    }

    @Test
    void lever_sends_its_access_token_as_a_bearer_token_to_its_fixed_host() {
        ProviderDefinition lever = provider("lever");
        Credentials c = Credentials.of(Map.of("access_token", "eyJhbGciOi.payload.sig"));
        assertThat(lever.baseUrl(c)).isEqualTo("https://api.lever.co/v1");
        assertThat(lever.authHeaders(c)).isEqualTo(Map.of("Authorization", "Bearer eyJhbGciOi.payload.sig"));
        assertThat(lever.rateLimit().policy()).isEqualTo("token_bucket");
        assertThat(lever.verification().path()).isEqualTo("/users?limit=1");
        assertThat(lever.fields().stream().map(CredentialField::name).toList())
                .containsExactly("access_token", "refresh_token", "expires_at");
        assertThat(lever.field("refresh_token").orElseThrow().secret()).isTrue();
        assertThat(lever.field("expires_at").orElseThrow().required()).isFalse();
        assertThat(lever.validate(Map.of("access_token", "eyJhbGciOi.payload.sig", "expires_at", "tomorrow")))
                .extracting(FieldError::pointer)
                .containsExactly("/credentials/expires_at");
    }

    @ParameterizedTest
    @MethodSource("providerIds")
    void every_catalog_file_matches_the_schema(String id) {
        ProviderDefinition p = provider(id);
        assertThat(p.id()).isEqualTo(id);
        assertThat(p.fields()).isNotEmpty();
        assertThat(p.timeouts().connect()).isPositive();
        assertThat(p.timeouts().read()).isPositive();
    }

    @ParameterizedTest
    @MethodSource("providerIds")
    void every_template_variable_is_a_credential_field(String id) {
        ProviderDefinition p = provider(id);
        for (String variable : p.templateVariables()) {
            assertThat(p.field(variable)).as(variable).isPresent();
        }
    }

    @ParameterizedTest
    @MethodSource("providerIds")
    void every_default_host_is_an_allowed_host(String id) {
        ProviderDefinition p = provider(id);
        for (String variable : p.hostVariables()) {
            assertThat(p.hostAllowed(p.field(variable).orElseThrow().defaultValue()))
                    .isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("providerIds")
    void every_secret_field_is_masked_and_has_help_text(String id) {
        for (CredentialField f : provider(id).fields()) {
            assertThat(f.helpText()).as(f.name()).isNotBlank();
            assertThat(f.label()).as(f.name()).isNotBlank();
        }
        // whatever goes into an auth header is a secret
        provider(id).authHeaderTemplates().values().forEach(template -> {
            java.util.regex.Matcher m = ProviderDefinition.VARIABLE.matcher(template);
            while (m.find()) {
                assertThat(provider(id).field(m.group(1)).orElseThrow().secret())
                        .as(m.group(1))
                        .isTrue();
            }
        });
    }

    @Test
    void cats_uses_a_token_header_and_its_fixed_host() {
        ProviderDefinition cats = provider("cats");
        Credentials c = Credentials.of(Map.of("api_key", "abcdef123456"));
        assertThat(cats.baseUrl(c)).isEqualTo("https://api.catsone.com/v3");
        assertThat(cats.authHeaders(c)).isEqualTo(Map.of("Authorization", "Token abcdef123456"));
        assertThat(cats.verification()).isEqualTo(new Verification("GET", "/site"));
        assertThat(dev.interlink.platform.ratelimit.RatePolicy.of(cats.rateLimit())
                        .limit())
                .isEqualTo(500);
        assertThat(cats.rateLimit().window()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void loxo_builds_its_url_from_the_domain_and_agency_slug() {
        ProviderDefinition loxo = provider("loxo");
        Credentials c = Credentials.of(Map.of("api_key", "abcdef123456", "agency_slug", "acme-recruiting"));
        assertThat(loxo.baseUrl(c)).isEqualTo("https://app.loxo.co/api/acme-recruiting");
        assertThat(loxo.authHeaders(c)).isEqualTo(Map.of("Authorization", "Bearer abcdef123456"));
        Credentials pod =
                Credentials.of(Map.of("api_key", "abcdef123456", "agency_slug", "acme", "domain", "pod4.app.loxo.co"));
        assertThat(loxo.baseUrl(pod)).isEqualTo("https://pod4.app.loxo.co/api/acme");
        assertThat(dev.interlink.platform.ratelimit.RatePolicy.of(loxo.rateLimit())
                        .burst())
                .isEqualTo(10);
    }

    @Test
    void a_loxo_domain_outside_the_allowed_hosts_is_refused() {
        ProviderDefinition loxo = provider("loxo");
        List<FieldError> errors =
                loxo.validate(Map.of("api_key", "abcdef123456", "agency_slug", "acme", "domain", "evil.example.com"));
        assertThat(errors).extracting(FieldError::pointer).containsExactly("/credentials/domain");
        assertThat(errors.toString()).doesNotContain("evil.example.com");
        assertThatThrownBy(() -> loxo.baseUrl(Credentials.of(
                        Map.of("api_key", "abcdef123456", "agency_slug", "acme", "domain", "app.loxo.co.evil.com"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_agency_slug_cannot_inject_a_path_or_host() {
        ProviderDefinition loxo = provider("loxo");
        assertThat(loxo.validate(Map.of("api_key", "abcdef123456", "agency_slug", "../x@evil.com/")))
                .extracting(FieldError::pointer)
                .containsExactly("/credentials/agency_slug");
    }

    @Test
    void validation_lists_every_bad_field_with_json_pointers() {
        List<FieldError> errors = provider("loxo").validate(Map.of("api_key", "x y", "color", "blue"));
        assertThat(errors)
                .extracting(FieldError::pointer)
                .containsExactlyInAnyOrder("/credentials/color", "/credentials/agency_slug", "/credentials/api_key");
    }

    @Test
    void the_deployment_override_replaces_the_cats_base_url() {
        ProviderDefinition cats = provider("cats").withBaseUrlOverride("http://127.0.0.1:8090/cats/v3/");
        assertThat(cats.baseUrl(Credentials.of(Map.of("api_key", "abcdef123456"))))
                .isEqualTo("http://127.0.0.1:8090/cats/v3");
    }

    @Test
    void the_deployment_override_replaces_the_loxo_host_and_keeps_the_agency_path() {
        ProviderDefinition loxo = provider("loxo").withBaseUrlOverride("http://127.0.0.1:8090/loxo");
        Credentials c =
                Credentials.of(Map.of("api_key", "abcdef123456", "agency_slug", "acme", "domain", "pod4.app.loxo.co"));
        assertThat(loxo.baseUrl(c)).isEqualTo("http://127.0.0.1:8090/loxo/api/acme");
    }

    @Test
    void a_file_with_an_unknown_template_variable_is_rejected() {
        String yaml = new String(readCats(), StandardCharsets.UTF_8).replace("Token {api_key}", "Token {apiKey}");
        assertThatThrownBy(() -> CatalogLoader.parse("cats.yml", "cats", new ByteArrayInputStream(yaml.getBytes())))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("{apiKey}");
    }

    @Test
    void a_file_whose_host_is_not_allowed_is_rejected() {
        String yaml = new String(readCats(), StandardCharsets.UTF_8)
                .replace("allowed_hosts: [api.catsone.com]", "allowed_hosts: [example.com]");
        assertThatThrownBy(() -> CatalogLoader.parse("cats.yml", "cats", new ByteArrayInputStream(yaml.getBytes())))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("allowed_hosts");
    }

    @Test
    void a_file_with_an_unknown_key_is_rejected() {
        String yaml = new String(readCats(), StandardCharsets.UTF_8) + "\ncolour: blue\n";
        assertThatThrownBy(() -> CatalogLoader.parse("cats.yml", "cats", new ByteArrayInputStream(yaml.getBytes())))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("colour");
    }

    private static byte[] readCats() {
        try (var in = LOADER.getResourceAsStream("providers/cats.yml")) {
            return in.readAllBytes();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void loxo_field_names_are_the_stable_ones() {
        assertThat(provider("loxo").fields().stream().map(CredentialField::name).toList())
                .containsExactly("agency_slug", "api_key", "domain");
        assertThat(Set.copyOf(provider("cats").fields().stream()
                        .map(CredentialField::name)
                        .toList()))
                .containsExactly("api_key");
    }
}

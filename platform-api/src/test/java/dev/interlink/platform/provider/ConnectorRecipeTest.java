package dev.interlink.platform.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.account.ProviderSandbox;
import dev.interlink.platform.provider.catalog.Catalog;
import dev.interlink.platform.provider.catalog.CatalogLoader;
import dev.interlink.platform.testing.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build enforces the connector recipe (docs/adding-a-connector.md): every catalog id has its connector, its
 * simulator, its contract test and its docs page, and a catalog file alone is reported with everything it lacks.
 */
@MicronautTest(transactional = false)
class ConnectorRecipeTest extends ApiTest {
    @Inject
    Catalog catalog;

    @Inject
    List<AtsConnector> connectors;

    @Override
    protected Map<String, String> extraProperties() {
        return ProviderSandbox.properties();
    }

    private ConnectorRecipe recipe() {
        Set<String> beans = connectors.stream().map(AtsConnector::id).collect(Collectors.toSet());
        return new ConnectorRecipe(
                beans,
                id -> ProviderSandbox.get().providers().stream().anyMatch(p -> p.id().equals(id)),
                ConnectorRecipe.contractTestIds(),
                Path.of("..", "docs", "providers"));
    }

    @Test
    void every_catalog_provider_has_a_connector_a_simulator_a_contract_test_and_a_docs_page() {
        ConnectorRecipe recipe = recipe();
        assertThat(catalog.all()).isNotEmpty().allSatisfy(p -> assertThat(recipe.missing(p.id()))
                .as("what the recipe still needs for %s", p.id())
                .isEmpty());
    }

    @Test
    void a_catalog_file_without_the_rest_of_the_recipe_is_reported_with_everything_it_lacks(@TempDir Path dir)
            throws Exception {
        Path providers = Files.createDirectories(dir.resolve(CatalogLoader.DIRECTORY));
        Files.copy(Path.of("src", "main", "resources", "providers", "cats.yml"), providers.resolve("acme.yml"));
        Files.writeString(
                providers.resolve("acme.yml"),
                Files.readString(providers.resolve("acme.yml")).replace("id: cats", "id: acme"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThat(CatalogLoader.discover(loader)).containsExactly("acme");
            assertThat(CatalogLoader.load(loader, "acme").id()).isEqualTo("acme");
        }
        assertThat(recipe().missing("acme"))
                .containsExactly(
                        "an AtsConnector bean with id() \"acme\"",
                        "a provider-sandbox simulator for \"acme\"",
                        "a ConnectorContractTest subclass for \"acme\"",
                        "docs/providers/acme.md");
    }

    private static final Path MAIN = Path.of("src", "main", "java", "dev", "interlink", "platform");

    private Set<String> ids() {
        return catalog.all().stream().map(p -> p.id()).collect(Collectors.toSet());
    }

    @Test
    @DisplayName("The change engine (changes/) names no provider, not even in a comment")
    void the_change_engine_names_no_provider() {
        assertThat(ProviderNames.anywhere(MAIN.resolve("changes"), ids())).isEmpty();
    }

    @Test
    @DisplayName("No provider id literal or provider constant appears in platform-api code outside provider/<id>/")
    void no_provider_literal_outside_its_own_package() {
        assertThat(ProviderNames.literals(MAIN, ids())).isEmpty();
    }

    @Test
    @DisplayName("A provider name planted in the change engine is reported, the same code in provider/<id>/ is not")
    void a_provider_name_in_the_change_engine_is_reported(@TempDir Path dir) throws Exception {
        Path changes = Files.createDirectories(dir.resolve("changes"));
        Path own = Files.createDirectories(dir.resolve("provider").resolve("cats"));
        String code =
                """
                package x;
                /** Follows the feed of CATS. */
                class Feeds {
                    static final java.util.Set<String> FEED_PROVIDERS = java.util.Set.of("cats");
                    String url = "http://host/*/";
                }
                """;
        Files.writeString(changes.resolve("Feeds.java"), code);
        Files.writeString(own.resolve("Feeds.java"), code);
        assertThat(ProviderNames.anywhere(changes, Set.of("cats")))
                .containsExactly(
                        "Feeds.java:2: /** Follows the feed of CATS. */",
                        "Feeds.java:4: static final java.util.Set<String> FEED_PROVIDERS = java.util.Set.of(\"cats\");");
        assertThat(ProviderNames.literals(dir, Set.of("cats")))
                .as("code only, and not in the provider's own package")
                .containsExactly("changes/Feeds.java:4: static final java.util.Set<String> FEED_PROVIDERS ="
                        + " java.util.Set.of(\"cats\");");
    }
}

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
}

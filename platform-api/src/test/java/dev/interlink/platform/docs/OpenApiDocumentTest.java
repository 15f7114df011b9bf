package dev.interlink.platform.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.auth.PublicRoute;
import dev.interlink.platform.auth.RequiresScope;
import dev.interlink.platform.provider.AtsResource;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document is written by hand (docs/decisions/0060): these tests keep it true to the routes. Every
 * route has an operation, every operation a route, and each operation's security is the route's scope.
 */
@MicronautTest(transactional = false)
class OpenApiDocumentTest extends ApiTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @Inject
    Router router;

    @Inject
    EmbeddedServer server;

    record Operation(String method, String path, String operationId, List<Map<String, List<String>>> security) {
        /** The path with every {variable} filled in, as a caller would send it. */
        String sample() {
            return path.replaceAll("\\{[^}]+}", "x1");
        }
    }

    List<Operation> operations;
    List<UriRouteInfo<?, ?>> routes;

    @BeforeAll
    @SuppressWarnings("unchecked")
    void load() throws Exception {
        Map<String, Object> doc;
        try (InputStream in = getClass().getResourceAsStream("/openapi/interlink-api-0.1.yml")) {
            doc = new Yaml().load(in);
        }
        List<Map<String, List<String>>> global = (List<Map<String, List<String>>>) doc.get("security");
        operations = new ArrayList<>();
        ((Map<String, Map<String, Object>>) doc.get("paths"))
                .forEach((path, item) -> item.forEach((key, value) -> {
                    if (METHODS.contains(key)) {
                        Map<String, Object> op = (Map<String, Object>) value;
                        List<Map<String, List<String>>> security =
                                (List<Map<String, List<String>>>) op.getOrDefault("security", global);
                        operations.add(
                                new Operation(key.toUpperCase(), path, (String) op.get("operationId"), security));
                    }
                }));
        routes = router.uriRoutes()
                // HEAD is answered for every GET; management endpoints other than health are sensitive (below)
                .filter(r -> !r.getHttpMethodName().equals("HEAD"))
                // a route bound to another port (GET /metrics on the management port) is not the public API
                .filter(r -> r.getPort() == null)
                .filter(r -> !r.getAnnotationMetadata().hasStereotype(Endpoint.class)
                        || r.getUriMatchTemplate().toString().startsWith("/health"))
                .toList();
    }

    private List<UriRouteInfo<?, ?>> routesFor(Operation op) {
        return routes.stream()
                .filter(r -> r.getHttpMethodName().equals(op.method()))
                .filter(r -> r.getUriMatchTemplate().match(op.sample()).isPresent())
                .toList();
    }

    @Test
    void every_route_of_the_api_has_an_operation_in_the_openapi_document() {
        Set<String> undocumented = new TreeSet<>();
        for (UriRouteInfo<?, ?> route : routes) {
            boolean documented = operations.stream()
                    .anyMatch(op -> op.method().equals(route.getHttpMethodName())
                            && route.getUriMatchTemplate().match(op.sample()).isPresent());
            if (!documented) {
                undocumented.add(route.getHttpMethodName() + " " + route.getUriMatchTemplate());
            }
        }
        assertThat(undocumented)
                .as("routes missing from platform-api/src/main/resources/openapi/interlink-api-0.1.yml")
                .isEmpty();
    }

    @Test
    void every_operation_of_the_openapi_document_has_a_route() {
        List<String> unrouted = operations.stream()
                .filter(op -> routesFor(op).isEmpty())
                .map(op -> op.method() + " " + op.path())
                .toList();
        assertThat(unrouted).isEmpty();
    }

    @Test
    void each_operation_requires_exactly_the_scope_its_route_checks() {
        List<String> wrong = new ArrayList<>();
        for (Operation op : operations) {
            for (UriRouteInfo<?, ?> route : routesFor(op)) {
                boolean open = route.getAnnotationMetadata().hasAnnotation(PublicRoute.class)
                        || route.getAnnotationMetadata().hasStereotype(Endpoint.class);
                String scope = route.getAnnotationMetadata()
                        .stringValue(RequiresScope.class)
                        .orElse(null);
                List<String> documented = op.security().stream()
                        .flatMap(requirement -> requirement.entrySet().stream())
                        .map(e -> e.getKey() + e.getValue())
                        .toList();
                List<String> expected;
                if (!open) {
                    expected = List.of("oauth2[" + scope + "]");
                } else if (op.path().startsWith("/link-session")) {
                    expected = List.of("linkToken[]");
                } else {
                    expected = List.of();
                }
                if (!documented.equals(expected)) {
                    wrong.add(op.method() + " " + op.path() + ": documented " + documented + ", route " + expected);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void every_unified_resource_has_a_list_and_a_get_operation() {
        for (AtsResource resource : AtsResource.values()) {
            String list = "/unified/ats/" + resource.path();
            assertThat(operations)
                    .as(resource.path())
                    .anyMatch(op -> op.method().equals("GET") && op.path().equals(list))
                    .anyMatch(op -> op.method().equals("GET") && op.path().equals(list + "/{id}"));
        }
    }

    @Test
    void operation_ids_are_unique_and_never_generic() {
        List<String> ids = operations.stream().map(Operation::operationId).toList();
        assertThat(ids).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(ids).noneMatch(id -> id.matches(".*_\\d+$"));
    }

    @Test
    void management_endpoints_other_than_health_are_not_reachable() {
        Api api = new Api(server.getURI());
        for (String path : List.of("/beans", "/routes", "/flyway", "/info", "/threaddump")) {
            assertThat(api.get(path, null).status()).as(path).isIn(401, 403, 404);
        }
        assertThat(api.post("/refresh", null, Map.of()).status()).isIn(401, 403, 404);
    }

    @Test
    void the_document_and_swagger_ui_are_served_without_a_token() {
        Api api = new Api(server.getURI());
        Api.Response spec = api.get("/swagger/interlink-api-0.1.yml", null);
        assertThat(spec.status()).isEqualTo(200);
        assertThat(spec.text()).contains("operationId: listCandidates");
        assertThat(api.get("/swagger-ui/index.html", null).text()).contains("swagger-ui");
        assertThat(api.get("/swagger-ui/swagger-initializer.js", null).text())
                .contains("../swagger/interlink-api-0.1.yml");
    }
}

package dev.interlink.platform.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/** Checks the manifests rendered by scripts/helm-check.sh into helm/target/ (run it first). */
@EnabledIf("rendered")
class HelmManifestInvariantsTest {
    private static final Path OUT = Path.of("..", "helm", "target");

    static boolean rendered() {
        return Files.exists(OUT.resolve("default.yaml"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> docs(String name) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : new Yaml().loadAll(Files.readString(OUT.resolve(name + ".yaml")))) {
            if (o instanceof Map<?, ?> m) out.add((Map<String, Object>) m);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String key) {
        return (Map<String, Object>) ((Map<String, Object>) o).get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> containers(Map<String, Object> doc) {
        Map<String, Object> spec = map(map(map(doc, "spec"), "template"), "spec");
        return (List<Map<String, Object>>) spec.get("containers");
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "dev", "production"})
    void everyDeploymentContainerHasProbesLimitsNonRootReadOnlyFsAndNoCapabilities(String values) throws Exception {
        List<Map<String, Object>> deployments = docs(values).stream()
                .filter(d -> "Deployment".equals(d.get("kind")))
                .toList();
        assertThat(deployments).isNotEmpty();
        for (Map<String, Object> d : deployments) {
            for (Map<String, Object> c : containers(d)) {
                assertThat(c).containsKeys("startupProbe", "readinessProbe", "livenessProbe");
                assertThat(map(map(c, "resources"), "limits")).containsKeys("cpu", "memory");
                Map<String, Object> sc = map(c, "securityContext");
                assertThat(sc).containsEntry("runAsNonRoot", true).containsEntry("readOnlyRootFilesystem", true);
                assertThat(map(sc, "capabilities").get("drop")).isEqualTo(List.of("ALL"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "dev", "production"})
    void noConfigMapHoldsAKeyPasswordOrSecretSetting(String values) throws Exception {
        for (Map<String, Object> d : docs(values)) {
            if (!"ConfigMap".equals(d.get("kind"))) continue;
            assertThat(map(d, "data").keySet())
                    .noneMatch(k -> k.matches(".*(PASSWORD|SECRET|KEYSET|_KEYS|CURSOR_KEY|TOKEN).*"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"production"})
    void theProductionValuesRenderHpaPdbAndNetworkPolicies(String values) throws Exception {
        List<Object> kinds = docs(values).stream().map(d -> d.get("kind")).toList();
        assertThat(kinds).contains("HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev"})
    void theDevValuesRenderNoHpaAndNoNetworkPolicyButTheSandbox(String values) throws Exception {
        List<Map<String, Object>> docs = docs(values);
        assertThat(docs.stream().map(d -> d.get("kind"))).doesNotContain("HorizontalPodAutoscaler", "NetworkPolicy");
        assertThat(docs.stream().map(d -> map(d, "metadata").get("name"))).contains("interlink-provider-sandbox");
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "dev", "production"})
    @SuppressWarnings("unchecked")
    void theManagementPortsAreDeclaredOnThePodsButNoServiceOrIngressRoutesThem(String values) throws Exception {
        List<Map<String, Object>> docs = docs(values);
        Map<String, Integer> managementPorts =
                Map.of("interlink-platform-api", 9090, "interlink-link-ui", 9091, "interlink-admin-ui", 9092);
        managementPorts.forEach((name, port) -> {
            Map<String, Object> deployment = docs.stream()
                    .filter(d -> "Deployment".equals(d.get("kind")))
                    .filter(d -> name.equals(map(d, "metadata").get("name")))
                    .findFirst()
                    .orElseThrow();
            List<Map<String, Object>> ports =
                    (List<Map<String, Object>>) containers(deployment).get(0).get("ports");
            assertThat(ports).as(name).anySatisfy(p -> {
                assertThat(p.get("name")).isEqualTo("management");
                assertThat(p.get("containerPort")).isEqualTo(port);
            });
            assertThat(map(map(map(deployment, "spec"), "template"), "metadata")
                            .get("annotations")
                            .toString())
                    .as(name)
                    .contains("prometheus.io/port=" + port, "prometheus.io/path=/metrics");
        });
        for (Map<String, Object> d : docs) {
            if ("Service".equals(d.get("kind"))) {
                for (Map<String, Object> p :
                        (List<Map<String, Object>>) map(d, "spec").get("ports")) {
                    assertThat(p.get("port"))
                            .as("service %s", map(d, "metadata").get("name"))
                            .isNotIn(managementPorts.values());
                    assertThat(p.get("targetPort")).isNotEqualTo("management");
                }
            }
            if ("Ingress".equals(d.get("kind"))) {
                String rendered = d.toString();
                assertThat(rendered).doesNotContain("management").doesNotContain("9090", "9091", "9092");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"production"})
    @SuppressWarnings("unchecked")
    void theUiNetworkPoliciesAdmitMetricsScrapesOnlyFromTheMonitoringNamespace(String values) throws Exception {
        for (String name : List.of("interlink-link-ui", "interlink-admin-ui")) {
            Map<String, Object> policy = docs(values).stream()
                    .filter(d -> "NetworkPolicy".equals(d.get("kind")))
                    .filter(d -> name.equals(map(d, "metadata").get("name")))
                    .findFirst()
                    .orElseThrow();
            List<Map<String, Object>> ingress =
                    (List<Map<String, Object>>) map(policy, "spec").get("ingress");
            assertThat(ingress).as(name).noneSatisfy(rule -> assertThat(rule).isEmpty());
            assertThat(ingress.toString()).as(name).contains("monitoring");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev"})
    @SuppressWarnings("unchecked")
    void theSandboxProbesUseItsTokenFreeHealthRoute(String values) throws Exception {
        Map<String, Object> sandbox = docs(values).stream()
                .filter(d -> "Deployment".equals(d.get("kind")))
                .filter(d ->
                        "interlink-provider-sandbox".equals(map(d, "metadata").get("name")))
                .findFirst()
                .orElseThrow();
        Map<String, Object> c = containers(sandbox).get(0);
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertThat(map(map(c, probe), "httpGet").get("path")).as(probe).isEqualTo("/_sandbox/health");
        }
    }
}

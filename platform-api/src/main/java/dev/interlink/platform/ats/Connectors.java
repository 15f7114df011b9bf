package dev.interlink.platform.ats;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.AtsConnector;
import dev.interlink.platform.provider.AtsResource;
import dev.interlink.platform.provider.ResourceOps;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The connector beans by provider id, and the resource lookups that answer "not supported" problems. */
@Singleton
public class Connectors {
    private final Map<String, AtsConnector> byId;

    public Connectors(List<AtsConnector> connectors) {
        this.byId = connectors.stream().collect(Collectors.toUnmodifiableMap(AtsConnector::id, Function.identity()));
    }

    public AtsConnector connector(String provider) {
        AtsConnector c = byId.get(provider);
        if (c == null) {
            throw ApiProblem.of(
                    ErrorCode.INTEGRATION_RESOURCE_NOT_SUPPORTED,
                    "The provider '" + provider + "' has no unified ATS API");
        }
        return c;
    }

    public static AtsResource resource(String path) {
        return AtsResource.byPath(path).orElseThrow(() -> ApiProblem.of(
                        ErrorCode.INTEGRATION_RESOURCE_NOT_SUPPORTED, "'" + path + "' is not a unified ATS resource")
                .with(
                        "supported",
                        java.util.Arrays.stream(AtsResource.values())
                                .map(AtsResource::path)
                                .toList()));
    }

    public static ResourceOps<?> ops(AtsConnector connector, AtsResource resource) {
        return connector
                .resource(resource)
                .orElseThrow(() -> ApiProblem.of(
                        ErrorCode.INTEGRATION_RESOURCE_NOT_SUPPORTED, connector.id() + " has no " + resource.path()));
    }
}

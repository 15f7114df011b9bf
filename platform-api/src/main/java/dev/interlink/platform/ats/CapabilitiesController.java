package dev.interlink.platform.ats;

import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.auth.RequiresScope;
import dev.interlink.platform.auth.Scopes;
import dev.interlink.platform.provider.AtsConnector;
import dev.interlink.platform.provider.AtsResource;
import dev.interlink.platform.provider.AtsWriter;
import dev.interlink.platform.provider.ResourceOps;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code GET /integrated-accounts/{id}/capabilities}: per resource, the operations, filters (native or emulated),
 * required filters and fields of this account's connector, read from the same {@link ResourceOps} the unified routes
 * execute, so it cannot claim what the routes do not do.
 */
@Controller("/integrated-accounts/{id}/capabilities")
@RequiresScope(Scopes.ACCOUNTS_READ)
public class CapabilitiesController {
    private final Connectors connectors;
    private final CallAccount accounts;
    private final Map<String, AtsWriter> writers;

    public CapabilitiesController(Connectors connectors, CallAccount accounts, List<AtsWriter> writers) {
        this.connectors = connectors;
        this.accounts = accounts;
        this.writers = writers.stream().collect(Collectors.toUnmodifiableMap(AtsWriter::id, Function.identity()));
    }

    @Get
    public Map<String, Object> capabilities(Principal principal, @PathVariable String id) {
        String provider = accounts.provider(principal, id);
        return describe(id, connectors.connector(provider), writers.get(provider));
    }

    /**
     * The write routes per resource (UnifiedWriteController), from the provider's writer: every writer creates and
     * updates candidates, creates and moves applications and uploads attachments; {@code reject} only where
     * {@link AtsWriter#canReject()}.
     */
    static Map<String, List<String>> writeOperations(AtsWriter writer) {
        if (writer == null) return Map.of();
        List<String> applications = new java.util.ArrayList<>(List.of("create", "move_stage"));
        if (writer.canReject()) applications.add("reject");
        return Map.of(
                AtsResource.CANDIDATES.path(), List.of("create", "update"),
                AtsResource.APPLICATIONS.path(), List.copyOf(applications),
                AtsResource.ATTACHMENTS.path(), List.of("upload"));
    }

    static Map<String, Object> describe(String accountId, AtsConnector connector, AtsWriter writer) {
        Map<String, List<String>> writes = writeOperations(writer);
        Map<String, Object> resources = new LinkedHashMap<>();
        for (ResourceOps<?> ops : connector.resources()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("operations", ops.operations());
            r.put("write_operations", writes.getOrDefault(ops.resource().path(), List.of()));
            Map<String, String> filters = new LinkedHashMap<>();
            ops.filters().forEach((name, mode) -> filters.put(name, mode.name().toLowerCase(java.util.Locale.ROOT)));
            if (ops.get() != null) filters.put("ids", "emulated");
            r.put("filters", filters);
            r.put("required_filters", List.copyOf(ops.requiredFilters()));
            r.put("max_page_size", ops.maxPageSize());
            r.put("list_is_partial", ops.partialList());
            r.put("fields", ops.fields());
            resources.put(ops.resource().path(), r);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("integrated_account_id", accountId);
        out.put("provider", connector.id());
        out.put("resources", resources);
        return out;
    }
}

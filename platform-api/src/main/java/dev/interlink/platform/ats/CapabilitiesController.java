package dev.interlink.platform.ats;

import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.auth.RequiresScope;
import dev.interlink.platform.auth.Scopes;
import dev.interlink.platform.provider.AtsConnector;
import dev.interlink.platform.provider.ResourceOps;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    public CapabilitiesController(Connectors connectors, CallAccount accounts) {
        this.connectors = connectors;
        this.accounts = accounts;
    }

    @Get
    public Map<String, Object> capabilities(Principal principal, @PathVariable String id) {
        String provider = accounts.provider(principal, id);
        return describe(id, connectors.connector(provider));
    }

    static Map<String, Object> describe(String accountId, AtsConnector connector) {
        Map<String, Object> resources = new LinkedHashMap<>();
        for (ResourceOps<?> ops : connector.resources()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("operations", ops.operations());
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

package dev.interlink.platform.provider;

import java.util.Map;

/**
 * What the unified layer asks a connector's list operation for: the provider position to start from (null = the
 * beginning), the page size (already capped by the connector's maximum), and the filters this connector declared
 * native for the resource. Emulated filters never reach the connector.
 */
public record ListRequest(String position, int pageSize, Map<String, String> filters) {
    public String filter(String name) {
        return filters.get(name);
    }
}

package dev.interlink.platform.ats;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlink.model.ats.Attachment;
import dev.interlink.model.ats.UnifiedRecord;
import dev.interlink.model.ats.Warning;
import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.FieldError;
import dev.interlink.platform.provider.AtsConnector;
import dev.interlink.platform.provider.AtsResource;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.FilterMode;
import dev.interlink.platform.provider.ListRequest;
import dev.interlink.platform.provider.Page;
import dev.interlink.platform.provider.RemoteKey;
import dev.interlink.platform.provider.ResourceOps;
import dev.interlink.platform.provider.http.RawResponse;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The unified read path shared by every resource: query validation, filter planning (native, emulated or rejected),
 * cursors, the connector call and the envelope. Connectors never see unified cursors or emulated filters.
 */
@Singleton
public class UnifiedService {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    static final int MAX_IDS = 50;
    static final Set<String> LIST_PARAMS =
            Set.of("integrated_account_id", "limit", "next_cursor", "include_remote_data");
    static final Set<String> GET_PARAMS = Set.of("integrated_account_id", "include_remote_data");

    private final Connectors connectors;
    private final Cursors cursors;
    private final ObjectMapper json;
    /** The same mapper, skipping {@code remote_data}: never serialize the raw record only to throw it away. */
    private final ObjectMapper withoutRaw;

    @JsonIgnoreProperties("remote_data")
    private abstract static class WithoutRemoteData {}

    public UnifiedService(Connectors connectors, Cursors cursors, ObjectMapper json) {
        this.connectors = connectors;
        this.cursors = cursors;
        this.json = json;
        this.withoutRaw = json.copy().addMixIn(Object.class, WithoutRemoteData.class);
    }

    /** One call's result: the JSON body and the context (for timing and account headers). */
    public record Result(JsonNode body, ConnectorContext ctx) {}

    public record Content(RawResponse response, ConnectorContext ctx) {}

    /** A list's envelope, already written as JSON (UTF-8), and the context. */
    public record Listed(byte[] json, ConnectorContext ctx) {}

    /** The list envelope of the unified API (design/unified-api.md), in its field order. */
    record Envelope(
            List<?> result, String nextCursor, int resultCount, boolean isPartialResponse, List<Warning> warnings) {}

    public Listed list(ConnectorContext ctx, String provider, AtsResource resource, Map<String, String> query) {
        AtsConnector connector = connectors.connector(provider);
        @SuppressWarnings("unchecked")
        ResourceOps<UnifiedRecord> ops = (ResourceOps<UnifiedRecord>) Connectors.ops(connector, resource);
        if (ops.list() == null) {
            throw ApiProblem.of(
                    ErrorCode.INTEGRATION_ACTION_NOT_SUPPORTED, provider + " cannot list " + resource.path());
        }
        // 1. parameters: every one known, every filter supported by this connector, values well-formed
        Map<String, String> filters = new LinkedHashMap<>();
        List<FieldError> unknown = new ArrayList<>();
        query.forEach((k, v) -> {
            if (LIST_PARAMS.contains(k)) return;
            if (EmulatedFilters.KNOWN.contains(k)) filters.put(k, v);
            else unknown.add(new FieldError("/" + k, "is not a parameter of this list"));
        });
        if (!unknown.isEmpty()) throw ApiProblem.invalid(unknown);
        int limit = limit(query.get("limit"));
        boolean includeRaw = bool(query.get("include_remote_data"), "include_remote_data");
        if (!includeRaw) ctx.withoutRemoteData();
        ListPlan plan = plan(provider, resource, ops, filters);
        Predicate<UnifiedRecord> keep = plan.keep();
        List<Warning> warnings = new ArrayList<>(plan.warnings());
        String hash = Cursors.queryHash(resource.path(), filters);
        String accountId = String.valueOf(ctx.accountId());

        // 2. ids: fetched one by one (a provider list cannot be asked for them)
        if (filters.containsKey("ids")) {
            if (query.containsKey("next_cursor")) throw Cursors.invalid("A list by ids has no further pages");
            return byIds(ctx, ops, resource, filters.get("ids"), keep, includeRaw, warnings);
        }
        // 3. one provider page
        String position =
                query.containsKey("next_cursor") ? cursors.open(query.get("next_cursor"), accountId, hash) : null;
        int size = Math.min(limit, ops.maxPageSize());
        Page<UnifiedRecord> page = ops.list().list(ctx, new ListRequest(position, size, plan.natives()));
        List<UnifiedRecord> items = page.items().stream().filter(keep).toList();
        warnings.addAll(page.warnings());
        String next = page.nextPosition() == null ? null : cursors.sign(accountId, hash, page.nextPosition());
        return new Listed(envelope(ctx, items, next, page.partial() || ops.partialList(), warnings, includeRaw), ctx);
    }

    /**
     * How a list with these filters runs on this connector: the filters it takes natively, the predicate of the
     * emulated ones (with their warnings). A filter it cannot apply, a malformed value or a missing required filter
     * is a problem here, before any provider call. Imports plan their listing with it too.
     */
    public record ListPlan(Map<String, String> natives, Predicate<UnifiedRecord> keep, List<Warning> warnings) {}

    public ListPlan plan(String provider, AtsResource resource, ResourceOps<?> ops, Map<String, String> filters) {
        Map<String, String> natives = new LinkedHashMap<>();
        Map<String, String> emulated = new LinkedHashMap<>();
        List<String> unsupported = new ArrayList<>();
        for (Map.Entry<String, String> f : filters.entrySet()) {
            EmulatedFilters.validate(f.getKey(), f.getValue());
            if (f.getKey().equals("ids")) continue;
            FilterMode mode = ops.filters().get(f.getKey());
            if (mode == FilterMode.NATIVE) natives.put(f.getKey(), f.getValue());
            else if (mode == FilterMode.EMULATED) emulated.put(f.getKey(), f.getValue());
            else unsupported.add(f.getKey());
        }
        if (!unsupported.isEmpty()) {
            throw ApiProblem.of(
                            ErrorCode.INTEGRATION_FILTER_NOT_SUPPORTED,
                            provider + " cannot filter " + resource.path() + " by " + String.join(", ", unsupported))
                    .with("filters", unsupported)
                    .with("supported_filters", ops.filters());
        }
        for (String required : ops.requiredFilters()) {
            if (!filters.containsKey(required)) {
                throw ApiProblem.invalid(
                        "/" + required, "is required to list " + resource.path() + " of a " + provider + " account");
            }
        }
        Predicate<UnifiedRecord> keep = r -> true;
        List<Warning> warnings = new ArrayList<>();
        for (Map.Entry<String, String> e : emulated.entrySet()) {
            keep = keep.and(EmulatedFilters.predicate(e.getKey(), e.getValue()));
            warnings.add(new Warning(
                    "FILTER_EMULATED",
                    provider + " cannot filter by " + e.getKey() + "; Interlink filters each page, so pages may be"
                            + " short or empty until next_cursor is null"));
        }
        return new ListPlan(java.util.Collections.unmodifiableMap(natives), keep, List.copyOf(warnings));
    }

    /** The filter names the unified lists know. */
    public static java.util.Set<String> knownFilters() {
        return EmulatedFilters.KNOWN;
    }

    private Listed byIds(
            ConnectorContext ctx,
            ResourceOps<UnifiedRecord> ops,
            AtsResource resource,
            String ids,
            Predicate<UnifiedRecord> keep,
            boolean includeRaw,
            List<Warning> warnings) {
        Set<String> wanted = new LinkedHashSet<>(List.of(ids.split(",")));
        wanted.removeIf(String::isBlank);
        if (wanted.size() > MAX_IDS) throw ApiProblem.invalid("/ids", "at most " + MAX_IDS + " ids");
        if (ops.get() == null) {
            throw ApiProblem.of(ErrorCode.INTEGRATION_FILTER_NOT_SUPPORTED, "ids needs a get of " + resource.path());
        }
        List<UnifiedRecord> items = new ArrayList<>();
        for (String id : wanted) {
            RemoteKey key = RemoteKey.decode(id.trim(), ops.keyArity(), "/ids");
            try {
                UnifiedRecord r = ops.get().get(ctx, key);
                if (keep.test(r)) items.add(r);
            } catch (ApiProblem p) {
                if (p.code() != ErrorCode.REMOTE_NOT_FOUND) throw p;
            }
        }
        warnings.add(new Warning("FILTER_EMULATED", "ids are fetched one by one"));
        return new Listed(envelope(ctx, items, null, false, warnings, includeRaw), ctx);
    }

    public Result get(
            ConnectorContext ctx, String provider, AtsResource resource, String id, Map<String, String> query) {
        AtsConnector connector = connectors.connector(provider);
        ResourceOps<?> ops = Connectors.ops(connector, resource);
        List<FieldError> unknown = new ArrayList<>();
        query.keySet().stream()
                .filter(k -> !GET_PARAMS.contains(k))
                .forEach(k -> unknown.add(new FieldError("/" + k, "is not a parameter of this route")));
        if (!unknown.isEmpty()) throw ApiProblem.invalid(unknown);
        if (ops.get() == null) {
            throw ApiProblem.of(
                    ErrorCode.INTEGRATION_ACTION_NOT_SUPPORTED, provider + " cannot get one of " + resource.path());
        }
        boolean includeRaw = bool(query.get("include_remote_data"), "include_remote_data");
        if (!includeRaw) ctx.withoutRemoteData();
        UnifiedRecord r = ops.get().get(ctx, RemoteKey.decode(id, ops.keyArity(), "/id"));
        return new Result(record(ctx, r, includeRaw), ctx);
    }

    public Content content(ConnectorContext ctx, String provider, String id, Map<String, String> query) {
        ResourceOps<?> ops = Connectors.ops(connectors.connector(provider), AtsResource.ATTACHMENTS);
        query.keySet().stream()
                .filter(k -> !k.equals("integrated_account_id"))
                .findFirst()
                .ifPresent(k -> {
                    throw ApiProblem.invalid("/" + k, "is not a parameter of this route");
                });
        if (ops.content() == null) {
            throw ApiProblem.of(ErrorCode.INTEGRATION_ACTION_NOT_SUPPORTED, provider + " cannot download attachments");
        }
        return new Content(ops.content().content(ctx, RemoteKey.decode(id, ops.keyArity(), "/id")), ctx);
    }

    /**
     * The envelope written once, straight from the records to UTF-8: building a tree of every record only to write it
     * again was a sixth of a unified list's CPU (docs/benchmarks.md, "The hot path"), and writing it as a String that
     * the server then encoded again was a further twentieth ("Session 11"). Only attachments go through a tree, for
     * their download_url.
     */
    byte[] envelope(
            ConnectorContext ctx,
            List<UnifiedRecord> items,
            String next,
            boolean partial,
            List<Warning> warnings,
            boolean includeRaw) {
        List<?> result = items.stream().anyMatch(r -> r instanceof Attachment)
                ? items.stream().map(r -> record(ctx, r, includeRaw)).toList()
                : items;
        try {
            return (includeRaw ? json : withoutRaw)
                    .writeValueAsBytes(new Envelope(result, next, items.size(), partial, warnings));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a unified record could not be written as JSON", e);
        }
    }

    ObjectNode record(ConnectorContext ctx, UnifiedRecord r, boolean includeRaw) {
        ObjectNode node = (includeRaw ? json : withoutRaw).valueToTree(r);
        JsonNode download = node.get("download_url");
        if (download != null && download.isTextual()) {
            node.put(
                    "download_url",
                    download.asText() + "?integrated_account_id="
                            + URLEncoder.encode(String.valueOf(ctx.accountId()), StandardCharsets.UTF_8));
        }
        return node;
    }

    static int limit(String value) {
        if (value == null) return DEFAULT_LIMIT;
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= MAX_LIMIT) return n;
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw ApiProblem.invalid("/limit", "must be an integer from 1 to " + MAX_LIMIT);
    }

    static boolean bool(String value, String name) {
        if (value == null) return false;
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiProblem.invalid("/" + name, "must be true or false");
        };
    }
}

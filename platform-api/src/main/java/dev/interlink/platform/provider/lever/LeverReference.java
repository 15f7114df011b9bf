package dev.interlink.platform.provider.lever;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.ReferenceCache;
import dev.interlink.platform.provider.Tolerant;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small account-wide lists Lever records point into — stages, archive reasons — and the user writes are
 * performed as, cached per account for a few minutes (one list call instead of one per record).
 */
@Singleton
public class LeverReference {
    /** Reference lists are short; more pages than this means something is wrong, not a bigger list. */
    static final int MAX_PAGES = 20;

    record Lookups(Map<String, JsonNode> stages, Map<String, JsonNode> archiveReasons) {}

    private final ReferenceCache cache = new ReferenceCache(Duration.ofMinutes(5));

    Lookups lookups(ConnectorContext ctx) {
        return new Lookups(stages(ctx), archiveReasons(ctx));
    }

    /** Every stage in pipeline order (docs/providers/lever.md §5: the list order is the pipeline order). */
    List<JsonNode> stageList(ConnectorContext ctx) {
        return Tolerant.elements(cache.get(ctx, "/stages", () -> all(ctx, "/stages", Map.of())));
    }

    Map<String, JsonNode> stages(ConnectorContext ctx) {
        return byId(stageList(ctx));
    }

    Map<String, JsonNode> archiveReasons(ConnectorContext ctx) {
        return byId(
                Tolerant.elements(cache.get(ctx, "/archive_reasons", () -> all(ctx, "/archive_reasons", Map.of()))));
    }

    /**
     * The Lever user id every write names in {@code perform_as} (required on create, docs/providers/lever.md §5):
     * the first active Super Admin — the role that authorizes an OAuth app for the whole organization (§2) —
     * else the first active admin. Our API has no "acting user" yet, so writes show in Lever as this user's.
     */
    String performAs(ConnectorContext ctx) {
        for (String role : List.of("super admin", "admin")) {
            JsonNode users = cache.get(
                    ctx,
                    "/users?accessRole=" + role,
                    () -> ctx.getJson("/users", Map.of("accessRole", role, "limit", "1")));
            for (JsonNode u : Tolerant.items(users, "data")) {
                String id = Tolerant.id(u, "id");
                if (id != null) return id;
            }
        }
        throw ApiProblem.of(
                        ErrorCode.REMOTE_INPUT_INVALID,
                        "Lever writes must name a user to act as, and this account has no active Super Admin or admin")
                .with("retryable", false);
    }

    /** Every record of a small list, all pages, as one array. */
    static ArrayNode all(ConnectorContext ctx, String path, Map<String, String> query) {
        ArrayNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        String position = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, String> q = new LinkedHashMap<>(query);
            q.putAll(LeverConnector.PAGES.params(position, 100));
            JsonNode body = ctx.getJson(path, q);
            List<JsonNode> items = Tolerant.items(body, "data");
            items.forEach(out::add);
            position = LeverConnector.PAGES.next(position, 100, body, items.size());
            if (position == null) break;
        }
        return out;
    }

    static Map<String, JsonNode> byId(List<JsonNode> list) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode n : list) {
            String id = Tolerant.id(n, "id");
            if (id != null) out.put(id, n);
        }
        return out;
    }
}

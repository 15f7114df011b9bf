package dev.interlink.platform.provider.cats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.FieldError;
import dev.interlink.platform.provider.AtsWriter.CandidateInput;
import dev.interlink.platform.provider.AtsWriter.EmailInput;
import dev.interlink.platform.provider.AtsWriter.PhoneInput;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.RemoteKey;
import dev.interlink.platform.provider.Tolerant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The list-valued candidate fields CATS keeps as sub-resources (docs/providers/cats.md §4.1, §4.9): email and phone
 * rows (added, deleted by row id, the primary flag) and tags (by name, replaced as a set, read back). Used by
 * {@link CatsWriter} so that a PATCH can treat each list as the new set.
 */
final class CatsCandidateLists {
    private CatsCandidateLists() {}

    /** The emails become exactly {@code emails}: missing rows POSTed, then stale rows deleted, then the primary set. */
    static void replaceEmails(ConnectorContext ctx, String candidateId, List<EmailInput> emails) {
        Map<String, String> have = rows(ctx, candidateId, "emails", r -> lower(Tolerant.text(r, "email")));
        Set<String> want = new HashSet<>();
        for (EmailInput e : emails) {
            want.add(lower(e.email()));
            if (have.containsKey(lower(e.email()))) continue;
            ObjectNode row =
                    CatsWriter.JSON.createObjectNode().put("email", e.email()).put("is_primary", e.isPrimary());
            CatsWriter.send(ctx, "POST", "/candidates/" + candidateId + "/emails", Map.of(), row)
                    .close();
        }
        deleteRows(ctx, candidateId, "emails", have, want);
        makePrimary(ctx, candidateId, emails, have);
    }

    /** The phones become exactly {@code phones} (compared by digits): missing rows POSTed, then stale rows deleted. */
    static void replacePhones(ConnectorContext ctx, String candidateId, List<PhoneInput> phones) {
        Map<String, String> have =
                rows(ctx, candidateId, "phones", r -> CatsPayloads.digits(Tolerant.text(r, "number")));
        Set<String> want = new HashSet<>();
        for (PhoneInput p : phones) {
            want.add(CatsPayloads.digits(p.number()));
            if (have.containsKey(CatsPayloads.digits(p.number()))) continue;
            CatsWriter.send(ctx, "POST", "/candidates/" + candidateId + "/phones", Map.of(), CatsPayloads.phone(p))
                    .close();
        }
        deleteRows(ctx, candidateId, "phones", have, want);
    }

    /** The stored rows of an email/phone sub-resource, normalised value → row id. */
    static Map<String, String> rows(
            ConnectorContext ctx, String candidateId, String kind, java.util.function.Function<JsonNode, String> key) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode list = ctx.getJson("/candidates/" + candidateId + "/" + kind, Map.of("per_page", "100"));
        for (JsonNode r : Tolerant.items(list, kind)) {
            String k = key.apply(r);
            String rid = Tolerant.id(r, "id");
            if (k != null && !k.isEmpty() && rid != null) out.putIfAbsent(k, rid);
        }
        return out;
    }

    /**
     * The email marked primary, when it was already stored as a secondary row, is made primary with a PUT of its row
     * ({@code is_primary: true} unmarks the others, §4.1); a new primary row was POSTed with the flag already.
     */
    static void makePrimary(
            ConnectorContext ctx, String candidateId, List<EmailInput> emails, Map<String, String> had) {
        EmailInput primary =
                emails.stream().filter(EmailInput::isPrimary).findFirst().orElse(null);
        if (primary == null || !had.containsKey(lower(primary.email()))) return;
        String rid = had.get(lower(primary.email()));
        JsonNode row = ctx.getJson("/candidates/" + candidateId + "/emails/" + rid);
        if (Boolean.TRUE.equals(Tolerant.bool(row, "is_primary"))) return;
        ObjectNode body =
                CatsWriter.JSON.createObjectNode().put("email", primary.email()).put("is_primary", true);
        CatsWriter.send(ctx, "PUT", "/candidates/" + candidateId + "/emails/" + rid, Map.of(), body)
                .close();
    }

    /** DELETE is idempotent (a retried one answers 404 at worst, which means gone), so the pipeline may retry it. */
    static void deleteRows(
            ConnectorContext ctx, String candidateId, String kind, Map<String, String> have, Set<String> want) {
        for (Map.Entry<String, String> row : have.entrySet()) {
            if (want.contains(row.getKey())) continue;
            try {
                ctx.stream(
                                "DELETE",
                                ctx.uri("/candidates/" + candidateId + "/" + kind + "/" + row.getValue(), Map.of()),
                                Map.of("Accept", List.of("application/json")),
                                null,
                                false)
                        .close();
            } catch (ApiProblem p) {
                if (!"404".equals(String.valueOf(CatsWriter.remoteStatus(p)))) throw p;
            }
        }
    }

    /**
     * CATS tags are created in its UI only and attached by id (§4.9): names are resolved against {@code GET /tags}
     * before anything is written; an unknown name is a 400 naming each one. Null = the body has no {@code tags}.
     */
    static List<String> tagIds(ConnectorContext ctx, CandidateInput in) {
        if (!in.has("tags")) return null;
        Map<String, String> byTitle = new java.util.HashMap<>();
        for (JsonNode t : Tolerant.items(ctx.getJson("/tags", Map.of("per_page", "100")), "tags")) {
            String title = Tolerant.text(t, "title");
            String tid = Tolerant.id(t, "id");
            if (title != null && tid != null) byTitle.putIfAbsent(lower(title), tid);
        }
        List<String> ids = new java.util.ArrayList<>();
        List<FieldError> errors = new java.util.ArrayList<>();
        for (int i = 0; i < in.tags().size(); i++) {
            String tid = byTitle.get(lower(in.tags().get(i)));
            if (tid == null) {
                errors.add(new FieldError(
                        "/tags/" + i, "is not a tag of this CATS site (CATS tags are created in its UI, not by API)"));
            } else if (!ids.contains(tid)) {
                ids.add(tid);
            }
        }
        if (!errors.isEmpty()) throw ApiProblem.invalid(errors);
        return ids;
    }

    /**
     * {@code POST /candidates/{id}/tags} replaces the whole set (PUT would only attach, §4.1), then the set is read
     * back: CATS answers 204 either way.
     */
    static void writeTags(ConnectorContext ctx, String candidateId, List<String> tagIds) {
        if (tagIds == null) return;
        ObjectNode body = CatsWriter.JSON.createObjectNode();
        ArrayNode tags = body.putArray("tags");
        for (String t : tagIds) tags.addObject().put("id", Long.parseLong(t));
        CatsWriter.send(ctx, "POST", "/candidates/" + candidateId + "/tags", Map.of(), body)
                .close();
        Set<String> stored = new HashSet<>();
        for (JsonNode t : Tolerant.items(ctx.getJson("/candidates/" + candidateId + "/tags"), "tags")) {
            String tid = Tolerant.id(t, "id");
            if (tid != null) stored.add(tid);
        }
        if (!stored.equals(new HashSet<>(tagIds))) {
            throw ApiProblem.of(
                            ErrorCode.REMOTE_UNKNOWN_HTTP_ERROR,
                            "CATS answered success to the tag write but the candidate's tags are not the ones sent")
                    .with("errors", List.of(new FieldError("/tags", "was not stored")))
                    .with("id", RemoteKey.encode(candidateId))
                    .with("retryable", false);
        }
    }

    static String lower(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }
}

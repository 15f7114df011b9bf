package dev.interlink.platform.provider.lever;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.model.ats.Candidate;
import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.ListRequest;
import dev.interlink.platform.provider.Page;
import dev.interlink.platform.provider.Tolerant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Candidates are Lever contacts, but Lever has no list of contacts: only opportunities, several of which may share a
 * contact (docs/providers/lever.md §9). A page of candidates is therefore a page of opportunities in
 * which each contact is emitted once, at its oldest opportunity; one more call per 50 contacts fetches their other
 * opportunities, so that a contact is never emitted twice and its applications and tags are complete.
 */
final class LeverCandidates {
    static final int CONTACTS_PER_CALL = 50;
    static final int MAX_PAGES = 10;

    private LeverCandidates() {}

    static Page<Candidate> list(ConnectorContext ctx, ListRequest req) {
        Map<String, Object> filters = filters(req);
        if (filters == null) return Page.of(List.of(), null);
        Map<String, Object> q = new LinkedHashMap<>(filters);
        q.putAll(LeverConnector.PAGES.params(req.position(), req.pageSize()));
        JsonNode body = ctx.getJson("/opportunities", q);
        List<JsonNode> page = Tolerant.items(body, "data");
        String next = LeverConnector.PAGES.next(req.position(), req.pageSize(), body, page.size());
        Map<String, List<JsonNode>> groups = LeverMapper.byContact(page);
        List<JsonNode> siblings = new ArrayList<>(page);
        List<String> contacts = new ArrayList<>(groups.keySet());
        for (int i = 0; i < contacts.size(); i += CONTACTS_PER_CALL) {
            Map<String, Object> sq = new LinkedHashMap<>(filters);
            sq.put("contact_id", contacts.subList(i, Math.min(contacts.size(), i + CONTACTS_PER_CALL)));
            siblings.addAll(all(ctx, sq));
        }
        groups = LeverMapper.byContact(siblings);
        List<Candidate> out = new ArrayList<>();
        for (JsonNode o : page) {
            List<JsonNode> group = groups.get(LeverMapper.userId(o.get("contact")));
            if (group == null) continue;
            JsonNode oldest = group.stream().min(LeverMapper.OLDEST_FIRST).orElseThrow();
            if (Tolerant.id(oldest, "id").equals(Tolerant.id(o, "id"))) {
                out.add(LeverMapper.candidate(LeverMapper.userId(o.get("contact")), group));
            }
        }
        return Page.of(out, next);
    }

    /**
     * Lever has no name search; {@code q} searches by email address, through the opportunities' {@code email} filter
     * (the only person search Lever has, §9). Null = the filters cannot match anything.
     */
    static Map<String, Object> filters(ListRequest req) {
        String q = req.filter("q");
        String email = req.filter("email");
        if (q != null && !q.contains("@")) {
            throw ApiProblem.of(
                            ErrorCode.INTEGRATION_FILTER_NOT_SUPPORTED,
                            "Lever cannot search candidates by name: q must be an email address")
                    .with("filters", List.of("q"));
        }
        if (q != null && email != null && !q.trim().equalsIgnoreCase(email.trim())) return null;
        String e = email != null ? email : q;
        Map<String, Object> out = new LinkedHashMap<>();
        if (e != null) out.put("email", e.trim().toLowerCase(Locale.ROOT));
        return out;
    }

    /** One contact: all of its opportunities; a contact without any is read from {@code /contacts/:id}. */
    static Candidate get(ConnectorContext ctx, String contactId) {
        List<JsonNode> opps = all(ctx, Map.of("contact_id", contactId));
        if (!opps.isEmpty()) return LeverMapper.candidate(contactId, opps);
        JsonNode c = ctx.getJson("/contacts/" + contactId).path("data");
        if (!c.isObject() || Tolerant.id(c, "id") == null) {
            throw ApiProblem.of(ErrorCode.REMOTE_NOT_FOUND, "Lever has no such contact");
        }
        return LeverMapper.contactOnly(c);
    }

    /** Every opportunity matching {@code query}, all pages (bounded). */
    static List<JsonNode> all(ConnectorContext ctx, Map<String, Object> query) {
        List<JsonNode> out = new ArrayList<>();
        String position = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, Object> q = new LinkedHashMap<>(query);
            q.putAll(LeverConnector.PAGES.params(position, 100));
            JsonNode body = ctx.getJson("/opportunities", q);
            List<JsonNode> items = Tolerant.items(body, "data");
            out.addAll(items);
            position = LeverConnector.PAGES.next(position, 100, body, items.size());
            if (position == null) return out;
        }
        return out;
    }

    static List<String> ids(Collection<JsonNode> opportunities) {
        return opportunities.stream().map(o -> Tolerant.id(o, "id")).toList();
    }
}

package dev.interlink.sandbox.cats;

import static dev.interlink.sandbox.cats.CatsData.link;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** HAL decoration of CATS records (docs/providers/cats.md §5): relative `_links` without `/v3`, `_embedded` rows. */
final class CatsShapes {
    private CatsShapes() {}

    static void finishCandidate(
            Map<String, Object> c, List<Map<String, Object>> emails, List<Map<String, Object>> phones) {
        long id = ((Number) c.get("id")).longValue();
        String self = "/candidates/" + id;
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", link(self));
        for (String rel : new String[] {
            "custom_fields",
            "attachments",
            "activities",
            "work_history",
            "pipelines",
            "tags",
            "thumbnail",
            "phones",
            "emails"
        }) links.put(rel, link(self + "/" + rel));
        links.put("owner", link("/users/" + c.get("owner_id")));
        links.put("entered_by", link("/users/" + c.get("entered_by_id")));
        c.put("_links", links);
        Map<String, Object> emb = new LinkedHashMap<>();
        emb.put("custom_fields", new ArrayList<>());
        emb.put("work_history", new ArrayList<>());
        emb.put("thumbnail", new ArrayList<>());
        emb.put("phones", phones);
        emb.put("emails", emails);
        c.put("_embedded", emb);
        refreshSummaries(c);
    }

    /** Top-level emails/phones are flattened summaries of the embedded rows (§5.1 notes). */
    @SuppressWarnings("unchecked")
    static void refreshSummaries(Map<String, Object> c) {
        Map<String, Object> emb = (Map<String, Object>) c.get("_embedded");
        List<Map<String, Object>> emails = (List<Map<String, Object>>) emb.get("emails");
        List<Map<String, Object>> phones = (List<Map<String, Object>>) emb.get("phones");
        String primary = null;
        String secondary = null;
        for (Map<String, Object> e : emails) {
            if (Boolean.TRUE.equals(e.get("is_primary")) && primary == null) primary = (String) e.get("email");
            else if (secondary == null) secondary = (String) e.get("email");
        }
        if (primary == null && secondary != null) {
            primary = secondary;
            secondary = null;
        }
        Map<String, Object> es = new LinkedHashMap<>();
        es.put("primary", primary);
        es.put("secondary", secondary);
        Map<String, Object> ps = new LinkedHashMap<>();
        ps.put("home", firstOfType(phones, "home"));
        ps.put("cell", firstOfType(phones, "mobile"));
        ps.put("work", firstOfType(phones, "work"));
        if (c.containsKey("emails") && c.containsKey("phones")) {
            // placeholders already sit in the documented positions: replacing values keeps the order
            c.put("emails", es);
            c.put("phones", ps);
            return;
        }
        // keep the documented key order: emails after title, phones after website
        Map<String, Object> copy = new LinkedHashMap<>(c);
        c.clear();
        for (Map.Entry<String, Object> en : copy.entrySet()) {
            String k = en.getKey();
            c.put(k, en.getValue());
            if (k.equals("title")) c.put("emails", es);
            if (k.equals("website")) c.put("phones", ps);
        }
        if (!c.containsKey("emails")) c.put("emails", es);
        if (!c.containsKey("phones")) c.put("phones", ps);
    }

    private static String firstOfType(List<Map<String, Object>> phones, String type) {
        for (Map<String, Object> p : phones) if (type.equals(p.get("type"))) return (String) p.get("number");
        return null;
    }

    static void finishJob(Map<String, Object> m) {
        long id = ((Number) m.get("id")).longValue();
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", link("/jobs/" + id));
        links.put("company", link("/companies/" + m.get("company_id")));
        links.put("status", link("/jobs/statuses/" + m.get("status_id")));
        links.put("pipelines", link("/jobs/" + id + "/pipelines"));
        m.put("_links", links);
        m.put("_embedded", Map.of());
    }

    static void finishPipeline(Map<String, Object> p) {
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", link("/pipelines/" + p.get("id")));
        links.put("candidate", link("/candidates/" + p.get("candidate_id")));
        links.put("job", link("/jobs/" + p.get("job_id")));
        links.put("status", link("/pipelines/workflows/" + p.get("workflow_id") + "/statuses/" + p.get("status_id")));
        p.put("_links", links);
        p.put("_embedded", Map.of());
    }

    static void finishAttachment(Map<String, Object> a) {
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", link("/attachments/" + a.get("id")));
        links.put("download", link("/attachments/" + a.get("id") + "/download"));
        a.put("_links", links);
    }

    @SuppressWarnings("unchecked")
    static void finishActivity(Map<String, Object> a) {
        Map<String, Object> item = (Map<String, Object>) a.get("data_item");
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", link("/activities/" + a.get("id")));
        if (a.get("regarding_id") != null) links.put("regarding", link("/jobs/" + a.get("regarding_id")));
        links.put("data_item", link("/" + item.get("type") + "s/" + item.get("id")));
        links.put("entered_by", link("/users/" + a.get("entered_by_id")));
        a.put("_links", links);
    }

    static void finishContact(Map<String, Object> c) {
        long id = ((Number) c.get("id")).longValue();
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", link("/contacts/" + id));
        links.put("status", link("/contacts/statuses/" + c.get("status_id")));
        links.put("owner", link("/users/" + c.get("owner_id")));
        links.put("attachments", link("/contacts/" + id + "/attachments"));
        c.put("_links", links);
        Object[] st = CatsData.CONTACT_STATUSES[0];
        for (Object[] row : CatsData.CONTACT_STATUSES) if (row[0].equals(c.get("status_id"))) st = row;
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("id", st[0]);
        status.put("workflow_id", CatsData.CONTACT_WORKFLOW);
        status.put("title", st[1]);
        status.put("mapping", st[2]);
        status.put("prerequisites", List.of());
        status.put("triggers", List.of());
        // one live sample even lacks the leading slash (§1 [LIVE]): kept verbatim
        status.put("_links", Map.of("self", link("contacts/statuses/" + st[0])));
        Map<String, Object> emb = new LinkedHashMap<>();
        emb.put("custom_fields", List.of());
        emb.put("status", status);
        emb.put("thumbnail", List.of());
        emb.put("phones", List.of());
        emb.put("emails", List.of());
        c.put("_embedded", emb);
    }

    static Map<String, Object> status(long workflowId, Object[] row) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", row[0]);
        s.put("workflow_id", workflowId);
        s.put("title", row[1]);
        s.put("mapping", row[2]);
        s.put("prerequisites", List.of());
        s.put("triggers", List.of());
        s.put("_links", Map.of("self", link("/pipelines/workflows/" + workflowId + "/statuses/" + row[0])));
        return s;
    }

    static Map<String, Object> workflow(long id, String title, boolean isDefault) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("id", id);
        w.put("title", title);
        w.put("is_default", isDefault);
        w.put("date_modified", "2020-01-01T00:00:00+00:00");
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", link("/pipelines/workflows/" + id));
        links.put("statuses", link("/pipelines/workflows/" + id + "/statuses"));
        w.put("_links", links);
        w.put("_embedded", Map.of());
        return w;
    }

    static Map<String, Object> jobStatus(Object[] row) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", row[0]);
        s.put("title", row[1]);
        s.put("mapping", row[1].toString().toLowerCase());
        s.put("prerequisites", List.of());
        s.put("triggers", List.of());
        s.put("_links", Map.of("self", link("/jobs/statuses/" + row[0])));
        return s;
    }

    static Map<String, Object> tag(Object[] row) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", row[0]);
        t.put("parent_id", null);
        t.put("title", row[1]);
        t.put("_links", Map.of("self", link("/tags/" + row[0])));
        t.put("_embedded", Map.of());
        return t;
    }

    static Map<String, Object> customField(Object[] row) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", row[0]);
        f.put("data_item_type", "candidate");
        f.put("name", row[1]);
        f.put("comment", "");
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("type", row[2]);
        if ("dropdown".equals(row[2])) field.put("selections", List.of("S", "M", "L", "XL"));
        f.put("field", field);
        f.put("_links", Map.of("self", link("/candidates/custom_fields/" + row[0])));
        return f;
    }
}

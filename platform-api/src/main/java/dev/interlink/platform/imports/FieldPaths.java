package dev.interlink.platform.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.interlink.model.ats.Application;
import dev.interlink.model.ats.Attachment;
import dev.interlink.model.ats.Candidate;
import dev.interlink.model.ats.Company;
import dev.interlink.model.ats.Job;
import dev.interlink.model.ats.JobInterviewStage;
import dev.interlink.model.ats.Organization;
import dev.interlink.model.ats.RejectionReason;
import dev.interlink.model.ats.User;
import dev.interlink.platform.provider.AtsResource;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields an import can pick, read from the unified model's records (shared-model), so the picker and the
 * validation never drift from what the unified API returns. A path is dotted snake_case as in the JSON:
 * {@code current_stage.name}; a list element by its index, {@code emails.0.email} (the picker offers index 0; any index
 * is accepted); a key of a map field, {@code custom_fields.<key>}. {@code remote_data} is not offered: it is the
 * provider's raw record, not the unified model.
 */
final class FieldPaths {
    record Field(String path, String type) {}

    private static final int MAX_DEPTH = 3;
    private static final Map<AtsResource, Class<? extends Record>> MODELS = new EnumMap<>(Map.of(
            AtsResource.CANDIDATES, Candidate.class,
            AtsResource.JOBS, Job.class,
            AtsResource.APPLICATIONS, Application.class,
            AtsResource.JOB_INTERVIEW_STAGES, JobInterviewStage.class,
            AtsResource.ATTACHMENTS, Attachment.class,
            AtsResource.COMPANIES, Company.class,
            AtsResource.USERS, User.class,
            AtsResource.ORGANIZATIONS, Organization.class,
            AtsResource.REJECTION_REASONS, RejectionReason.class));
    private static final Map<AtsResource, Map<String, String>> FIELDS = new EnumMap<>(AtsResource.class);

    static {
        MODELS.forEach((resource, type) -> {
            Map<String, String> fields = new LinkedHashMap<>();
            walk(type, "", 0, fields);
            FIELDS.put(resource, fields);
        });
    }

    private FieldPaths() {}

    static List<Field> of(AtsResource resource) {
        List<Field> out = new ArrayList<>();
        FIELDS.getOrDefault(resource, Map.of()).forEach((p, t) -> out.add(new Field(p, t.equals("map") ? "json" : t)));
        return out;
    }

    /** Null when {@code path} names a field of the resource, else why not. */
    static String problem(AtsResource resource, String path) {
        if (path == null || path.isBlank()) return "is empty";
        Map<String, String> fields = FIELDS.getOrDefault(resource, Map.of());
        String[] parts = path.split("\\.", -1);
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) return "'" + path + "' has an empty segment";
            String candidate = prefix.isEmpty() ? part : prefix + "." + (isIndex(part) ? "0" : part);
            String type = fields.get(candidate);
            if (type == null) {
                return "'" + path + "' is not a field of " + resource.path() + " (GET /import-fields?resource="
                        + resource.path() + " lists them)";
            }
            if (type.equals("map") && i + 1 < parts.length) return null; // any key of a custom-fields map
            prefix.setLength(0);
            prefix.append(candidate);
        }
        return null;
    }

    /** The value at {@code path} in a unified record's JSON, or a missing node. */
    static JsonNode value(JsonNode record, String path) {
        JsonNode node = record;
        for (String part : path.split("\\.")) {
            if (node == null || node.isNull() || node.isMissingNode()) return MissingNode.getInstance();
            node = node.isArray() && isIndex(part) ? node.get(Integer.parseInt(part)) : node.get(part);
        }
        return node == null ? MissingNode.getInstance() : node;
    }

    private static boolean isIndex(String part) {
        return !part.isEmpty() && part.length() < 6 && part.chars().allMatch(Character::isDigit);
    }

    private static void walk(Class<?> type, String prefix, int depth, Map<String, String> out) {
        for (RecordComponent c : type.getRecordComponents()) {
            String name = PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(c.getName());
            if (name.equals("remote_data")) continue;
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            add(c.getType(), c.getGenericType(), path, depth, out);
        }
    }

    private static void add(Class<?> raw, Type generic, String path, int depth, Map<String, String> out) {
        if (raw == String.class) out.put(path, "string");
        else if (raw == Instant.class) out.put(path, "date_time");
        else if (raw == LocalDate.class) out.put(path, "date");
        else if (raw == Boolean.class || raw == boolean.class) out.put(path, "boolean");
        else if (Number.class.isAssignableFrom(raw) || raw == BigDecimal.class || raw.isPrimitive()) {
            out.put(path, "number");
        } else if (Map.class.isAssignableFrom(raw)) out.put(path, "map");
        else if (raw.isRecord() && depth < MAX_DEPTH) {
            out.put(path, "json");
            walk(raw, path, depth + 1, out);
        } else if (List.class.isAssignableFrom(raw) && generic instanceof ParameterizedType p && depth < MAX_DEPTH) {
            out.put(path, "json");
            Type element = p.getActualTypeArguments()[0];
            if (element instanceof Class<?> e) add(e, e, path + ".0", depth + 1, out);
        } else out.put(path, "json");
    }
}

package dev.interlink.platform.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.platform.events.Events;
import dev.interlink.platform.provider.AtsConnector;
import dev.interlink.platform.provider.AtsResource;
import dev.interlink.platform.provider.ResourceOps;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The one place a change becomes an event. Every source (poll, provider webhook, our own write) hands the engine the
 * current unified record; the engine compares it with what it last saw, under a per-record lock, and in the same
 * transaction stores the new state and publishes the events. So whichever source sees a change first emits it, and
 * the others then find nothing new: no change is emitted twice, and none is lost if the transaction rolls back.
 */
@Singleton
public class ChangeEngine {
    /** Larger records are announced by id and changed fields only; the tenant reads them through the unified API. */
    static final int MAX_INLINE_RECORD = 8_192;

    private final ChangeStore store;
    private final Events events;
    private final ObjectMapper json;
    private final Clock clock;

    /** provider → resource → the fields its list leaves out (never compared, see {@link Fingerprint#of}). */
    private final Map<String, Map<AtsResource, Set<String>>> getOnly = new java.util.HashMap<>();

    public ChangeEngine(
            ChangeStore store, Events events, ObjectMapper json, Clock clock, List<AtsConnector> connectors) {
        this.store = store;
        this.events = events;
        this.json = json;
        this.clock = clock;
        for (AtsConnector c : connectors) {
            Map<AtsResource, Set<String>> byResource = new java.util.EnumMap<>(AtsResource.class);
            for (ResourceOps<?> ops : c.resources()) {
                if (!ops.getOnlyFields().isEmpty()) byResource.put(ops.resource(), ops.getOnlyFields());
            }
            getOnly.put(c.id(), byResource);
        }
    }

    private Set<String> getOnly(Observation o) {
        return getOnly.getOrDefault(o.provider(), Map.of()).getOrDefault(o.resource(), Set.of());
    }

    /**
     * One record as a source saw it. {@code baseline}: store only, emit nothing (an account's first poll).
     * {@code stageMove}: our own stage move, so an application never seen before is a stage change (with an unknown
     * previous stage), not a creation. {@code changedAt}: when the provider says it happened, if it says.
     */
    public record Observation(
            UUID tenantId,
            UUID accountId,
            String provider,
            AtsResource resource,
            JsonNode record,
            Source source,
            boolean baseline,
            boolean stageMove,
            @Nullable Instant changedAt) {}

    /** Compares, stores and publishes in one transaction; returns the number of events published. */
    @Transactional
    public int observe(Observation o) {
        String id = o.record().path("id").asText(null);
        if (id == null) return 0;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int published = 0;
        if (o.resource() == AtsResource.CANDIDATES) {
            published += attachmentsOf(o, id, now);
        }
        Optional<ChangeStore.Seen> seen = store.lockAndFind(o.accountId(), o.resource(), id);
        Fingerprint fp = Fingerprint.of(o.resource(), o.record(), getOnly(o));
        ChangeStore.Stage stage = o.resource() == AtsResource.APPLICATIONS ? stage(o.record()) : null;
        if (seen.isEmpty()) {
            store.save(o.tenantId(), o.accountId(), o.resource(), id, fp, stage, now);
            if (o.baseline()) return published;
            if (o.stageMove()) {
                publish(o, "ats.application.stage_changed", stageChanged(o, id, null, stage, now));
            } else {
                publish(o, created(o.resource()), created(o, id, stage, now));
            }
            return published + 1;
        }
        ChangeStore.Seen before = seen.get();
        boolean fieldsChanged = !fp.hash().equals(before.fingerprint());
        boolean stageChanged = o.resource() == AtsResource.APPLICATIONS && !sameStage(before.stage(), stage);
        if (!fieldsChanged && !stageChanged) return published;
        store.save(o.tenantId(), o.accountId(), o.resource(), id, fp, stage, now);
        if (o.baseline()) return published;
        String updated = updated(o.resource());
        if (fieldsChanged && updated != null) {
            Map<String, Object> data = base(o);
            data.put(idKey(o.resource()), id);
            data.put("changed_fields", fp.changedFrom(before.fields()));
            data.put("changed_at", changedAt(o, now));
            inline(data, o.record());
            publish(o, updated, data);
            published++;
        }
        if (stageChanged) {
            publish(o, "ats.application.stage_changed", stageChanged(o, id, before.stage(), stage, now));
            published++;
        }
        return published;
    }

    /**
     * Attachments are listable only per candidate (a scan would cost one call per candidate), so a new attachment
     * reference on a candidate record (where the connector fills them) is how a poll finds new attachments.
     */
    private int attachmentsOf(Observation o, String candidateId, Instant now) {
        JsonNode refs = o.record().path("attachments");
        if (!refs.isArray()) return 0;
        int published = 0;
        for (JsonNode ref : refs) {
            String aid = ref.path("id").asText(null);
            if (aid == null) continue;
            if (store.lockAndFind(o.accountId(), AtsResource.ATTACHMENTS, aid).isPresent()) continue;
            store.save(
                    o.tenantId(),
                    o.accountId(),
                    AtsResource.ATTACHMENTS,
                    aid,
                    Fingerprint.of(AtsResource.ATTACHMENTS, ref),
                    null,
                    now);
            if (o.baseline()) continue;
            Map<String, Object> data = base(o);
            data.put("attachment_id", aid);
            data.put("candidate_id", candidateId);
            data.put("changed_at", changedAt(o, now));
            publish(o, "ats.attachment.created", data);
            published++;
        }
        return published;
    }

    private void publish(Observation o, String type, Map<String, Object> data) {
        events.publish(o.tenantId(), type, data);
    }

    private Map<String, Object> created(Observation o, String id, ChangeStore.Stage stage, Instant now) {
        Map<String, Object> data = base(o);
        data.put(idKey(o.resource()), id);
        if (o.resource() == AtsResource.APPLICATIONS) {
            data.put("candidate_id", ref(o.record(), "candidate"));
            data.put("job_id", ref(o.record(), "job"));
            data.put("stage", stage == null ? null : stage.asMap());
        }
        if (o.resource() == AtsResource.ATTACHMENTS) {
            data.put("candidate_id", ref(o.record(), "candidate"));
        }
        data.put("changed_at", changedAt(o, now));
        inline(data, o.record());
        return data;
    }

    private Map<String, Object> stageChanged(
            Observation o, String id, ChangeStore.Stage previous, ChangeStore.Stage stage, Instant now) {
        Map<String, Object> data = base(o);
        data.put("application_id", id);
        data.put("candidate_id", ref(o.record(), "candidate"));
        data.put("job_id", ref(o.record(), "job"));
        data.put("previous_stage", previous == null ? null : previous.asMap());
        data.put("stage", stage == null ? null : stage.asMap());
        data.put("changed_at", changedAt(o, now));
        return data;
    }

    private Map<String, Object> base(Observation o) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("integrated_account_id", o.accountId().toString());
        data.put("provider", o.provider());
        data.put("source", o.source().wire());
        return data;
    }

    private void inline(Map<String, Object> data, JsonNode record) {
        if (record.toString().length() <= MAX_INLINE_RECORD) {
            data.put("record", json.convertValue(record, Map.class));
        }
    }

    private String changedAt(Observation o, Instant now) {
        if (o.changedAt() != null) return o.changedAt().toString();
        String remote = o.record().path("remote_updated_at").asText(null);
        return remote != null && o.source() == Source.POLL ? remote : now.toString();
    }

    static ChangeStore.Stage stage(JsonNode application) {
        JsonNode s = application.path("current_stage");
        if (!s.isObject()) return null;
        return new ChangeStore.Stage(
                s.path("id").asText(null),
                s.path("name").asText(null),
                s.path("category").asText(null));
    }

    static boolean sameStage(ChangeStore.Stage a, ChangeStore.Stage b) {
        String x = a == null ? null : a.id();
        String y = b == null ? null : b.id();
        return java.util.Objects.equals(x, y);
    }

    static String ref(JsonNode record, String field) {
        return record.path(field).path("id").asText(null);
    }

    static String idKey(AtsResource resource) {
        return switch (resource) {
            case CANDIDATES -> "candidate_id";
            case JOBS -> "job_id";
            case APPLICATIONS -> "application_id";
            case ATTACHMENTS -> "attachment_id";
            default -> "id";
        };
    }

    static String created(AtsResource resource) {
        return switch (resource) {
            case CANDIDATES -> "ats.candidate.created";
            case JOBS -> "ats.job.created";
            case APPLICATIONS -> "ats.application.created";
            case ATTACHMENTS -> "ats.attachment.created";
            default -> throw new IllegalArgumentException("not watched: " + resource);
        };
    }

    /** Applications change by stage (their own event); attachments are immutable files. */
    static String updated(AtsResource resource) {
        return switch (resource) {
            case CANDIDATES -> "ats.candidate.updated";
            case JOBS -> "ats.job.updated";
            default -> null;
        };
    }
}

package dev.interlink.platform.provider.lever;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.model.ats.Application;
import dev.interlink.model.ats.Attachment;
import dev.interlink.model.ats.Candidate;
import dev.interlink.model.ats.Job;
import dev.interlink.model.ats.JobInterviewStage;
import dev.interlink.model.ats.Ref;
import dev.interlink.model.ats.RejectionReason;
import dev.interlink.model.ats.User;
import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.AtsConnector;
import dev.interlink.platform.provider.AtsResource;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.ListRequest;
import dev.interlink.platform.provider.Lists;
import dev.interlink.platform.provider.Page;
import dev.interlink.platform.provider.RemoteKey;
import dev.interlink.platform.provider.ResourceOps;
import dev.interlink.platform.provider.Tolerant;
import dev.interlink.platform.provider.http.RawResponse;
import dev.interlink.platform.provider.pagination.NextTokenPagination;
import dev.interlink.platform.provider.pagination.Pagination;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lever Data API v1 (docs/providers/lever.md). Every list is {@code {data, hasNext, next}} with an opaque offset
 * token (§4). Candidates are contacts, applications are opportunities, jobs are postings, stages are the
 * account-wide pipeline, attachments are an opportunity's resumes and files (key: opportunity, kind, id).
 */
@Singleton
@Named("lever")
public class LeverConnector implements AtsConnector {
    /** The catalog id (providers/lever.yml). */
    public static final String ID = "lever";

    static final Pagination PAGES = new NextTokenPagination("offset", "limit", "hasNext", "next");
    /** The opportunity's single application carries its posting (§5). */
    static final Map<String, String> EXPAND_APPLICATIONS = Map.of("expand", "applications");

    private final LeverReference reference;
    private final List<ResourceOps<?>> resources;

    public LeverConnector(LeverReference reference) {
        this.reference = reference;
        resources = List.of(
                ResourceOps.of(AtsResource.CANDIDATES, Candidate.class)
                        .list(LeverCandidates::list)
                        .get((ctx, key) -> LeverCandidates.get(ctx, key.part(0)))
                        .nativeFilters("q", "email")
                        .emulatedFilters("updated_after", "created_after")
                        .unsupportedFields("company_name", "attachments")
                        .build(),
                ResourceOps.of(AtsResource.JOBS, Job.class)
                        .list((ctx, req) -> Lists.fetch(
                                ctx,
                                "/postings",
                                since("updated_at_start", req.filter("updated_after")),
                                PAGES,
                                req,
                                "data",
                                LeverPostings::job))
                        .get((ctx, key) -> LeverPostings.job(data(ctx.getJson("/postings/" + key.part(0)))))
                        .nativeFilters("updated_after")
                        .emulatedFilters("created_after", "status")
                        .unsupportedFields("remote_url", "openings_count", "company", "opened_at", "closed_at")
                        .build(),
                ResourceOps.of(AtsResource.APPLICATIONS, Application.class)
                        .list(this::listApplications)
                        .get((ctx, key) -> LeverMapper.application(
                                data(ctx.getJson("/opportunities/" + key.part(0), EXPAND_APPLICATIONS)),
                                reference.lookups(ctx)))
                        .nativeFilters("job_id", "candidate_id", "updated_after", "created_after")
                        .emulatedFilters("status")
                        .unsupportedFields("rating")
                        .build(),
                ResourceOps.of(AtsResource.JOB_INTERVIEW_STAGES, JobInterviewStage.class)
                        .list(this::listStages)
                        .get(this::getStage)
                        .nativeFilters("job_id")
                        .unsupportedFields("remote_created_at", "remote_updated_at", "remote_url", "workflow")
                        .build(),
                ResourceOps.of(AtsResource.ATTACHMENTS, Attachment.class)
                        .keyArity(3)
                        .list(this::listAttachments)
                        .get(this::getAttachment)
                        .content(LeverConnector::content)
                        .nativeFilters("candidate_id")
                        .requiredFilters("candidate_id")
                        .emulatedFilters("created_after")
                        .unsupportedFields("remote_updated_at", "remote_url")
                        .build(),
                ResourceOps.of(AtsResource.USERS, User.class)
                        .list((ctx, req) -> Lists.fetch(
                                ctx, "/users", users(req.filter("email")), PAGES, req, "data", LeverMapper::user))
                        .get((ctx, key) -> LeverMapper.user(data(ctx.getJson("/users/" + key.part(0)))))
                        .nativeFilters("email")
                        .emulatedFilters("created_after")
                        .unsupportedFields("remote_updated_at", "remote_url")
                        .build(),
                ResourceOps.of(AtsResource.REJECTION_REASONS, RejectionReason.class)
                        .list((ctx, req) -> Page.slice(rejectionReasons(ctx), req.position(), req.pageSize()))
                        .get(this::getRejectionReason)
                        .unsupportedFields("remote_created_at", "remote_updated_at", "remote_url", "workflow")
                        .build());
    }

    /** Rejection reasons are the active archive reasons of type non-hired (§5; "hired" is an archive reason too). */
    List<RejectionReason> rejectionReasons(ConnectorContext ctx) {
        return reference.archiveReasons(ctx).values().stream()
                .filter(LeverMapper::isRejection)
                .filter(r -> !"inactive".equals(Tolerant.text(r, "status")))
                .map(LeverMapper::rejectionReason)
                .sorted(java.util.Comparator.comparing(
                        RejectionReason::name, java.util.Comparator.nullsLast(String::compareTo)))
                .toList();
    }

    RejectionReason getRejectionReason(ConnectorContext ctx, RemoteKey key) {
        JsonNode r = reference.archiveReasons(ctx).get(key.part(0));
        if (r == null || !LeverMapper.isRejection(r)) {
            throw ApiProblem.of(ErrorCode.REMOTE_NOT_FOUND, "Lever has no such non-hired archive reason");
        }
        return LeverMapper.rejectionReason(r);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<ResourceOps<?>> resources() {
        return resources;
    }

    /** A single record is {@code {"data": {...}}}; anything else is not a record. */
    static JsonNode data(JsonNode body) {
        JsonNode d = body == null ? null : body.get("data");
        if (d == null || !d.isObject() || d.isEmpty()) {
            throw ApiProblem.of(ErrorCode.REMOTE_NOT_FOUND, "Lever answered without the record");
        }
        return d;
    }

    /**
     * Lever's time filters are epoch ms and inclusive ({@code _start} ≤ t, §4); ours are strictly after, hence + 1
     * ms.
     */
    static Map<String, String> since(String param, String after) {
        Map<String, String> q = new LinkedHashMap<>();
        if (after != null) {
            long ms = OffsetDateTime.parse(after).toInstant().toEpochMilli() + 1;
            q.put(param, String.valueOf(ms));
        }
        return q;
    }

    /** Deactivated users too: old records point at them (GET /users hides them by default, §5). */
    static Map<String, String> users(String email) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("includeDeactivated", "true");
        if (email != null) q.put("email", email);
        return q;
    }

    Page<Application> listApplications(ConnectorContext ctx, ListRequest req) {
        LeverReference.Lookups lookups = reference.lookups(ctx);
        Map<String, String> q = new LinkedHashMap<>(EXPAND_APPLICATIONS);
        String job = remote(req.filter("job_id"), "/job_id");
        String contact = remote(req.filter("candidate_id"), "/candidate_id");
        if (job != null) q.put("posting_id", job);
        if (contact != null) q.put("contact_id", contact);
        q.putAll(since("updated_at_start", req.filter("updated_after")));
        q.putAll(since("created_at_start", req.filter("created_after")));
        return Lists.fetch(ctx, "/opportunities", q, PAGES, req, "data", o -> LeverMapper.application(o, lookups));
    }

    /** The account-wide pipeline; with job_id, the same stages referring to that posting (after checking it). */
    Page<JobInterviewStage> listStages(ConnectorContext ctx, ListRequest req) {
        String job = remote(req.filter("job_id"), "/job_id");
        Ref jobRef = null;
        if (job != null) {
            JsonNode p = data(ctx.getJson("/postings/" + job));
            jobRef = new Ref(RemoteKey.encode(job), job, Tolerant.text(p, "text"));
        }
        List<JobInterviewStage> all = new ArrayList<>();
        List<JsonNode> stages = reference.stageList(ctx);
        for (int i = 0; i < stages.size(); i++) all.add(LeverStages.stage(stages.get(i), i + 1, jobRef));
        return Page.slice(all, req.position(), req.pageSize());
    }

    JobInterviewStage getStage(ConnectorContext ctx, RemoteKey key) {
        List<JsonNode> stages = reference.stageList(ctx);
        for (int i = 0; i < stages.size(); i++) {
            if (key.part(0).equals(Tolerant.id(stages.get(i), "id")))
                return LeverStages.stage(stages.get(i), i + 1, null);
        }
        throw ApiProblem.of(ErrorCode.REMOTE_NOT_FOUND, "Lever has no such stage");
    }

    /** The resumes and files of every opportunity of the contact (§5); Lever keeps files per opportunity. */
    Page<Attachment> listAttachments(ConnectorContext ctx, ListRequest req) {
        String contact = remote(req.filter("candidate_id"), "/candidate_id");
        List<Attachment> all = new ArrayList<>();
        for (JsonNode o : LeverCandidates.all(ctx, Map.of("contact_id", contact))) {
            String opp = Tolerant.id(o, "id");
            for (JsonNode r : LeverReference.all(ctx, "/opportunities/" + opp + "/resumes", Map.of()))
                all.add(LeverMapper.attachment(opp, contact, LeverMapper.RESUME, r));
            for (JsonNode f : LeverReference.all(ctx, "/opportunities/" + opp + "/files", Map.of()))
                all.add(LeverMapper.attachment(opp, contact, LeverMapper.FILE, f));
        }
        return Page.slice(all, req.position(), req.pageSize());
    }

    Attachment getAttachment(ConnectorContext ctx, RemoteKey key) {
        String opp = key.part(0);
        JsonNode f = data(ctx.getJson("/opportunities/" + opp + "/" + kindPath(key) + "/" + key.part(2)));
        JsonNode o = data(ctx.getJson("/opportunities/" + opp));
        return LeverMapper.attachment(opp, LeverMapper.userId(o.get("contact")), key.part(1), f);
    }

    /** The API's own download route with API auth, never {@code downloadUrl} (a hire.lever.co page, §5). */
    static RawResponse content(ConnectorContext ctx, RemoteKey key) {
        return ctx.stream(
                "GET",
                ctx.uri(
                        "/opportunities/" + key.part(0) + "/" + kindPath(key) + "/" + key.part(2) + "/download",
                        Map.of()),
                Map.of("Accept", List.of("*/*")),
                null,
                false);
    }

    static String kindPath(RemoteKey key) {
        return switch (key.part(1)) {
            case LeverMapper.RESUME -> "resumes";
            case LeverMapper.FILE -> "files";
            default -> throw ApiProblem.of(ErrorCode.REMOTE_NOT_FOUND, "Lever has no such attachment");
        };
    }

    static String remote(String unifiedId, String pointer) {
        return unifiedId == null
                ? null
                : RemoteKey.decode(unifiedId, 1, pointer).part(0);
    }
}

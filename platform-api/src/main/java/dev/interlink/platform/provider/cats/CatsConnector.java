package dev.interlink.platform.provider.cats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.model.ats.Application;
import dev.interlink.model.ats.Attachment;
import dev.interlink.model.ats.Candidate;
import dev.interlink.model.ats.Company;
import dev.interlink.model.ats.Job;
import dev.interlink.model.ats.JobInterviewStage;
import dev.interlink.model.ats.Organization;
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
import dev.interlink.platform.provider.ReferenceCache;
import dev.interlink.platform.provider.RemoteKey;
import dev.interlink.platform.provider.ResourceOps;
import dev.interlink.platform.provider.Tolerant;
import dev.interlink.platform.provider.http.RawResponse;
import dev.interlink.platform.provider.pagination.HalNextLinkPagination;
import dev.interlink.platform.provider.pagination.Pagination;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CATS v3 (docs/providers/cats.md). Lists are HAL pages ({@code _links.next}, per_page ≤ 100); records are flat with
 * numeric ids. Applications are pipelines; stages are workflow statuses, categorized by their {@code mapping}.
 */
@Singleton
@Named("cats")
public class CatsConnector implements AtsConnector {
    /** The catalog id (providers/cats.yml). */
    public static final String ID = "cats";

    static final Pagination HAL = new HalNextLinkPagination();
    private final ReferenceCache reference = new ReferenceCache(Duration.ofMinutes(5));
    private final List<ResourceOps<?>> resources;

    public CatsConnector() {
        resources = List.of(
                ResourceOps.of(AtsResource.CANDIDATES, Candidate.class)
                        .list(this::listCandidates)
                        .get(CatsConnector::getCandidate)
                        .nativeFilters("q")
                        .emulatedFilters("updated_after", "created_after", "email")
                        // tags cost one call per candidate: filled on get, lists are partial (decision 0024)
                        .partialList("tags")
                        .unsupportedFields("remote_url", "applications", "attachments")
                        .build(),
                ResourceOps.of(AtsResource.JOBS, Job.class)
                        .list(this::listJobs)
                        .get((ctx, key) -> CatsMapper.job(ctx.getJson("/jobs/" + key.part(0)), jobStatuses(ctx)))
                        .nativeFilters("q")
                        .emulatedFilters("updated_after", "created_after", "status")
                        .unsupportedFields("remote_url", "opened_at", "closed_at")
                        .build(),
                ResourceOps.of(AtsResource.APPLICATIONS, Application.class)
                        .list(this::listApplications)
                        .get((ctx, key) ->
                                CatsMapper.application(ctx.getJson("/pipelines/" + key.part(0)), statuses(ctx)))
                        .nativeFilters("job_id", "candidate_id")
                        .emulatedFilters("updated_after", "created_after", "status")
                        .unsupportedFields("remote_url")
                        .build(),
                ResourceOps.of(AtsResource.JOB_INTERVIEW_STAGES, JobInterviewStage.class)
                        .keyArity(2)
                        .list(this::listStages)
                        .get(this::getStage)
                        .nativeFilters("job_id")
                        .unsupportedFields("remote_created_at", "remote_updated_at", "remote_url")
                        .build(),
                ResourceOps.of(AtsResource.ATTACHMENTS, Attachment.class)
                        .list(this::listAttachments)
                        .get((ctx, key) -> CatsMapper.attachment(ctx.getJson("/attachments/" + key.part(0))))
                        .content(this::content)
                        .nativeFilters("candidate_id")
                        .requiredFilters("candidate_id")
                        .emulatedFilters("created_after")
                        .unsupportedFields("remote_url", "application")
                        .build(),
                ResourceOps.of(AtsResource.COMPANIES, Company.class)
                        .list((ctx, req) ->
                                Lists.fetch(ctx, "/companies", Map.of(), HAL, req, "companies", CatsMapper::company))
                        .get((ctx, key) -> CatsMapper.company(ctx.getJson("/companies/" + key.part(0))))
                        .emulatedFilters("updated_after", "created_after")
                        .unsupportedFields("remote_url")
                        .build(),
                ResourceOps.of(AtsResource.USERS, User.class)
                        .list((ctx, req) -> Lists.fetch(ctx, "/users", Map.of(), HAL, req, "users", CatsMapper::user))
                        .get((ctx, key) -> CatsMapper.user(ctx.getJson("/users/" + key.part(0))))
                        .emulatedFilters("email")
                        .unsupportedFields("remote_created_at", "remote_updated_at", "remote_url", "status_raw")
                        .build(),
                ResourceOps.of(AtsResource.ORGANIZATIONS, Organization.class)
                        .list((ctx, req) -> Page.of(List.of(CatsMapper.organization(ctx.getJson("/site"))), null))
                        .get(CatsConnector::getOrganization)
                        .unsupportedFields("remote_created_at", "remote_updated_at")
                        .build(),
                ResourceOps.of(AtsResource.REJECTION_REASONS, RejectionReason.class)
                        .keyArity(2)
                        .list(this::listRejectionReasons)
                        .get(this::getRejectionReason)
                        .unsupportedFields("remote_created_at", "remote_updated_at", "remote_url")
                        .build());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<ResourceOps<?>> resources() {
        return resources;
    }

    static final String LIST_HAS_NO_TAGS =
            "CATS lists candidates without their tags (one more call per candidate);" + " get a candidate for its tags";

    Page<Candidate> listCandidates(ConnectorContext ctx, ListRequest req) {
        String q = req.filter("q");
        if (q != null) {
            // the search parameter must be `query`: `q=` is silently ignored and returns everything (§4.1 [LIVE])
            return Lists.fetch(
                            ctx,
                            "/candidates/search",
                            Map.of("query", q),
                            HAL,
                            req,
                            "candidates",
                            CatsMapper::candidate)
                    .markPartial(LIST_HAS_NO_TAGS);
        }
        return Lists.fetch(ctx, "/candidates", Map.of(), HAL, req, "candidates", CatsMapper::candidate)
                .markPartial(LIST_HAS_NO_TAGS);
    }

    /** The record and its tags: two calls (tags are a sub-resource in CATS, §4.1). */
    static Candidate getCandidate(ConnectorContext ctx, RemoteKey key) {
        Candidate c = CatsMapper.candidate(ctx.getJson("/candidates/" + key.part(0)));
        return CatsMapper.withTags(c, ctx.getJson("/candidates/" + key.part(0) + "/tags"));
    }

    Page<Job> listJobs(ConnectorContext ctx, ListRequest req) {
        Map<String, String> titles = jobStatuses(ctx);
        String q = req.filter("q");
        String path = q == null ? "/jobs" : "/jobs/search";
        Map<String, String> query = q == null ? Map.of() : Map.of("query", q);
        return Lists.fetch(ctx, path, query, HAL, req, "jobs", j -> CatsMapper.job(j, titles));
    }

    Page<Application> listApplications(ConnectorContext ctx, ListRequest req) {
        Map<String, JsonNode> statuses = statuses(ctx);
        String job = remote(req.filter("job_id"), "/job_id");
        String candidate = remote(req.filter("candidate_id"), "/candidate_id");
        String path = job != null
                ? "/jobs/" + job + "/pipelines"
                : candidate != null ? "/candidates/" + candidate + "/pipelines" : "/pipelines";
        Page<Application> page =
                Lists.fetch(ctx, path, Map.of(), HAL, req, "pipelines", p -> CatsMapper.application(p, statuses));
        if (job != null && candidate != null) {
            List<Application> kept = page.items().stream()
                    .filter(a -> a.candidate() != null
                            && candidate.equals(a.candidate().remoteId()))
                    .toList();
            return new Page<>(kept, page.nextPosition(), page.partial(), page.warnings(), page.total());
        }
        return page;
    }

    Page<JobInterviewStage> listStages(ConnectorContext ctx, ListRequest req) {
        String job = remote(req.filter("job_id"), "/job_id");
        List<JobInterviewStage> all = new ArrayList<>();
        JsonNode workflows = reference.get(
                ctx, "/pipelines/workflows", () -> ctx.getJson("/pipelines/workflows", Map.of("per_page", "100")));
        Ref jobRef = null;
        String onlyWorkflow = null;
        if (job != null) {
            JsonNode j = ctx.getJson("/jobs/" + job);
            onlyWorkflow = Tolerant.id(j, "workflow_id");
            jobRef = new Ref(RemoteKey.encode(job), job, Tolerant.text(j, "title"));
        }
        for (JsonNode wf : Tolerant.items(workflows, "workflows")) {
            String wfId = Tolerant.id(wf, "id");
            if (wfId == null || (onlyWorkflow != null && !onlyWorkflow.equals(wfId))) continue;
            int position = 1;
            for (JsonNode s : Tolerant.items(workflowStatuses(ctx, wfId), "statuses")) {
                all.add(CatsMapper.stage(s, position++, wf, jobRef));
            }
        }
        return Page.slice(all, req.position(), req.pageSize());
    }

    JobInterviewStage getStage(ConnectorContext ctx, RemoteKey key) {
        JsonNode wf = ctx.getJson("/pipelines/workflows/" + key.part(0));
        List<JsonNode> statuses = Tolerant.items(workflowStatuses(ctx, key.part(0)), "statuses");
        for (int i = 0; i < statuses.size(); i++) {
            if (key.part(1).equals(Tolerant.id(statuses.get(i), "id"))) {
                return CatsMapper.stage(statuses.get(i), i + 1, wf, null);
            }
        }
        throw ApiProblem.of(ErrorCode.REMOTE_NOT_FOUND, "CATS has no such status in this workflow");
    }

    /** Rejection reasons are the statuses mapped {@code declined}, workflow by workflow (§4.3). */
    Page<RejectionReason> listRejectionReasons(ConnectorContext ctx, ListRequest req) {
        List<RejectionReason> all = new ArrayList<>();
        JsonNode workflows = reference.get(
                ctx, "/pipelines/workflows", () -> ctx.getJson("/pipelines/workflows", Map.of("per_page", "100")));
        for (JsonNode wf : Tolerant.items(workflows, "workflows")) {
            String wfId = Tolerant.id(wf, "id");
            if (wfId == null) continue;
            for (JsonNode s : Tolerant.items(workflowStatuses(ctx, wfId), "statuses")) {
                if (CatsMapper.DECLINED.equals(Tolerant.text(s, "mapping"))) all.add(CatsMapper.rejectionReason(s, wf));
            }
        }
        return Page.slice(all, req.position(), req.pageSize());
    }

    RejectionReason getRejectionReason(ConnectorContext ctx, RemoteKey key) {
        JsonNode wf = ctx.getJson("/pipelines/workflows/" + key.part(0));
        for (JsonNode s : Tolerant.items(workflowStatuses(ctx, key.part(0)), "statuses")) {
            if (key.part(1).equals(Tolerant.id(s, "id")) && CatsMapper.DECLINED.equals(Tolerant.text(s, "mapping"))) {
                return CatsMapper.rejectionReason(s, wf);
            }
        }
        throw ApiProblem.of(ErrorCode.REMOTE_NOT_FOUND, "CATS has no such declined status in this workflow");
    }

    Page<Attachment> listAttachments(ConnectorContext ctx, ListRequest req) {
        String candidate = remote(req.filter("candidate_id"), "/candidate_id");
        return Lists.fetch(
                ctx,
                "/candidates/" + candidate + "/attachments",
                Map.of(),
                HAL,
                req,
                "attachments",
                CatsMapper::attachment);
    }

    RawResponse content(ConnectorContext ctx, RemoteKey key) {
        // asking only for JSON "is how you get a 406" (§4.6 [CODE])
        return ctx.stream(
                "GET",
                ctx.uri("/attachments/" + key.part(0) + "/download", Map.of()),
                Map.of("Accept", List.of("*/*")),
                null,
                false);
    }

    static Organization getOrganization(ConnectorContext ctx, RemoteKey key) {
        Organization org = CatsMapper.organization(ctx.getJson("/site"));
        if (!key.part(0).equals(org.remoteId())) {
            throw ApiProblem.of(ErrorCode.REMOTE_NOT_FOUND, "This account's organization has another id");
        }
        return org;
    }

    JsonNode workflowStatuses(ConnectorContext ctx, String workflowId) {
        String path = "/pipelines/workflows/" + workflowId + "/statuses";
        return reference.get(ctx, path, () -> ctx.getJson(path, Map.of("per_page", "100")));
    }

    /** Every pipeline status of every workflow by status id (status ids are unique per account). */
    Map<String, JsonNode> statuses(ConnectorContext ctx) {
        Map<String, JsonNode> out = new HashMap<>();
        JsonNode workflows = reference.get(
                ctx, "/pipelines/workflows", () -> ctx.getJson("/pipelines/workflows", Map.of("per_page", "100")));
        for (JsonNode wf : Tolerant.items(workflows, "workflows")) {
            String wfId = Tolerant.id(wf, "id");
            if (wfId == null) continue;
            for (JsonNode s : Tolerant.items(workflowStatuses(ctx, wfId), "statuses")) {
                String sid = Tolerant.id(s, "id");
                if (sid != null) out.put(sid, s);
            }
        }
        return out;
    }

    Map<String, String> jobStatuses(ConnectorContext ctx) {
        JsonNode list =
                reference.get(ctx, "/jobs/statuses", () -> ctx.getJson("/jobs/statuses", Map.of("per_page", "100")));
        Map<String, String> out = new HashMap<>();
        for (JsonNode s : Tolerant.items(list, "statuses")) {
            String sid = Tolerant.id(s, "id");
            if (sid != null) out.put(sid, Tolerant.text(s, "title"));
        }
        return out;
    }

    /** The remote id inside a unified id given as a filter value. */
    static String remote(String unifiedId, String pointer) {
        return unifiedId == null
                ? null
                : RemoteKey.decode(unifiedId, 1, pointer).part(0);
    }
}

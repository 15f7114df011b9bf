package dev.interlink.platform.provider.loxo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.model.ats.Application;
import dev.interlink.model.ats.Attachment;
import dev.interlink.model.ats.Candidate;
import dev.interlink.model.ats.Company;
import dev.interlink.model.ats.Job;
import dev.interlink.model.ats.JobInterviewStage;
import dev.interlink.model.ats.Organization;
import dev.interlink.model.ats.Ref;
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
import dev.interlink.platform.provider.pagination.PageNumberPagination;
import dev.interlink.platform.provider.pagination.Pagination;
import dev.interlink.platform.provider.pagination.ScrollIdPagination;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loxo (docs/providers/loxo.md). Pagination differs per endpoint, so each list picks its strategy: people and job
 * candidates use {@code scroll_id} + {@code per_page}, companies {@code scroll_id} alone (per_page → 422), jobs
 * {@code page}, and reference lists and users are bare arrays. Applications are job candidates with a composite id
 * (job, candidate).
 */
@Singleton
@Named("loxo")
public class LoxoConnector implements AtsConnector {
    static final Pagination PEOPLE = new ScrollIdPagination("per_page");
    static final Pagination COMPANIES = new ScrollIdPagination(null);
    static final Pagination JOBS = new PageNumberPagination("page", "per_page", "total_pages");
    /** Jobs fetched per page while scanning every job's candidates (applications without job_id). */
    static final int JOB_SCAN_PAGE = 100;
    /** At most this many provider calls for one unified page of a job scan (a page may then be short). */
    static final int JOB_SCAN_CALLS = 12;

    private final ReferenceCache reference = new ReferenceCache(Duration.ofMinutes(5));
    private final List<ResourceOps<?>> resources;

    public LoxoConnector() {
        resources = List.of(
                ResourceOps.of(AtsResource.CANDIDATES, Candidate.class)
                        .list((ctx, req) -> Lists.fetch(
                                ctx,
                                "/people",
                                query("query", req.filter("q")),
                                PEOPLE,
                                req,
                                "people",
                                LoxoMapper::candidate))
                        .get((ctx, key) -> LoxoMapper.candidate(found(ctx.getJson("/people/" + key.part(0)))))
                        .nativeFilters("q")
                        .emulatedFilters("updated_after", "created_after", "email")
                        .unsupportedFields("remote_url", "applications")
                        .build(),
                ResourceOps.of(AtsResource.JOBS, Job.class)
                        .list((ctx, req) -> Lists.fetch(
                                ctx, "/jobs", query("query", req.filter("q")), JOBS, req, "results", LoxoMapper::job))
                        .get((ctx, key) -> LoxoMapper.job(found(ctx.getJson("/jobs/" + key.part(0)))))
                        .nativeFilters("q")
                        .emulatedFilters("updated_after", "created_after", "status")
                        .unsupportedFields("code", "openings_count")
                        .build(),
                ResourceOps.of(AtsResource.APPLICATIONS, Application.class)
                        .keyArity(2)
                        .list(this::listApplications)
                        .get(this::getApplication)
                        .nativeFilters("job_id", "candidate_id")
                        .emulatedFilters("updated_after", "status")
                        .unsupportedFields("remote_created_at", "remote_url", "applied_at", "rating")
                        .build(),
                ResourceOps.of(AtsResource.JOB_INTERVIEW_STAGES, JobInterviewStage.class)
                        .list(this::listStages)
                        .get(this::getStage)
                        .nativeFilters("job_id")
                        .unsupportedFields("remote_created_at", "remote_updated_at", "remote_url")
                        .build(),
                ResourceOps.of(AtsResource.ATTACHMENTS, Attachment.class)
                        .keyArity(3)
                        .list(this::listAttachments)
                        .get(this::getAttachment)
                        .content(this::content)
                        .nativeFilters("candidate_id")
                        .requiredFilters("candidate_id")
                        .emulatedFilters("created_after")
                        .unsupportedFields("remote_url", "size_bytes", "application")
                        .build(),
                ResourceOps.of(AtsResource.COMPANIES, Company.class)
                        .list((ctx, req) -> Lists.fetch(
                                        ctx, "/companies", Map.of(), COMPANIES, req, "companies", LoxoMapper::company)
                                .markPartial("Loxo's company list returns id, name, url and owner only; get a company"
                                        + " for the rest"))
                        .get((ctx, key) -> LoxoMapper.company(found(ctx.getJson("/companies/" + key.part(0)))))
                        .maxPageSize(25)
                        .partialList()
                        .unsupportedFields("remote_created_at", "remote_updated_at", "remote_url", "phones")
                        .build(),
                ResourceOps.of(AtsResource.USERS, User.class)
                        .list((ctx, req) -> Page.slice(users(ctx), req.position(), req.pageSize()))
                        .get(this::getUser)
                        .emulatedFilters("email", "updated_after", "created_after")
                        .unsupportedFields("remote_url", "status_raw", "access_role_raw", "title")
                        .build(),
                ResourceOps.of(AtsResource.ORGANIZATIONS, Organization.class)
                        .list((ctx, req) -> Page.of(List.of(organization(ctx)), null))
                        .get((ctx, key) -> {
                            Organization org = organization(ctx);
                            if (!key.part(0).equals(org.remoteId())) {
                                throw ApiProblem.of(ErrorCode.REMOTE_NOT_FOUND, "This account's agency has another id");
                            }
                            return org;
                        })
                        .unsupportedFields("remote_created_at", "remote_updated_at")
                        .build());
    }

    @Override
    public String id() {
        return "loxo";
    }

    @Override
    public List<ResourceOps<?>> resources() {
        return resources;
    }

    static Map<String, String> query(String name, String value) {
        Map<String, String> q = new LinkedHashMap<>();
        if (value != null) q.put(name, value);
        return q;
    }

    /** Loxo answers some unknown ids with 200 and a literal {@code null} body (docs/providers/loxo.md §7 [LIVE]). */
    static JsonNode found(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode() || (body.isObject() && body.isEmpty())) {
            throw ApiProblem.of(ErrorCode.REMOTE_NOT_FOUND, "Loxo has no such record");
        }
        return body;
    }

    Map<String, JsonNode> stages(ConnectorContext ctx) {
        JsonNode list = reference.get(ctx, "/workflow_stages", () -> ctx.getJson("/workflow_stages"));
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode s : Tolerant.items(list, "workflow_stages")) {
            String sid = Tolerant.id(s, "id");
            if (sid != null) out.put(sid, s);
        }
        return out;
    }

    Application getApplication(ConnectorContext ctx, RemoteKey key) {
        JsonNode c = found(ctx.getJson("/jobs/" + key.part(0) + "/candidates/" + key.part(1)));
        return LoxoMapper.application(c, stages(ctx));
    }

    /**
     * With job_id: one job's candidates, scroll_id paged. Without: every job's candidates in job order; the position is
     * "job offset|scroll_id" and one unified page spends at most {@link #JOB_SCAN_CALLS} provider calls.
     */
    Page<Application> listApplications(ConnectorContext ctx, ListRequest req) {
        Map<String, JsonNode> stages = stages(ctx);
        String job = remote(req.filter("job_id"), "/job_id");
        String person = remote(req.filter("candidate_id"), "/candidate_id");
        if (job != null) {
            return Lists.fetch(
                    ctx,
                    "/jobs/" + job + "/candidates",
                    query("person_id", person),
                    PEOPLE,
                    req,
                    "candidates",
                    c -> LoxoMapper.application(c, stages));
        }
        int offset = 0;
        String scroll = null;
        if (req.position() != null) {
            String[] p = req.position().split("\\|", 2);
            offset = Integer.parseInt(p[0]);
            scroll = p.length > 1 && !p[1].isEmpty() ? p[1] : null;
        }
        List<Application> items = new ArrayList<>();
        JsonNode jobsPage = null;
        int jobsPageNo = -1;
        for (int calls = 0; calls < JOB_SCAN_CALLS && items.size() < req.pageSize(); calls++) {
            int pageNo = offset / JOB_SCAN_PAGE + 1;
            if (pageNo != jobsPageNo) {
                jobsPage = ctx.getJson(
                        "/jobs", Map.of("page", String.valueOf(pageNo), "per_page", String.valueOf(JOB_SCAN_PAGE)));
                jobsPageNo = pageNo;
                calls++;
            }
            List<JsonNode> jobs = Tolerant.items(jobsPage, "results");
            int index = offset % JOB_SCAN_PAGE;
            if (index >= jobs.size()) {
                return Page.of(items, null); // past the last job
            }
            String jobId = Tolerant.id(jobs.get(index), "id");
            ListRequest sub = new ListRequest(scroll, req.pageSize() - items.size(), Map.of());
            Page<Application> page = Lists.fetch(
                    ctx,
                    "/jobs/" + jobId + "/candidates",
                    query("person_id", person),
                    PEOPLE,
                    sub,
                    "candidates",
                    c -> LoxoMapper.application(c, stages));
            items.addAll(page.items());
            if (page.nextPosition() != null) {
                scroll = page.nextPosition();
            } else {
                offset++;
                scroll = null;
            }
        }
        return Page.of(items, offset + "|" + (scroll == null ? "" : scroll));
    }

    Page<JobInterviewStage> listStages(ConnectorContext ctx, ListRequest req) {
        String job = remote(req.filter("job_id"), "/job_id");
        Ref jobRef = null;
        String workflow = null;
        if (job != null) {
            JsonNode j = found(ctx.getJson("/jobs/" + job));
            jobRef = new Ref(RemoteKey.encode(job), job, Tolerant.text(j, "title"));
            workflow = Tolerant.id(j, "workflow_id");
        }
        JsonNode list = workflow == null
                ? reference.get(ctx, "/workflow_stages", () -> ctx.getJson("/workflow_stages"))
                : ctx.getJson("/workflow_stages", Map.of("workflow_id", workflow));
        List<JobInterviewStage> all = new ArrayList<>();
        for (JsonNode s : Tolerant.items(list, "workflow_stages")) all.add(LoxoMapper.stage(s, jobRef));
        all.sort(java.util.Comparator.comparing(s -> s.position() == null ? Integer.MAX_VALUE : s.position()));
        return Page.slice(all, req.position(), req.pageSize());
    }

    JobInterviewStage getStage(ConnectorContext ctx, RemoteKey key) {
        JsonNode s = stages(ctx).get(key.part(0));
        if (s == null) throw ApiProblem.of(ErrorCode.REMOTE_NOT_FOUND, "Loxo has no such workflow stage");
        return LoxoMapper.stage(s, null);
    }

    Page<Attachment> listAttachments(ConnectorContext ctx, ListRequest req) {
        String person = remote(req.filter("candidate_id"), "/candidate_id");
        List<Attachment> all = new ArrayList<>();
        for (JsonNode f : Tolerant.items(ctx.getJson("/people/" + person + "/resumes"), "resumes"))
            all.add(LoxoMapper.attachment(person, LoxoMapper.RESUME, f));
        for (JsonNode f : Tolerant.items(ctx.getJson("/people/" + person + "/documents"), "documents"))
            all.add(LoxoMapper.attachment(person, LoxoMapper.DOCUMENT, f));
        return Page.slice(all, req.position(), req.pageSize());
    }

    static String kindPath(RemoteKey key) {
        return switch (key.part(1)) {
            case LoxoMapper.RESUME -> "resumes";
            case LoxoMapper.DOCUMENT -> "documents";
            default -> throw ApiProblem.of(ErrorCode.REMOTE_NOT_FOUND, "Loxo has no such attachment");
        };
    }

    Attachment getAttachment(ConnectorContext ctx, RemoteKey key) {
        JsonNode f = found(ctx.getJson("/people/" + key.part(0) + "/" + kindPath(key) + "/" + key.part(2)));
        return LoxoMapper.attachment(key.part(0), key.part(1), f);
    }

    RawResponse content(ConnectorContext ctx, RemoteKey key) {
        return ctx.stream(
                "GET",
                ctx.uri("/people/" + key.part(0) + "/" + kindPath(key) + "/" + key.part(2) + "/download", Map.of()),
                Map.of("Accept", List.of("*/*")),
                null,
                false);
    }

    List<User> users(ConnectorContext ctx) {
        // bare array, not paginated (docs/providers/loxo.md §2)
        List<User> out = new ArrayList<>();
        for (JsonNode u : Tolerant.items(ctx.getJson("/users"), "users")) out.add(LoxoMapper.user(u));
        return out;
    }

    User getUser(ConnectorContext ctx, RemoteKey key) {
        return users(ctx).stream()
                .filter(u -> key.part(0).equals(u.remoteId()))
                .findFirst()
                .orElseThrow(() -> ApiProblem.of(ErrorCode.REMOTE_NOT_FOUND, "Loxo has no such user"));
    }

    /** Loxo has no agency endpoint: the slug comes from the account's base URL, the agency from any job. */
    Organization organization(ConnectorContext ctx) {
        String base = ctx.baseUrl();
        String slug = base.substring(base.lastIndexOf('/') + 1);
        JsonNode jobs = ctx.getJson("/jobs", Map.of("page", "1", "per_page", "1"));
        List<JsonNode> results = Tolerant.items(jobs, "results");
        JsonNode agency = results.isEmpty() ? null : Tolerant.object(results.get(0), "agency");
        return LoxoMapper.organization(slug, agency);
    }

    static String remote(String unifiedId, String pointer) {
        return unifiedId == null
                ? null
                : RemoteKey.decode(unifiedId, 1, pointer).part(0);
    }
}

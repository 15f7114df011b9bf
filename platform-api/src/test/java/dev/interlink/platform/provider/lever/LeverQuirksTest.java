package dev.interlink.platform.provider.lever;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.model.ats.Application;
import dev.interlink.model.ats.Attachment;
import dev.interlink.model.ats.Candidate;
import dev.interlink.model.ats.JobInterviewStage;
import dev.interlink.model.ats.RejectionReason;
import dev.interlink.model.ats.User;
import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.account.ProviderSandbox;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.AtsResource;
import dev.interlink.platform.provider.AtsWriter;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.ConnectorContexts;
import dev.interlink.platform.provider.ListRequest;
import dev.interlink.platform.provider.Page;
import dev.interlink.platform.provider.RemoteKey;
import dev.interlink.platform.provider.ResourceOps;
import dev.interlink.platform.provider.SandboxBudgets;
import dev.interlink.platform.provider.Tolerant;
import dev.interlink.platform.provider.catalog.Catalog;
import dev.interlink.platform.provider.catalog.ProviderDefinition;
import dev.interlink.platform.provider.pagination.NextTokenPagination;
import dev.interlink.platform.testing.DatabaseAvailable;
import dev.interlink.platform.testing.TestDatabase;
import dev.interlink.platform.testing.TestKeys;
import dev.interlink.platform.vault.Credentials;
import dev.interlink.sandbox.Sandbox;
import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One test per Lever quirk the connector handles (docs/providers/lever.md §10), against the Lever
 * simulator through the production pipeline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(DatabaseAvailable.class)
class LeverQuirksTest {
    static final ObjectMapper JSON = new ObjectMapper();
    private Sandbox sandbox;
    private ApplicationContext app;
    private Map<String, String> database;
    private ProviderDefinition definition;
    private Sandbox.AccountInfo account;
    private LeverConnector connector;
    private LeverWriter writer;

    @BeforeAll
    void start() {
        sandbox = ProviderSandbox.get();
        database = TestDatabase.freshSchema();
        Map<String, Object> props = new HashMap<>(database);
        props.putAll(ProviderSandbox.properties());
        props.put("interlink.jwt.keys", TestKeys.JWKS);
        props.put("interlink.retry.max-total", "3s");
        props.put("interlink.provider.lever.rate-limit.limit", 1_000_000);
        props.put("interlink.provider.lever.rate-limit.rate-per-second", 100_000);
        props.put("interlink.provider.lever.rate-limit.burst", 100_000);
        app = ApplicationContext.run(props, "test");
        definition = app.getBean(Catalog.class).find("lever").orElseThrow();
        connector = app.getBean(LeverConnector.class);
        writer = app.getBean(LeverWriter.class);
        account = newAccount(60);
    }

    @AfterAll
    void stop() {
        if (app != null) app.close();
        if (database != null) {
            TestDatabase.drop(database.get("interlink.test.base-url"), database.get("interlink.test.schema"));
        }
    }

    Sandbox.AccountInfo newAccount(int size) {
        Sandbox.AccountInfo a = sandbox.createAccount("lever", 7, size);
        SandboxBudgets.raise(sandbox, definition, a.accountId());
        sandbox.oauthSettings(a.accountId(), Map.of("access_ttl_seconds", 86400));
        return a;
    }

    ConnectorContext ctx(Sandbox.AccountInfo a) {
        return ctx(a, null, null);
    }

    /** {@code scope} null = every scope. */
    ConnectorContext ctx(Sandbox.AccountInfo a, String scope, AtomicReference<String> reauth) {
        Sandbox.TokenPair t = sandbox.mintTokens(a.accountId(), scope);
        return app.getBean(ConnectorContexts.class)
                .open(
                        LeverConnectorTest.TENANT,
                        UUID.nameUUIDFromBytes(a.accountId().getBytes()),
                        definition,
                        Credentials.of(Map.of("access_token", t.accessToken())),
                        reason -> {
                            if (reauth != null) reauth.set(reason);
                        });
    }

    @SuppressWarnings("unchecked")
    <T extends dev.interlink.model.ats.UnifiedRecord> ResourceOps<T> ops(AtsResource r) {
        return (ResourceOps<T>) connector.resource(r).orElseThrow();
    }

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s.replace('\'', '"'));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    // ---- §4 pagination ----

    @Test
    void the_offset_token_is_sent_back_exactly_as_lever_wrote_it() {
        NextTokenPagination p = new NextTokenPagination("offset", "limit", "hasNext", "next");
        String position = p.next(null, 10, json("{'data':[{}],'hasNext':true,'next':'%5B1%2C17%2C%22ab-c%22%5D'}"), 1);
        // decoded once here, encoded once by the query builder: the wire carries Lever's own text
        assertThat(position).isEqualTo("[1,17,\"ab-c\"]");
        assertThat(ctx(account).uri("/opportunities", p.params(position, 10)).getRawQuery())
                .isEqualTo("limit=10&offset=%5B1%2C17%2C%22ab-c%22%5D");
    }

    @Test
    void has_next_false_ends_the_list_even_with_a_token_and_a_repeated_token_ends_it_too() {
        NextTokenPagination p = new NextTokenPagination("offset", "limit", "hasNext", "next");
        assertThat(p.next(null, 10, json("{'data':[{}],'hasNext':false,'next':'x'}"), 1))
                .isNull();
        assertThat(p.next(null, 10, json("{'data':[{}],'hasNext':false}"), 1)).isNull();
        assertThat(p.next("x", 10, json("{'data':[{}],'hasNext':true,'next':'x'}"), 1))
                .isNull();
        // some documented examples have no hasNext at all: a token still means more
        assertThat(p.next(null, 10, json("{'data':[{}],'next':'y'}"), 1)).isEqualTo("y");
    }

    @Test
    void a_token_replayed_under_other_filters_is_refused_not_silently_misread() {
        ResourceOps<Application> apps = ops(AtsResource.APPLICATIONS);
        Page<Application> first = apps.list().list(ctx(account), new ListRequest(null, 5, Map.of()));
        assertThat(first.nextPosition()).isNotNull();
        String job = first.items().get(0).job().id();
        assertThatThrownBy(() ->
                        apps.list().list(ctx(account), new ListRequest(first.nextPosition(), 5, Map.of("job_id", job))))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.code()).isEqualTo(ErrorCode.REMOTE_INPUT_INVALID);
                    assertThat(p.extensions().toString()).contains("Invalid offset token");
                });
    }

    // ---- §5 archived opportunities ----

    @Test
    void an_archived_opportunity_is_a_rejected_or_hired_application_by_its_reason_type() {
        ConnectorContext ctx = ctx(account);
        JsonNode reasons = ctx.getJson("/archive_reasons");
        Map<String, String> typeOf = new HashMap<>();
        for (JsonNode r : Tolerant.items(reasons, "data"))
            typeOf.put(r.get("id").asText(), r.get("type").asText());
        JsonNode archived = ctx.getJson("/opportunities", Map.of("archived", "true", "limit", "100"));
        List<JsonNode> list = Tolerant.items(archived, "data");
        assertThat(list).isNotEmpty();
        ResourceOps<Application> apps = ops(AtsResource.APPLICATIONS);
        for (JsonNode o : list) {
            Application a = apps.get().get(ctx, RemoteKey.of(o.get("id").asText()));
            String type = typeOf.get(o.path("archived").path("reason").asText());
            if ("hired".equals(type)) assertThat(a.status()).isEqualTo("HIRED");
            else assertThat(a.status()).isIn("REJECTED", "WITHDRAWN");
            assertThat(a.statusRaw()).isNotBlank();
            assertThat(a.currentStage()).isNotNull(); // the pipeline stage stays: Lever keeps it when archiving
        }
        JsonNode active = ctx.getJson("/opportunities", Map.of("archived", "false", "limit", "1"));
        String activeId = Tolerant.items(active, "data").get(0).get("id").asText();
        assertThat(apps.get().get(ctx, RemoteKey.of(activeId)).status()).isEqualTo("ACTIVE");
    }

    // ---- §5 perform_as and dedupe ----

    @Test
    void writes_are_performed_as_the_accounts_super_admin() {
        Sandbox.AccountInfo a = newAccount(5);
        String superAdmin = String.valueOf(sandbox.describeExtras(a.accountId()).get("super_admin_user_id"));
        ConnectorContext ctx = ctx(a);
        // without perform_as Lever refuses the create (400): the writer always names one
        assertThatThrownBy(() -> LeverWriter.send(ctx, "POST", "/opportunities", null, json("{'name':'No One'}")))
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.code()).isEqualTo(ErrorCode.REMOTE_INPUT_INVALID));
        String contact = writer.createCandidate(ctx, person("Grace", "Performas", "grace.performas@quirks.example"));
        JsonNode opp = Tolerant.items(ctx.getJson("/opportunities", Map.of("contact_id", contact)), "data")
                .get(0);
        assertThat(opp.get("owner").asText()).isEqualTo(superAdmin);
        assertThat(opp.path("stageChanges").get(0).get("userId").asText()).isEqualTo(superAdmin);
    }

    @Test
    void creating_a_candidate_with_a_known_email_answers_the_existing_contact() {
        Sandbox.AccountInfo a = newAccount(5);
        ConnectorContext ctx = ctx(a);
        String first = writer.createCandidate(ctx, person("Ada", "Dedupe", "ada.dedupe@quirks.example"));
        String again = writer.createCandidate(ctx, person("Augusta", "Other", "ada.dedupe@quirks.example"));
        assertThat(again).isEqualTo(first);
        Candidate c = this.<Candidate>ops(AtsResource.CANDIDATES).get().get(ctx, RemoteKey.of(first));
        assertThat(c.name()).isEqualTo("Ada Dedupe"); // the existing contact's data wins
        assertThat(c.applications()).hasSize(2);
    }

    // ---- §9: a candidate is a contact, listed once however many opportunities it has ----

    @Test
    void a_contact_with_several_opportunities_is_listed_once_with_all_its_applications() {
        Sandbox.AccountInfo a = newAccount(30);
        ConnectorContext ctx = ctx(a);
        ResourceOps<Candidate> candidates = ops(AtsResource.CANDIDATES);
        Candidate seeded = candidates
                .list()
                .list(ctx, new ListRequest(null, 1, Map.of()))
                .items()
                .get(0);
        Application current = this.<Application>ops(AtsResource.APPLICATIONS)
                .get()
                .get(ctx, RemoteKey.decode(seeded.applications().get(0).id(), 1, "/id"));
        String posting = Tolerant.items(ctx.getJson("/postings", Map.of("limit", "5")), "data").stream()
                .map(p -> p.get("id").asText())
                .filter(p -> current.job() == null || !p.equals(current.job().remoteId()))
                .findFirst()
                .orElseThrow();
        writer.createApplication(ctx, seeded.remoteId(), posting, null);
        List<Candidate> all = new java.util.ArrayList<>();
        String position = null;
        do {
            Page<Candidate> page = candidates.list().list(ctx, new ListRequest(position, 7, Map.of()));
            all.addAll(page.items());
            position = page.nextPosition();
        } while (position != null);
        assertThat(all).hasSize(30);
        assertThat(all.stream().map(Candidate::id).distinct()).hasSize(30);
        Candidate again =
                all.stream().filter(c -> c.id().equals(seeded.id())).findFirst().orElseThrow();
        assertThat(again.applications()).hasSize(2);
    }

    @Test
    void emails_added_through_another_opportunity_show_on_the_candidate() {
        Sandbox.AccountInfo a = newAccount(5);
        ConnectorContext ctx = ctx(a);
        ResourceOps<Candidate> candidates = ops(AtsResource.CANDIDATES);
        Candidate c = candidates
                .list()
                .list(ctx, new ListRequest(null, 1, Map.of()))
                .items()
                .get(0);
        String user = String.valueOf(sandbox.describeExtras(a.accountId()).get("super_admin_user_id"));
        LeverWriter.send(
                ctx,
                "POST",
                "/opportunities",
                user,
                json("{'contact':'" + c.remoteId() + "','emails':['second@quirks.example']}"));
        Candidate again = candidates.get().get(ctx, RemoteKey.of(c.remoteId()));
        assertThat(again.emails())
                .extracting(dev.interlink.model.ats.Email::email)
                .containsExactly(c.emails().get(0).email(), "second@quirks.example");
        assertThat(again.emails())
                .extracting(dev.interlink.model.ats.Email::isPrimary)
                .containsExactly(true, false);
    }

    @Test
    void candidates_are_searched_by_email_only_because_lever_has_no_name_search() {
        ResourceOps<Candidate> candidates = ops(AtsResource.CANDIDATES);
        Candidate first = candidates
                .list()
                .list(ctx(account), new ListRequest(null, 1, Map.of()))
                .items()
                .get(0);
        assertThat(candidates
                        .list()
                        .list(
                                ctx(account),
                                new ListRequest(
                                        null,
                                        10,
                                        Map.of("q", first.emails().get(0).email())))
                        .items())
                .extracting(Candidate::id)
                .containsExactly(first.id());
        assertThatThrownBy(() ->
                        candidates.list().list(ctx(account), new ListRequest(null, 10, Map.of("q", first.lastName()))))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.code())
                        .isEqualTo(ErrorCode.INTEGRATION_FILTER_NOT_SUPPORTED));
    }

    // ---- §5 stages ----

    @Test
    void stages_are_one_account_wide_pipeline_with_slug_ids_and_no_hired_stage() {
        ResourceOps<JobInterviewStage> stages = ops(AtsResource.JOB_INTERVIEW_STAGES);
        List<JobInterviewStage> all = stages.list()
                .list(ctx(account), new ListRequest(null, 50, Map.of()))
                .items();
        assertThat(all).extracting(JobInterviewStage::remoteId).contains("lead-new", "applicant-new", "offer");
        assertThat(all).extracting(JobInterviewStage::position).isSorted();
        assertThat(all.get(0).category()).isEqualTo("NEW");
        assertThat(all).extracting(JobInterviewStage::category).doesNotContain("HIRED");
        assertThat(all.stream()
                        .filter(s -> s.remoteId().equals("offer"))
                        .findFirst()
                        .orElseThrow()
                        .category())
                .isEqualTo("OFFER");
        String job = Tolerant.items(ctx(account).getJson("/postings", Map.of("limit", "1")), "data")
                .get(0)
                .get("id")
                .asText();
        List<JobInterviewStage> ofJob = stages.list()
                .list(ctx(account), new ListRequest(null, 50, Map.of("job_id", RemoteKey.encode(job))))
                .items();
        assertThat(ofJob)
                .extracting(JobInterviewStage::remoteId)
                .containsExactlyElementsOf(
                        all.stream().map(JobInterviewStage::remoteId).toList());
        assertThat(ofJob).allSatisfy(s -> assertThat(s.job().remoteId()).isEqualTo(job));
    }

    @Test
    void a_move_to_a_stage_outside_the_pipeline_is_refused_before_any_write() {
        Application app = this.<Application>ops(AtsResource.APPLICATIONS)
                .list()
                .list(ctx(account), new ListRequest(null, 1, Map.of()))
                .items()
                .get(0);
        assertThatThrownBy(() -> writer.moveStage(
                        ctx(account), RemoteKey.of(app.remoteId()), RemoteKey.of("no-such-stage"), false))
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.code()).isEqualTo(ErrorCode.ATS_STAGE_NOT_IN_JOB_WORKFLOW));
    }

    /** docs/providers/lever.md §4: limit above 100 is undocumented; the switch makes Lever refuse it. */
    @Test
    void a_limit_over_one_hundred_is_never_requested_even_when_lever_would_refuse_it() {
        Sandbox.AccountInfo a = newAccount(130);
        sandbox.setQuirk(a.accountId(), "limit_over_100", "400");
        assertThatThrownBy(() -> ctx(a).getJson("/opportunities", Map.of("limit", "101")))
                .isInstanceOf(ApiProblem.class);
        ResourceOps<Candidate> ops = ops(AtsResource.CANDIDATES);
        assertThat(ops.maxPageSize()).isLessThanOrEqualTo(100);
        assertThat(ops.list()
                        .list(ctx(a), new ListRequest(null, ops.maxPageSize(), Map.of()))
                        .items())
                .isNotEmpty();
    }

    // ---- PATCH sets: emails and phones through the contact PUT, links and tags through the opportunity ----

    @Test
    void an_update_replaces_emails_links_and_tags_as_sets() {
        Sandbox.AccountInfo a = newAccount(5);
        ConnectorContext ctx = ctx(a);
        String contact = writer.createCandidate(
                ctx,
                new AtsWriter.CandidateInput(
                        "Ada",
                        "Sets",
                        null,
                        null,
                        List.of(new AtsWriter.EmailInput("ada.sets@quirks.example", "PERSONAL", true)),
                        List.of(),
                        List.of(new AtsWriter.UrlInput("https://github.com/adasets", "GITHUB")),
                        List.of("math", "logic"),
                        null,
                        Set.of("first_name", "last_name", "emails", "urls", "tags")));
        writer.updateCandidate(
                ctx,
                contact,
                new AtsWriter.CandidateInput(
                        null,
                        null,
                        null,
                        null,
                        List.of(new AtsWriter.EmailInput("ada.new@quirks.example", null, true)),
                        List.of(),
                        List.of(new AtsWriter.UrlInput("https://ada.example", "PERSONAL")),
                        List.of("logic", "poetry"),
                        null,
                        Set.of("emails", "urls", "tags")));
        Candidate c = this.<Candidate>ops(AtsResource.CANDIDATES).get().get(ctx, RemoteKey.of(contact));
        assertThat(c.emails()).extracting(e -> e.email()).containsExactly("ada.new@quirks.example");
        assertThat(c.urls()).extracting(u -> u.url()).containsExactly("https://ada.example");
        assertThat(c.tags()).extracting(t -> t.name()).containsExactlyInAnyOrder("logic", "poetry");
    }

    // ---- rejecting = archiving with a non-hired reason ----

    @Test
    void rejection_reasons_are_the_active_non_hired_archive_reasons() {
        List<RejectionReason> reasons = this.<RejectionReason>ops(AtsResource.REJECTION_REASONS)
                .list()
                .list(ctx(account), new ListRequest(null, 50, Map.of()))
                .items();
        assertThat(reasons)
                .extracting(RejectionReason::name)
                .containsExactly("Position filled", "Timing", "Underqualified", "Withdrew");
    }

    @Test
    void rejecting_archives_the_opportunity_with_the_reason_and_adds_the_note() throws Exception {
        Sandbox.AccountInfo a = newAccount(6);
        ConnectorContext ctx = ctx(a);
        Application app = this.<Application>ops(AtsResource.APPLICATIONS)
                .list()
                .list(ctx, new ListRequest(null, 50, Map.of()))
                .items()
                .stream()
                .filter(x -> "ACTIVE".equals(x.status()))
                .findFirst()
                .orElseThrow();
        RejectionReason timing = this.<RejectionReason>ops(AtsResource.REJECTION_REASONS)
                .list()
                .list(ctx, new ListRequest(null, 50, Map.of()))
                .items()
                .stream()
                .filter(r -> r.name().equals("Timing"))
                .findFirst()
                .orElseThrow();
        writer.reject(ctx, RemoteKey.of(app.remoteId()), RemoteKey.of(timing.remoteId()), "not now");
        Application after =
                this.<Application>ops(AtsResource.APPLICATIONS).get().get(ctx, RemoteKey.of(app.remoteId()));
        assertThat(after.status()).isEqualTo("REJECTED");
        assertThat(after.statusRaw()).isEqualTo("Timing");
        JsonNode notes = ctx.getJson("/opportunities/" + app.remoteId() + "/notes");
        assertThat(notes.path("data").findValuesAsText("value")).contains("not now");
    }

    @Test
    void a_hired_archive_reason_is_refused_as_a_rejection_before_any_write() {
        Application app = this.<Application>ops(AtsResource.APPLICATIONS)
                .list()
                .list(ctx(account), new ListRequest(null, 1, Map.of()))
                .items()
                .get(0);
        String hired = null;
        for (JsonNode r : ctx(account).getJson("/archive_reasons").path("data")) {
            if ("hired".equals(r.path("type").asText())) hired = r.path("id").asText();
        }
        String hiredId = hired;
        assertThatThrownBy(() -> writer.reject(ctx(account), RemoteKey.of(app.remoteId()), RemoteKey.of(hiredId), null))
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.code()).isEqualTo(ErrorCode.PLATFORM_INPUT_INVALID));
    }

    // ---- §5 resumes and files ----

    @Test
    void resumes_and_files_are_listed_per_contact_and_downloaded_through_the_api() throws Exception {
        Sandbox.AccountInfo a = newAccount(5);
        ConnectorContext ctx = ctx(a);
        Candidate c = this.<Candidate>ops(AtsResource.CANDIDATES)
                .list()
                .list(ctx, new ListRequest(null, 1, Map.of()))
                .items()
                .get(0);
        writer.uploadAttachment(
                ctx, c.remoteId(), new AtsWriter.FileInput("notes.txt", "text/plain", "OTHER", "hello".getBytes()));
        ResourceOps<Attachment> ops = ops(AtsResource.ATTACHMENTS);
        List<Attachment> files = ops.list()
                .list(ctx, new ListRequest(null, 10, Map.of("candidate_id", c.id())))
                .items();
        Attachment resume = files.stream()
                .filter(f -> "RESUME".equals(f.type()))
                .findFirst()
                .orElseThrow();
        Attachment file = files.stream()
                .filter(f -> "file".equals(f.typeRaw()))
                .findFirst()
                .orElseThrow();
        // resume ext "pdf" (no dot) sits under file{}; file ext ".txt" (with one) is flat
        assertThat(resume.fileName()).endsWith(".pdf");
        assertThat(resume.contentType()).isEqualTo("application/pdf");
        assertThat(file.fileName()).isEqualTo("notes.txt");
        assertThat(file.candidate().id()).isEqualTo(c.id());
        assertThat(resume.downloadUrl()).startsWith("/unified/ats/attachments/");
        try (var content = ops.content().content(ctx, RemoteKey.decode(file.id(), 3, "/id"))) {
            assertThat(content.status()).isEqualTo(200);
            assertThat(new String(content.body().readAllBytes())).isEqualTo("hello");
        }
    }

    // ---- §2 scopes, §4 rate limits ----

    @Test
    void a_scope_the_token_lacks_is_a_403_that_is_not_refreshed_and_names_lever_s_reason() {
        // a new token from the same consent has the same scopes: only a new consent with the scope helps, so the
        // caller is told to re-link, but the OAuth scheme neither refreshes nor flags the account (§2)
        AtomicReference<String> reauth = new AtomicReference<>();
        ConnectorContext narrow = ctx(account, "offline_access opportunities:read:admin", reauth);
        Map<String, Object> before = sandbox.counters(account.accountId());
        assertThatThrownBy(() -> ops(AtsResource.USERS).list().list(narrow, new ListRequest(null, 5, Map.of())))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.code()).isEqualTo(ErrorCode.INTEGRATION_REAUTH_REQUIRED);
                    assertThat(p.extensions().toString()).contains("don't authorize");
                });
        assertThat(reauth.get()).isNull();
        assertThat(sandbox.counters(account.accountId()).get("token_grants")).isEqualTo(before.get("token_grants"));
    }

    @Test
    void a_429_without_retry_after_is_still_a_retryable_rate_limit() {
        Sandbox.AccountInfo limited = newAccount(5);
        sandbox.setFault(limited.accountId(), "429", 1.0, null, 0);
        assertThatThrownBy(() -> ops(AtsResource.JOBS).list().list(ctx(limited), new ListRequest(null, 5, Map.of())))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.code()).isEqualTo(ErrorCode.REMOTE_RATE_LIMIT_EXCEEDED);
                    assertThat(p.extensions()).containsEntry("retryable", true);
                });
    }

    // ---- §4 epoch milliseconds, §5 users ----

    @Test
    void epoch_millisecond_times_and_deactivated_users_are_read() {
        Sandbox.AccountInfo a = newAccount(300); // more than five users: the last one is deactivated
        List<User> users = this.<User>ops(AtsResource.USERS)
                .list()
                .list(ctx(a), new ListRequest(null, 100, Map.of()))
                .items();
        assertThat(users).extracting(User::status).contains("ACTIVE", "INACTIVE");
        assertThat(users).allSatisfy(u -> assertThat(u.remoteCreatedAt())
                .isAfter(java.time.Instant.parse("2000-01-01T00:00:00Z")));
        assertThat(users).extracting(User::accessRole).contains("ADMIN", "INTERVIEWER");
        assertThat(LeverMapper.ms(json("{'t':'1468953420000'}"), "t"))
                .isEqualTo(java.time.Instant.ofEpochMilli(1468953420000L));
    }

    static AtsWriter.CandidateInput person(String first, String last, String email) {
        return new AtsWriter.CandidateInput(
                first,
                last,
                null,
                null,
                List.of(new AtsWriter.EmailInput(email, "PERSONAL", true)),
                List.of(),
                List.of(),
                List.of(),
                null,
                Set.of("first_name", "last_name", "emails"));
    }
}

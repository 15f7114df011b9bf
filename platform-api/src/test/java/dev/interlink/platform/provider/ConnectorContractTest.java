package dev.interlink.platform.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interlink.model.ats.Application;
import dev.interlink.model.ats.Attachment;
import dev.interlink.model.ats.Candidate;
import dev.interlink.model.ats.Job;
import dev.interlink.model.ats.JobInterviewStage;
import dev.interlink.model.ats.UnifiedRecord;
import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.account.ProviderSandbox;
import dev.interlink.platform.ats.Connectors;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.catalog.Catalog;
import dev.interlink.platform.provider.catalog.ProviderDefinition;
import dev.interlink.platform.provider.http.RawResponse;
import dev.interlink.platform.testing.DatabaseAvailable;
import dev.interlink.platform.testing.TestDatabase;
import dev.interlink.platform.testing.TestKeys;
import dev.interlink.platform.vault.Credentials;
import dev.interlink.sandbox.Sandbox;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The behaviour every connector must have, run against provider-sandbox through the production pipeline (auth seam,
 * retries, the account's rate budget in PostgreSQL, classification) — Airbyte's standard suite: every resource lists
 * and gets, paging to the end returns every record exactly once, native filters filter, a missing record is
 * REMOTE.NOT_FOUND, rejected credentials ask for re-authorization, outages become REMOTE.* problems, and a connector
 * that writes creates, updates, applies, moves and uploads. A subclass names the catalog id and how a sandbox
 * account's credentials fill the catalog's fields; everything else (auth headers, budgets, timeouts) comes from the
 * catalog.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(DatabaseAvailable.class)
public abstract class ConnectorContractTest {
    protected static final int CANDIDATES = 230;
    protected Sandbox sandbox;
    protected Sandbox.AccountInfo account;
    protected ProviderDefinition definition;
    private ApplicationContext app;
    private Map<String, String> database;
    private final Map<String, UUID> accountIds = new ConcurrentHashMap<>();

    /** The catalog id of the connector under test. */
    protected abstract String providerId();

    /** A sandbox account's credential values under the catalog's field names. */
    protected abstract Map<String, String> credentials(Sandbox.AccountInfo a);

    @BeforeAll
    void startPlatform() {
        sandbox = ProviderSandbox.get();
        database = TestDatabase.freshSchema();
        Map<String, Object> props = new HashMap<>(database);
        props.putAll(ProviderSandbox.properties());
        props.put("interlink.jwt.keys", TestKeys.JWKS);
        props.put("interlink.provider." + providerId() + ".read-timeout", "1s");
        props.put("interlink.retry.max-total", "3s");
        // the budget step runs (one PostgreSQL decision per attempt) with room for the whole suite
        String budget = "interlink.provider." + providerId() + ".rate-limit.";
        props.put(budget + "limit", 1_000_000);
        props.put(budget + "rate-per-second", 100_000);
        props.put(budget + "burst", 100_000);
        app = ApplicationContext.run(props, "test");
        definition = app.getBean(Catalog.class).find(providerId()).orElseThrow();
        account = newAccount(CANDIDATES);
    }

    @AfterAll
    void stopPlatform() {
        if (app != null) app.close();
        if (database != null) {
            TestDatabase.drop(database.get("interlink.test.base-url"), database.get("interlink.test.schema"));
        }
    }

    protected AtsConnector connector() {
        return app.getBean(Connectors.class).connector(providerId());
    }

    /** The connector's writer, or null for a read-only connector. */
    protected AtsWriter writer() {
        return app.findBean(AtsWriter.class, Qualifiers.byName(providerId())).orElse(null);
    }

    /** A seeded sandbox account whose provider-side limit is out of the way (our own budget still applies). */
    protected Sandbox.AccountInfo newAccount(int candidates) {
        Sandbox.AccountInfo a = sandbox.createAccount(providerId(), 42, candidates);
        SandboxBudgets.raise(sandbox, definition, a.accountId());
        return a;
    }

    protected ConnectorContext ctx(Sandbox.AccountInfo a) {
        return ctx(a, credentials(a), null);
    }

    /**
     * The tenant the contexts are opened for: none by default (a credential set used as it is). An auth scheme that
     * only re-authorizes or refreshes stored accounts (OAuth 2.0) needs one to behave as it does in production.
     */
    protected UUID tenantId() {
        return null;
    }

    /** The production context for a sandbox account: catalog base URL and auth, the real pipeline and budget. */
    protected ConnectorContext ctx(
            Sandbox.AccountInfo a, Map<String, String> credentials, AtomicReference<String> reauth) {
        UUID accountId = accountIds.computeIfAbsent(a.accountId(), k -> UUID.randomUUID());
        return app.getBean(ConnectorContexts.class)
                .open(tenantId(), accountId, definition, Credentials.of(credentials), reason -> {
                    if (reauth != null) reauth.set(reason);
                });
    }

    /** The account's credentials with every secret field replaced by a wrong value of the same shape. */
    protected Map<String, String> wrongCredentials(Sandbox.AccountInfo a) {
        Map<String, String> wrong = new HashMap<>(credentials(a));
        definition.fields().stream().filter(f -> f.secret()).forEach(f -> wrong.put(f.name(), "wrong-key-0000000"));
        return wrong;
    }

    @SuppressWarnings("unchecked")
    protected <T extends UnifiedRecord> ResourceOps<T> ops(AtsResource r) {
        return (ResourceOps<T>) connector().resource(r).orElseThrow();
    }

    /** Filters a resource needs to be listed at all, with values from this account. */
    protected Map<String, String> required(AtsResource r) {
        if (r != AtsResource.ATTACHMENTS) return Map.of();
        Candidate first = this.<Candidate>ops(AtsResource.CANDIDATES)
                .list()
                .list(ctx(account), new ListRequest(null, 5, Map.of()))
                .items()
                .get(0);
        return Map.of("candidate_id", first.id());
    }

    /**
     * What the candidate search test searches for: a name by default; a provider whose only person search is by email
     * (Lever) answers the first email.
     */
    protected String searchTerm(Candidate c) {
        return c.lastName();
    }

    protected <T extends UnifiedRecord> List<T> pageAll(ResourceOps<T> ops, Map<String, String> filters, int size) {
        List<T> all = new ArrayList<>();
        String position = null;
        int pages = 0;
        do {
            Page<T> page = ops.list().list(ctx(account), new ListRequest(position, size, filters));
            all.addAll(page.items());
            position = page.nextPosition();
            assertThat(++pages).as("pages").isLessThan(10_000);
        } while (position != null);
        return all;
    }

    Stream<AtsResource> resources() {
        return connector().resources().stream().map(ResourceOps::resource);
    }

    @ParameterizedTest
    @MethodSource("resources")
    void every_resource_lists_records_and_gets_the_first_by_its_id(AtsResource resource) {
        ResourceOps<UnifiedRecord> ops = ops(resource);
        Page<UnifiedRecord> page = ops.list().list(ctx(account), new ListRequest(null, 10, required(resource)));
        assertThat(page.items()).isNotEmpty();
        UnifiedRecord first = page.items().get(0);
        assertThat(first.id()).matches("[A-Za-z0-9_-]+");
        assertThat(first.remoteId()).isNotBlank();
        UnifiedRecord again = ops.get().get(ctx(account), RemoteKey.decode(first.id(), ops.keyArity(), "/id"));
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.remoteId()).isEqualTo(first.remoteId());
    }

    /** The unified fields of records, {@code remote_data} left out. */
    private static String unifiedFields(List<UnifiedRecord> records) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .findAndRegisterModules()
                .addMixIn(Object.class, WithoutRemoteData.class)
                .writeValueAsString(records);
    }

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"remote_data", "remoteData"})
    private abstract static class WithoutRemoteData {}

    @ParameterizedTest
    @MethodSource("resources")
    void a_list_read_without_remote_data_maps_to_the_same_unified_records(AtsResource resource) throws Exception {
        ResourceOps<UnifiedRecord> ops = ops(resource);
        ListRequest request = new ListRequest(null, 10, required(resource));
        Page<UnifiedRecord> full = ops.list().list(ctx(account), request);
        ConnectorContext lean = ctx(account);
        lean.withoutRemoteData();
        Page<UnifiedRecord> without = ops.list().list(lean, request);
        assertThat(unifiedFields(without.items())).isEqualTo(unifiedFields(full.items()));
        // a position may carry the time it was made (Loxo's scroll cursor): only whether there is one must agree
        assertThat(without.nextPosition() == null).isEqualTo(full.nextPosition() == null);
    }

    @Test
    void paging_candidates_to_the_end_returns_every_record_exactly_once() {
        List<Candidate> all = pageAll(ops(AtsResource.CANDIDATES), Map.of(), 50);
        Set<String> ids = new HashSet<>();
        all.forEach(c -> ids.add(c.id()));
        assertThat(all).hasSize(CANDIDATES);
        assertThat(ids).hasSize(CANDIDATES);
    }

    @Test
    void paging_applications_to_the_end_returns_every_record_exactly_once() {
        List<Application> all = pageAll(ops(AtsResource.APPLICATIONS), Map.of(), 40);
        assertThat(all).hasSize(CANDIDATES);
        assertThat(all.stream().map(Application::id).distinct()).hasSize(CANDIDATES);
    }

    @Test
    void applications_filtered_by_job_belong_to_that_job_only() {
        Application first = this.<Application>ops(AtsResource.APPLICATIONS)
                .list()
                .list(ctx(account), new ListRequest(null, 5, Map.of()))
                .items()
                .get(0);
        List<Application> ofJob = pageAll(
                ops(AtsResource.APPLICATIONS), Map.of("job_id", first.job().id()), 20);
        assertThat(ofJob).isNotEmpty().allSatisfy(a -> assertThat(a.job().id())
                .isEqualTo(first.job().id()));
    }

    @Test
    void applications_carry_their_stage_with_a_normalized_category() {
        List<Application> apps = this.<Application>ops(AtsResource.APPLICATIONS)
                .list()
                .list(ctx(account), new ListRequest(null, 30, Map.of()))
                .items();
        assertThat(apps).allSatisfy(a -> {
            assertThat(a.currentStage()).isNotNull();
            assertThat(a.currentStage().name()).isNotBlank();
            assertThat(a.currentStage().category())
                    .isIn(
                            "NEW",
                            "SCREENING",
                            "SUBMITTED",
                            "INTERVIEW",
                            "OFFER",
                            "HIRED",
                            "REJECTED",
                            "WITHDRAWN",
                            "OTHER");
            assertThat(a.status()).isIn("ACTIVE", "HIRED", "REJECTED", "WITHDRAWN", "OTHER");
        });
    }

    @Test
    void candidate_search_returns_only_matching_candidates() {
        Candidate first = this.<Candidate>ops(AtsResource.CANDIDATES)
                .list()
                .list(ctx(account), new ListRequest(null, 1, Map.of()))
                .items()
                .get(0);
        List<Candidate> hits = pageAll(ops(AtsResource.CANDIDATES), Map.of("q", searchTerm(first)), 100);
        assertThat(hits).isNotEmpty().anySatisfy(c -> assertThat(c.id()).isEqualTo(first.id()));
        assertThat(hits.size()).isLessThan(CANDIDATES);
    }

    @Test
    void attachment_content_streams_the_file_bytes_with_its_content_type() throws Exception {
        ResourceOps<Attachment> ops = ops(AtsResource.ATTACHMENTS);
        Attachment a = ops.list()
                .list(ctx(account), new ListRequest(null, 5, required(AtsResource.ATTACHMENTS)))
                .items()
                .get(0);
        try (RawResponse content =
                ops.content().content(ctx(account), RemoteKey.decode(a.id(), ops.keyArity(), "/id"))) {
            byte[] bytes = content.body().readAllBytes();
            assertThat(content.status()).isEqualTo(200);
            assertThat(bytes).isNotEmpty();
            assertThat(content.contentType()).isEqualTo(a.contentType());
        }
    }

    @Test
    void a_missing_record_is_remote_not_found() {
        ResourceOps<Candidate> ops = ops(AtsResource.CANDIDATES);
        assertThatThrownBy(() -> ops.get().get(ctx(account), RemoteKey.of("999999999999")))
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.code()).isEqualTo(ErrorCode.REMOTE_NOT_FOUND));
    }

    @Test
    void rejected_credentials_ask_for_reauthorization_and_flag_the_account() {
        AtomicReference<String> reauth = new AtomicReference<>();
        ConnectorContext bad = ctx(account, wrongCredentials(account), reauth);
        assertThatThrownBy(() -> ops(AtsResource.CANDIDATES).list().list(bad, new ListRequest(null, 5, Map.of())))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.code()).isEqualTo(ErrorCode.INTEGRATION_REAUTH_REQUIRED);
                    assertThat(p.extensions().toString()).doesNotContain("wrong-key-0000000");
                });
        assertThat(reauth.get()).contains("401");
    }

    @Test
    void a_provider_outage_is_remote_service_unavailable() {
        Sandbox.AccountInfo down = newAccount(10);
        sandbox.setFault(down.accountId(), "503", 1.0, null, 0);
        assertThatThrownBy(() -> ops(AtsResource.JOBS).list().list(ctx(down), new ListRequest(null, 5, Map.of())))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.code()).isEqualTo(ErrorCode.REMOTE_SERVICE_UNAVAILABLE);
                    assertThat(p.extensions()).containsEntry("retryable", true);
                });
    }

    @Test
    void a_provider_that_hangs_is_a_remote_timeout_within_the_retry_budget() {
        Sandbox.AccountInfo hung = newAccount(10);
        sandbox.setFault(hung.accountId(), "hang", 1.0, null, 0);
        long start = System.nanoTime();
        assertThatThrownBy(() -> ops(AtsResource.USERS).list().list(ctx(hung), new ListRequest(null, 5, Map.of())))
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.code()).isEqualTo(ErrorCode.REMOTE_TIMEOUT));
        // retries stop at interlink.retry.max-total (3 s) plus at most one read timeout (1 s); the hang is endless
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void a_provider_rate_limit_is_remote_rate_limit_exceeded_with_retry_after() {
        Sandbox.AccountInfo limited = newAccount(10);
        sandbox.setFault(limited.accountId(), "429", 1.0, null, 0);
        assertThatThrownBy(
                        () -> ops(AtsResource.CANDIDATES).list().list(ctx(limited), new ListRequest(null, 5, Map.of())))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.code()).isEqualTo(ErrorCode.REMOTE_RATE_LIMIT_EXCEEDED);
                    assertThat(p.headers()).containsKey("Retry-After");
                });
    }

    // --- the write contract: runs for every connector that has a writer ---------------------------------------

    private Sandbox.AccountInfo writes;

    boolean declaresWrites() {
        return writer() != null;
    }

    /** Writes go to an account of their own, so that the read contract's counts stay exact. */
    private Sandbox.AccountInfo writes() {
        if (writes == null) writes = newAccount(20);
        return writes;
    }

    private static AtsWriter.CandidateInput person(String first, String last, String email) {
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

    private String createCandidate(String last) {
        return writer().createCandidate(ctx(writes()), person("Ada", last, last.toLowerCase() + "@contract.example"));
    }

    private Candidate candidate(String remoteId) {
        return this.<Candidate>ops(AtsResource.CANDIDATES).get().get(ctx(writes()), RemoteKey.of(remoteId));
    }

    private Job firstJob() {
        return this.<Job>ops(AtsResource.JOBS)
                .list()
                .list(ctx(writes()), new ListRequest(null, 5, Map.of()))
                .items()
                .get(0);
    }

    private Application apply(String candidateId, Job job) {
        ResourceOps<Application> apps = ops(AtsResource.APPLICATIONS);
        String jobId = RemoteKey.decode(
                        job.id(), this.<Job>ops(AtsResource.JOBS).keyArity(), "/job_id")
                .part(0);
        RemoteKey key = writer().createApplication(ctx(writes()), candidateId, jobId, null);
        return apps.get().get(ctx(writes()), key);
    }

    @Test
    @EnabledIf("declaresWrites")
    void a_created_candidate_is_read_back_with_the_names_and_email_written() {
        Candidate c = candidate(createCandidate("Contractcreate"));
        assertThat(c.firstName()).isEqualTo("Ada");
        assertThat(c.lastName()).isEqualTo("Contractcreate");
        assertThat(c.emails()).anySatisfy(e -> assertThat(e.email()).isEqualTo("contractcreate@contract.example"));
    }

    @Test
    @EnabledIf("declaresWrites")
    void an_updated_candidate_title_is_read_back() {
        String id = createCandidate("Contractupdate");
        writer().updateCandidate(
                        ctx(writes()),
                        id,
                        new AtsWriter.CandidateInput(
                                null, null, "Staff Engineer", null, null, null, null, null, null, Set.of("title")));
        assertThat(candidate(id).title()).isEqualTo("Staff Engineer");
    }

    @Test
    @EnabledIf("declaresWrites")
    void an_update_with_other_emails_leaves_exactly_those_emails() {
        String id = createCandidate("Contractsets");
        writer().updateCandidate(
                        ctx(writes()),
                        id,
                        new AtsWriter.CandidateInput(
                                null,
                                null,
                                null,
                                null,
                                List.of(new AtsWriter.EmailInput("sets-new@contract.example", "WORK", true)),
                                List.of(),
                                List.of(),
                                List.of(),
                                null,
                                Set.of("emails")));
        assertThat(candidate(id).emails()).extracting(e -> e.email()).containsExactly("sets-new@contract.example");
    }

    boolean rejects() {
        return declaresWrites() && writer().canReject();
    }

    @Test
    @EnabledIf("rejects")
    void a_rejected_application_is_read_back_rejected_and_its_reasons_are_listed() {
        Application app = apply(createCandidate("Contractreject"), firstJob());
        assertThat(this.<dev.interlink.model.ats.RejectionReason>ops(AtsResource.REJECTION_REASONS)
                        .list()
                        .list(ctx(writes()), new ListRequest(null, 50, Map.of()))
                        .items())
                .isNotEmpty();
        ResourceOps<Application> apps = ops(AtsResource.APPLICATIONS);
        RemoteKey appKey = RemoteKey.decode(app.id(), apps.keyArity(), "/id");
        writer().reject(ctx(writes()), appKey, null, null);
        assertThat(apps.get().get(ctx(writes()), appKey).status()).isIn("REJECTED", "WITHDRAWN");
    }

    @Test
    @EnabledIf("declaresWrites")
    void a_created_application_belongs_to_the_candidate_and_the_job() {
        Job job = firstJob();
        String candidateId = createCandidate("Contractapply");
        Application app = apply(candidateId, job);
        assertThat(app.job().id()).isEqualTo(job.id());
        assertThat(app.candidate().id()).isEqualTo(candidate(candidateId).id());
    }

    @Test
    @EnabledIf("declaresWrites")
    void a_moved_application_is_read_back_in_its_new_stage() {
        Job job = firstJob();
        Application app = apply(createCandidate("Contractmove"), job);
        ResourceOps<JobInterviewStage> stages = ops(AtsResource.JOB_INTERVIEW_STAGES);
        List<JobInterviewStage> ordered =
                stages
                        .list()
                        .list(ctx(writes()), new ListRequest(null, 50, Map.of("job_id", job.id())))
                        .items()
                        .stream()
                        .sorted(java.util.Comparator.comparing(
                                JobInterviewStage::position, java.util.Comparator.nullsLast(Integer::compare)))
                        .toList();
        int current = app.currentStage() == null
                ? -1
                : ordered.stream()
                        .map(JobInterviewStage::id)
                        .toList()
                        .indexOf(app.currentStage().id());
        // forward, to an open stage: some providers only move forward
        JobInterviewStage target = ordered.subList(current + 1, ordered.size()).stream()
                .filter(st -> !"REJECTED".equals(st.category()) && !"HIRED".equals(st.category()))
                .findFirst()
                .orElseThrow();
        ResourceOps<Application> apps = ops(AtsResource.APPLICATIONS);
        RemoteKey appKey = RemoteKey.decode(app.id(), apps.keyArity(), "/id");
        writer().moveStage(ctx(writes()), appKey, RemoteKey.decode(target.id(), stages.keyArity(), "/stage_id"), true);
        assertThat(apps.get().get(ctx(writes()), appKey).currentStage().id()).isEqualTo(target.id());
    }

    @Test
    @EnabledIf("declaresWrites")
    void an_uploaded_attachment_is_listed_for_its_candidate() {
        String candidateId = createCandidate("Contractupload");
        writer().uploadAttachment(
                        ctx(writes()),
                        candidateId,
                        new AtsWriter.FileInput(
                                "contract-cv.txt",
                                "text/plain",
                                "RESUME",
                                "Ada Contractupload, CV".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        List<Attachment> listed = this.<Attachment>ops(AtsResource.ATTACHMENTS)
                .list()
                .list(
                        ctx(writes()),
                        new ListRequest(
                                null,
                                50,
                                Map.of("candidate_id", candidate(candidateId).id())))
                .items();
        assertThat(listed).anySatisfy(a -> assertThat(a.fileName()).isEqualTo("contract-cv.txt"));
    }
}

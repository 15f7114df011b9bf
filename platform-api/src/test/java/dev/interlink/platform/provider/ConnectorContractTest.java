package dev.interlink.platform.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interlink.model.ats.Application;
import dev.interlink.model.ats.Attachment;
import dev.interlink.model.ats.Candidate;
import dev.interlink.model.ats.UnifiedRecord;
import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.http.ProviderHttp;
import dev.interlink.platform.provider.http.RawResponse;
import dev.interlink.sandbox.Sandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The behaviour every connector must have, run against provider-sandbox (Airbyte's standard suite): every resource
 * lists and gets, paging to the end returns every record exactly once, native filters filter, a missing record is
 * REMOTE.NOT_FOUND, rejected credentials ask for re-authorization, and outages become REMOTE.* problems.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ConnectorContractTest {
    protected static final int CANDIDATES = 230;
    protected Sandbox sandbox;
    protected Sandbox.AccountInfo account;
    protected final ProviderHttp http = new ProviderHttp();

    protected abstract AtsConnector connector();

    /** The auth headers the catalog would inject for this provider. */
    protected abstract Map<String, String> authHeaders(String apiKey);

    @BeforeAll
    void startSandbox() {
        sandbox = Sandbox.start(0);
        account = newAccount(CANDIDATES);
    }

    @AfterAll
    void stopSandbox() {
        sandbox.close();
    }

    protected Sandbox.AccountInfo newAccount(int candidates) {
        Sandbox.AccountInfo a = sandbox.createAccount(connector().id(), 42, candidates);
        if (connector().id().equals("cats")) sandbox.setRollingLimit(a.accountId(), 1_000_000, 3600);
        else sandbox.setTokenBucket(a.accountId(), 100_000, 100_000);
        return a;
    }

    protected ConnectorContext ctx(Sandbox.AccountInfo a) {
        return ctx(a, authHeaders(a.apiKey()), Duration.ofSeconds(10), null);
    }

    protected ConnectorContext ctx(
            Sandbox.AccountInfo a, Map<String, String> auth, Duration readTimeout, AtomicReference<String> reauth) {
        return new ConnectorContext(
                UUID.randomUUID(),
                connector().id(),
                a.baseUrl(),
                auth,
                Duration.ofSeconds(2),
                readTimeout,
                http,
                reason -> {
                    if (reauth != null) reauth.set(reason);
                });
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
        List<Candidate> hits = pageAll(ops(AtsResource.CANDIDATES), Map.of("q", first.lastName()), 100);
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
        ConnectorContext bad = ctx(account, authHeaders("wrong-key-0000000"), Duration.ofSeconds(5), reauth);
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
    void a_provider_that_hangs_is_a_remote_timeout_within_the_read_timeout() {
        Sandbox.AccountInfo hung = newAccount(10);
        sandbox.setFault(hung.accountId(), "hang", 1.0, null, 0);
        long start = System.nanoTime();
        assertThatThrownBy(() -> ops(AtsResource.USERS)
                        .list()
                        .list(
                                ctx(hung, authHeaders(hung.apiKey()), Duration.ofMillis(300), null),
                                new ListRequest(null, 5, Map.of())))
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.code()).isEqualTo(ErrorCode.REMOTE_TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
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
}

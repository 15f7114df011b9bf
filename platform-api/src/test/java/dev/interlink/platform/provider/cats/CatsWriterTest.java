package dev.interlink.platform.provider.cats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.AtsWriter;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.RemoteKey;
import dev.interlink.platform.provider.auth.AccountAuth;
import dev.interlink.platform.provider.http.ProviderCall;
import dev.interlink.platform.provider.http.ProviderHttp;
import dev.interlink.platform.provider.http.RawResponse;
import java.io.ByteArrayInputStream;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** CATS write encodings and silent failures (docs/providers/cats.md §4.1, §4.3, §6). */
class CatsWriterTest {
    record Answer(int status, Map<String, List<String>> headers, String body) {}

    static final class Scripted extends ProviderHttp {
        Scripted() {
            super(java.util.List.of(new dev.interlink.platform.provider.http.HttpTransport()));
        }

        final Deque<Answer> answers = new ArrayDeque<>();
        final List<ProviderCall> calls = new ArrayList<>();

        @Override
        public RawResponse send(ConnectorContext ctx, ProviderCall call) {
            calls.add(call);
            Answer a = answers.poll();
            return new RawResponse(
                    a.status(),
                    HttpHeaders.of(a.headers(), (x, y) -> true),
                    new ByteArrayInputStream(a.body().getBytes(StandardCharsets.UTF_8)));
        }
    }

    final Scripted http = new Scripted();
    final ConnectorContext ctx = new ConnectorContext(
            new ConnectorContext.Target(
                    null,
                    UUID.randomUUID(),
                    "cats",
                    "CATS",
                    "http://cats.test/v3",
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1)),
            AccountAuth.fixed(Map.of("Authorization", "Token k")),
            http);
    final CatsWriter writer = new CatsWriter();

    static AtsWriter.CandidateInput ada() {
        return new AtsWriter.CandidateInput(
                "Ada",
                "Lovelace",
                null,
                null,
                List.of(
                        new AtsWriter.EmailInput("ada@example.com", null, false),
                        new AtsWriter.EmailInput("ada@work.example.com", null, false)),
                List.of(new AtsWriter.PhoneInput("+441234", null, "MOBILE")),
                List.of(),
                List.of(),
                null,
                Set.of("first_name", "last_name", "emails", "phones"));
    }

    @Test
    void a_candidate_is_created_with_email_and_phone_arrays_never_the_flat_fields_cats_drops() throws Exception {
        JsonNode body = CatsPayloads.candidate(ada(), null);
        assertThat(body.has("email")).isFalse();
        assertThat(body.has("phone")).isFalse();
        assertThat(body.at("/emails/0/email").asText()).isEqualTo("ada@example.com");
        assertThat(body.at("/emails/0/is_primary").asBoolean()).isTrue(); // exactly one primary
        assertThat(body.at("/emails/1/is_primary").asBoolean()).isFalse();
        assertThat(body.at("/phones/0/type").asText()).isEqualTo("mobile");
    }

    @Test
    void a_create_answered_201_without_a_location_is_a_problem_not_a_success() {
        http.answers.add(new Answer(201, Map.of(), ""));
        assertThatThrownBy(() -> writer.createCandidate(ctx, ada()))
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.code()).isEqualTo(ErrorCode.REMOTE_UNKNOWN_HTTP_ERROR));
        assertThat(http.calls).hasSize(1);
    }

    @Test
    void suppressing_triggers_lists_every_trigger_of_the_status_with_fire_false() throws Exception {
        http.answers.add(new Answer(200, Map.of(), "{\"id\":3,\"workflow_id\":10,\"status_id\":1}"));
        http.answers.add(new Answer(
                200, Map.of(), "{\"_embedded\":{\"statuses\":[{\"id\":2,\"triggers\":[{\"id\":77},{\"id\":78}]}]}}"));
        http.answers.add(new Answer(201, Map.of("Location", List.of("http://cats.test/v3/pipelines/3")), ""));
        writer.moveStage(ctx, RemoteKey.of("3"), RemoteKey.of("10", "2"), true);
        ProviderCall post = http.calls.get(2);
        assertThat(post.uri().getPath()).isEqualTo("/v3/pipelines/3/status");
        JsonNode body = CatsWriter.JSON.readTree(post.body());
        assertThat(body.path("status_id").asLong()).isEqualTo(2);
        assertThat(body.path("triggers").toString())
                .isEqualTo("[{\"id\":77,\"fire\":false},{\"id\":78,\"fire\":false}]");
    }

    @Test
    void a_status_of_another_workflow_is_refused_before_any_write() {
        http.answers.add(new Answer(200, Map.of(), "{\"id\":3,\"workflow_id\":10,\"status_id\":1}"));
        assertThatThrownBy(() -> writer.moveStage(ctx, RemoteKey.of("3"), RemoteKey.of("11", "2"), false))
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.code()).isEqualTo(ErrorCode.ATS_STAGE_NOT_IN_JOB_WORKFLOW));
        assertThat(http.calls).extracting(ProviderCall::method).containsOnly("GET");
    }

    @Test
    void a_resume_is_uploaded_as_raw_octet_stream_with_the_filename_in_the_query() {
        http.answers.add(new Answer(201, Map.of("Location", List.of("http://cats.test/v3/attachments/55")), ""));
        RemoteKey key = writer.uploadAttachment(
                ctx, "9", new AtsWriter.FileInput("cv one.pdf", "application/pdf", "RESUME", new byte[] {1, 2}));
        assertThat(key.part(0)).isEqualTo("55");
        ProviderCall call = http.calls.get(0);
        assertThat(call.uri().getPath()).isEqualTo("/v3/candidates/9/resumes");
        assertThat(call.uri().getRawQuery()).isEqualTo("filename=cv+one.pdf");
        assertThat(call.headers().get("Content-Type")).containsExactly("application/octet-stream");
        assertThat(call.body()).containsExactly(1, 2);
    }
}

package dev.interlink.platform.provider.loxo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.AtsWriter;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.RemoteKey;
import dev.interlink.platform.provider.auth.AccountAuth;
import dev.interlink.platform.provider.http.ErrorMapping;
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

/** Loxo's silent failures (docs/providers/loxo.md §7): a 200 that stored nothing must never be reported as success. */
class LoxoWriterTest {
    /** Answers the queued bodies in order and records every call. */
    static final class Scripted extends ProviderHttp {
        Scripted() {
            super(java.util.List.of(new dev.interlink.platform.provider.http.HttpTransport()));
        }

        final Deque<Object> answers = new ArrayDeque<>();
        final List<ProviderCall> calls = new ArrayList<>();

        @Override
        public RawResponse send(ConnectorContext ctx, ProviderCall call) {
            calls.add(call);
            Object next = answers.poll();
            if (next instanceof RuntimeException e) throw e;
            byte[] body = String.valueOf(next).getBytes(StandardCharsets.UTF_8);
            return new RawResponse(
                    200,
                    HttpHeaders.of(Map.of("Content-Type", List.of("application/json")), (a, b) -> true),
                    new ByteArrayInputStream(body));
        }
    }

    final Scripted http = new Scripted();
    final ConnectorContext ctx = new ConnectorContext(
            new ConnectorContext.Target(
                    null,
                    UUID.randomUUID(),
                    "loxo",
                    "Loxo",
                    "http://loxo.test/api/agency",
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1)),
            AccountAuth.fixed(Map.of("Authorization", "Bearer k")),
            http);
    final LoxoWriter writer = new LoxoWriter();

    static AtsWriter.CandidateInput ada() {
        return new AtsWriter.CandidateInput(
                "Ada",
                "Lovelace",
                null,
                null,
                List.of(new AtsWriter.EmailInput("ada@example.com", null, true)),
                List.of(),
                List.of(),
                List.of(),
                null,
                Set.of("first_name", "last_name", "emails"));
    }

    @Test
    void a_person_create_answered_200_with_a_null_id_is_a_502_problem_not_a_success() {
        http.answers.add("{\"person\":{\"id\":null,\"name\":\"Ada Lovelace\"},\"errors\":[]}");
        assertThatThrownBy(() -> writer.createCandidate(ctx, ada())).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.REMOTE_UNKNOWN_HTTP_ERROR);
            assertThat(p.getMessage()).contains("no person id");
        });
        assertThat(http.calls).hasSize(1);
    }

    @Test
    void a_person_create_answered_200_with_errors_is_a_remote_input_problem() {
        http.answers.add("{\"person\":{},\"errors\":[\"Name can't be blank\"]}");
        assertThatThrownBy(() -> writer.createCandidate(ctx, ada()))
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.code()).isEqualTo(ErrorCode.REMOTE_INPUT_INVALID));
    }

    @Test
    void a_person_event_answered_with_a_null_body_is_a_problem_and_the_move_is_not_reported() {
        http.answers.add("{\"id\":7,\"workflow_stage_id\":318332,\"person\":{\"id\":5}}"); // the job candidate
        http.answers.add("{\"id\":1}"); // the job
        http.answers.add("[{\"id\":318332,\"position\":2},{\"id\":318335,\"position\":5}]"); // stages
        http.answers.add("[{\"id\":99,\"key\":\"interview_scheduled\",\"workflow_stage_id\":318335}]");
        http.answers.add("null"); // POST /person_events: 200 + null
        assertThatThrownBy(() -> writer.moveStage(ctx, RemoteKey.of("1", "7"), RemoteKey.of("318335"), false))
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.code()).isEqualTo(ErrorCode.REMOTE_UNKNOWN_HTTP_ERROR));
        assertThat(http.calls.get(4).method()).isEqualTo("POST");
        assertThat(new String(http.calls.get(4).body(), StandardCharsets.UTF_8))
                .contains("person_event%5Bactivity_type_id%5D=99", "person_event%5Bjob_id%5D=1");
    }

    @Test
    void an_upload_answered_without_a_file_id_is_a_problem() {
        http.answers.add("{}");
        assertThatThrownBy(() -> writer.uploadAttachment(
                        ctx, "5", new AtsWriter.FileInput("cv.pdf", "application/pdf", "RESUME", new byte[] {1})))
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.code()).isEqualTo(ErrorCode.REMOTE_UNKNOWN_HTTP_ERROR));
        assertThat(http.calls.get(0).uri().getPath()).endsWith("/people/5/resumes");
    }

    @Test
    void a_write_that_times_out_is_sent_once() {
        http.answers.add(ErrorMapping.timeout("loxo"));
        assertThatThrownBy(() -> writer.createCandidate(ctx, ada()))
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.code()).isEqualTo(ErrorCode.REMOTE_TIMEOUT));
        assertThat(http.calls).hasSize(1);
    }

    @Test
    void the_person_body_uses_rails_bracket_keys_and_never_the_rejected_flat_names() {
        String form =
                new String(LoxoPayloads.person(ada(), null, Set.of(), Set.of()).encode(), StandardCharsets.UTF_8);
        assertThat(form)
                .contains("person%5Bname%5D=Ada+Lovelace", "person%5Bemails%5D%5B%5D%5Bvalue%5D=ada%40example.com");
        assertThat(form).doesNotContain("email_addresses", "phone_numbers", "tag_list");
    }
}

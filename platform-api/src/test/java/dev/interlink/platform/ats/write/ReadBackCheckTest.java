package dev.interlink.platform.ats.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.FieldError;
import dev.interlink.platform.provider.AtsWriter;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.auth.AccountAuth;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A 2xx that did not store a field (CATS drops what it does not know) is detected on the record read back. */
class ReadBackCheckTest {
    final ConnectorContext ctx = new ConnectorContext(
            new ConnectorContext.Target(
                    null,
                    UUID.randomUUID(),
                    "cats",
                    "CATS",
                    "http://cats.test/v3",
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1)),
            AccountAuth.fixed(Map.of()),
            null);

    @Test
    void an_email_missing_from_the_record_read_back_is_a_502_naming_the_field() throws Exception {
        AtsWriter.CandidateInput in = new AtsWriter.CandidateInput(
                "Ada",
                "Lovelace",
                null,
                null,
                List.of(
                        new AtsWriter.EmailInput("a@example.com", null, true),
                        new AtsWriter.EmailInput("b@example.com", null, false)),
                List.of(),
                List.of(),
                List.of(),
                null,
                Set.of("first_name", "last_name", "emails"));
        var record = new ObjectMapper()
                .readTree(
                        "{\"id\":\"MQ\",\"name\":\"Ada Lovelace\",\"emails\":[{\"email\":\"a@example.com\"}],\"phones\":[]}");
        assertThatThrownBy(() -> UnifiedWriteService.verify(ctx, in, record, true))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.code()).isEqualTo(ErrorCode.REMOTE_UNKNOWN_HTTP_ERROR);
                    assertThat(p.getMessage()).isEqualTo("CATS answered success but did not store: /emails/1/email");
                    @SuppressWarnings("unchecked")
                    List<FieldError> errors = (List<FieldError>) p.extensions().get("errors");
                    assertThat(errors).extracting(FieldError::pointer).containsExactly("/emails/1/email");
                    assertThat(p.extensions().get("id")).isEqualTo("MQ");
                });
    }

    @Test
    void a_record_with_everything_written_passes() throws Exception {
        AtsWriter.CandidateInput in = new AtsWriter.CandidateInput(
                "Ada",
                "Lovelace",
                "Analyst",
                null,
                List.of(),
                List.of(new AtsWriter.PhoneInput("+44 1234", null, null)),
                List.of(),
                List.of(),
                null,
                Set.of("first_name", "last_name", "title", "phones"));
        var record = new ObjectMapper()
                .readTree(
                        "{\"name\":\"Ada Lovelace\",\"title\":\"Analyst\",\"emails\":[],\"phones\":[{\"number\":\"+441234\"}]}");
        UnifiedWriteService.verify(ctx, in, record, true);
    }
}

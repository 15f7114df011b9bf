package dev.interlink.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {
    @Test
    void the_signature_matches_the_standard_webhooks_reference_example() {
        // the example of the Standard Webhooks specification and its reference libraries
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String body = "{\"test\": 2432232314}";
        assertThat(WebhookSigner.sign(
                        secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, body.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void a_new_secret_is_whsec_and_32_random_bytes_in_base64() {
        String secret = WebhookSigner.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(WebhookSigner.newSecret()).isNotEqualTo(secret);
    }

    @Test
    void two_secrets_give_two_space_separated_signatures() {
        String header = WebhookSigner.header(
                List.of(WebhookSigner.newSecret(), WebhookSigner.newSecret()), "msg_1", 1L, new byte[] {'{', '}'});
        assertThat(header.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
    }

    @Test
    void the_retry_schedule_has_eight_attempts_and_ends_after_the_last() {
        assertThat(RetrySchedule.MAX_ATTEMPTS).isEqualTo(8);
        assertThat(RetrySchedule.after(1, 0)).hasSeconds(5);
        assertThat(RetrySchedule.after(7, 0)).hasHours(10);
        assertThat(RetrySchedule.after(8, 0.1)).isNull();
    }

    @Test
    void event_type_patterns_match_exact_types_prefixes_and_everything() {
        assertThat(EventTypes.matches(List.of("ats.*"), "ats.job.created")).isTrue();
        assertThat(EventTypes.matches(List.of("ats.candidate.*"), "ats.job.created"))
                .isFalse();
        assertThat(EventTypes.matches(List.of("*"), "integrated_account.deleted"))
                .isTrue();
        assertThat(EventTypes.matches(List.of("ats.job.created"), "ats.job.updated"))
                .isFalse();
        assertThat(EventTypes.problem("ats.*")).isNull();
        assertThat(EventTypes.problem("crm.*")).contains("matches no known event type");
        assertThat(EventTypes.problem("ats.job.deleted")).contains("not a known event type");
    }
}

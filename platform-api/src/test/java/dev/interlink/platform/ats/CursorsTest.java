package dev.interlink.platform.ats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.DevMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CursorsTest {
    final DevMode off = new DevMode(false, ".interlink");
    final Cursors cursors = new Cursors("test-key", "", "", off);
    final String hash = Cursors.queryHash("candidates", Map.of());

    @Test
    void a_cursor_opens_to_the_provider_position_it_wraps() {
        assertThat(cursors.open(cursors.sign("acct", hash, "3:50"), "acct", hash))
                .isEqualTo("3:50");
    }

    @Test
    void replicas_with_the_same_configured_key_accept_each_others_cursors() {
        Cursors other = new Cursors("test-key", "", "", off);
        assertThat(other.open(cursors.sign("acct", hash, "AB12"), "acct", hash)).isEqualTo("AB12");
    }

    @Test
    void a_cursor_of_another_account_is_rejected() {
        assertThatThrownBy(() -> cursors.open(cursors.sign("acct", hash, "2:50"), "other", hash))
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.code()).isEqualTo(ErrorCode.PLATFORM_CURSOR_INVALID));
    }

    @Test
    void a_cursor_signed_with_another_key_is_rejected() {
        String foreign = new Cursors("other-key", "", "", off).sign("acct", hash, "2:50");
        assertThatThrownBy(() -> cursors.open(foreign, "acct", hash)).isInstanceOf(ApiProblem.class);
    }

    @Test
    void the_query_hash_ignores_filter_order_but_not_values() {
        assertThat(Cursors.queryHash("jobs", Map.of("q", "a", "status", "OPEN")))
                .isEqualTo(Cursors.queryHash("jobs", Map.of("status", "OPEN", "q", "a")))
                .isNotEqualTo(Cursors.queryHash("jobs", Map.of("status", "OPEN", "q", "b")));
    }

    @Test
    void dev_mode_writes_one_key_file_and_reuses_it() throws Exception {
        Path home = Files.createTempDirectory("interlink-home");
        DevMode dev = new DevMode(true, home.toString());
        String cursor = new Cursors("", "", "", dev).sign("acct", hash, "2:50");
        assertThat(Files.exists(home.resolve("cursor-key"))).isTrue();
        assertThat(new Cursors("", "", "", dev).open(cursor, "acct", hash)).isEqualTo("2:50");
    }

    @Test
    void a_jwt_keys_file_alone_derives_the_same_key_as_the_same_keys_inline() throws Exception {
        Path file = Files.createTempFile("jwt-keys", ".json");
        Files.writeString(file, "{\"keys\":[]}\n");
        String cursor = new Cursors("", "", file.toString(), off).sign("acct", hash, "2:50");
        assertThat(new Cursors("", "{\"keys\":[]}", "", off).open(cursor, "acct", hash))
                .isEqualTo("2:50");
    }

    @Test
    void an_unreadable_jwt_keys_file_fails_startup_naming_the_variable() {
        assertThatThrownBy(() -> new Cursors("", "", "/nonexistent/jwt-keys.json", off))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("INTERLINK_JWT_KEYS_FILE");
    }

    @Test
    void without_any_key_source_startup_fails_loudly() {
        assertThatThrownBy(() -> new Cursors("", "", "", off)).isInstanceOf(IllegalStateException.class);
    }
}

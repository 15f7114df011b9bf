package dev.interlink.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CliPasswordTest {
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    String password(List<String> args, String stdin) throws Exception {
        return Cli.adminPassword(
                Cli.options(args),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("the first admin's password can be created without ever appearing on the command line (ps, history)")
    void the_password_comes_from_stdin_or_a_file() throws Exception {
        List<String> stdinArgs = List.of("--name", "Acme", "--admin-email", "a@acme.test", "--admin-password-stdin");
        assertThat(password(stdinArgs, "correct horse battery\n")).isEqualTo("correct horse battery");
        assertThat(stdinArgs).noneMatch(a -> a.contains("horse"));

        Path file = Files.createTempFile("pw", ".txt");
        try {
            Files.writeString(file, "from a file\r\nignored second line");
            assertThat(password(List.of("--admin-password-file", file.toString()), ""))
                    .isEqualTo("from a file");
        } finally {
            Files.delete(file);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    @DisplayName("the old --admin-password flag still works but warns that ps and the shell history show it")
    void the_old_flag_warns() throws Exception {
        assertThat(password(List.of("--admin-password", "visible"), "")).isEqualTo("visible");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Warning", "--admin-password-stdin");
    }

    @Test
    @DisplayName("two password sources at once are refused")
    void one_source_only() {
        assertThatThrownBy(() -> password(List.of("--admin-password", "x", "--admin-password-stdin"), "y\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.interlink.platform.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code ./interlink doctor} and the preflight of {@code up}, run with bash as a newcomer would: each problem is named
 * with what to do about it, and {@code up} reports it before building anything.
 */
class LauncherDoctorTest {
    static final Path LAUNCHER = Path.of("..", "interlink").toAbsolutePath().normalize();

    record Run(int exit, String output) {}

    @Test
    void doctor_up_passes_when_the_tools_the_database_login_and_the_ports_are_there() throws Exception {
        Run run = run(List.of("doctor", "up"), upEnvironment());
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("ok       java", "ok       jq", "ok       database", "Everything needed is here.");
    }

    @Test
    void a_missing_tool_is_named_with_what_to_install() throws Exception {
        Map<String, String> env = upEnvironment();
        env.put("PATH", pathWithout(Set.of("jq")).toString());
        Run run = run(List.of("doctor", "up"), env);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains("PROBLEM  jq", "apt-get install jq", "1 problem(s) found.");
    }

    @Test
    void a_database_that_refuses_the_login_is_explained_as_such() throws Exception {
        Map<String, String> env = upEnvironment();
        env.put("INTERLINK_DB_USER", "interlink_no_such_role");
        Run run = run(List.of("doctor", "up"), env);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output())
                .contains("refused the login of role 'interlink_no_such_role'")
                .contains("set INTERLINK_DB_USER and INTERLINK_DB_PASSWORD");
    }

    @Test
    void a_port_in_use_is_reported_with_the_variable_that_moves_it() throws Exception {
        Map<String, String> env = upEnvironment();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            env.put("INTERLINK_SANDBOX_PORT", String.valueOf(taken.getLocalPort()));
            Run run = run(List.of("doctor", "up"), env);
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.output())
                    .containsPattern("PROBLEM  port " + taken.getLocalPort() + " +in use")
                    .contains("set INTERLINK_SANDBOX_PORT");
        }
    }

    @Test
    void an_ipv6_jdbc_url_is_parsed_into_host_and_port() throws Exception {
        Map<String, String> env = upEnvironment();
        int nothingThere = freePort();
        env.put("INTERLINK_DB_URL", "jdbc:postgresql://[::1]:" + nothingThere + "/interlink?sslmode=disable");
        Run run = run(List.of("doctor", "up"), env);
        assertThat(run.output()).contains("PostgreSQL is not reachable at [::1]:" + nothingThere + ":");
    }

    @Test
    void up_reports_a_port_conflict_before_building_anything() throws Exception {
        Map<String, String> env = upEnvironment();
        env.put("INTERLINK_HOME", Files.createTempDirectory("interlink-home").toString());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            env.put("INTERLINK_API_PORT", String.valueOf(taken.getLocalPort()));
            Run run = run(List.of("up"), env);
            assertThat(run.exit()).isNotZero();
            assertThat(run.output())
                    .contains("set INTERLINK_API_PORT", "./interlink up cannot start")
                    .doesNotContain("Building");
        }
    }

    @Test
    void a_service_that_exits_while_starting_is_reported_with_the_tail_of_its_log() throws Exception {
        Path log = Files.createTempFile("service", ".log");
        // the launcher sourced: its functions only; the "service" writes a line and exits 3 while nothing answers
        String script = "source \"$LAUNCHER\"; (echo 'boom: address already in use' >\"$LOG\"; exit 3) & "
                + "wait_service $! \"http://127.0.0.1:$PORT/\" pretend-service \"$LOG\"";
        Map<String, String> env = new HashMap<>(
                Map.of("LAUNCHER", LAUNCHER.toString(), "LOG", log.toString(), "PORT", String.valueOf(freePort())));
        Run run = bash(List.of("bash", "-c", script), env);
        assertThat(run.exit()).isNotZero();
        assertThat(run.output())
                .contains("boom: address already in use")
                .contains("pretend-service exited during start-up (exit code 3");
    }

    @Test
    void on_ci_a_test_role_that_cannot_log_in_yet_is_created_as_the_superuser() throws Exception {
        Map<String, String> env = upEnvironment(); // skips without a test database
        String role = "interlink_doctor_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        env.putAll(Map.of("LAUNCHER", LAUNCHER.toString(), "ROLE", role));
        try {
            // what .ci/run leaves to ./interlink test: a fresh machine has only the superuser (postgres)
            Run run = bash(
                    List.of("bash", "-c", "source \"$LAUNCHER\"; ensure_ci_role \"$INTERLINK_DB_URL\" \"$ROLE\" pw-1"),
                    env);
            assertThat(run.exit()).as(run.output()).isZero();
            assertThat(run.output()).contains("CI: creating the login role " + role);
            env.put("INTERLINK_DB_USER", role);
            env.put("INTERLINK_DB_PASSWORD", "pw-1");
            Run doctor = run(List.of("doctor", "up"), env);
            assertThat(doctor.output()).containsPattern("ok +database +" + role + "@");
        } finally {
            // as the superuser that created it (the test login itself may not drop roles)
            bash(
                    List.of(
                            "bash",
                            "-c",
                            "source \"$LAUNCHER\"; psql -X -h \"$(db_host \"$INTERLINK_DB_URL\")\" -p \"$(db_port"
                                    + " \"$INTERLINK_DB_URL\")\" -U postgres -d postgres -qc \"drop role if exists $ROLE\""),
                    env);
        }
    }

    /** What {@code up} needs, pointed at the test database and at free ports only. */
    private static Map<String, String> upEnvironment() throws IOException {
        String url = System.getenv("TEST_JDBC_URL");
        Assumptions.assumeTrue(
                (url != null && !url.isBlank()) || !"true".equals(System.getenv("CI")), "CI without TEST_JDBC_URL");
        Assumptions.assumeTrue(url != null && !url.isBlank(), "the launcher checks need TEST_JDBC_URL");
        Map<String, String> env = new HashMap<>();
        env.put("INTERLINK_DB_URL", url);
        env.put("INTERLINK_DB_USER", System.getenv().getOrDefault("TEST_JDBC_USER", "postgres"));
        env.put("INTERLINK_DB_PASSWORD", System.getenv().getOrDefault("TEST_JDBC_PASSWORD", ""));
        for (String var : List.of(
                "INTERLINK_API_PORT",
                "INTERLINK_MANAGEMENT_PORT",
                "INTERLINK_SANDBOX_PORT",
                "INTERLINK_LINK_UI_PORT",
                "INTERLINK_ADMIN_UI_PORT",
                "INTERLINK_DEMO_HOST_PORT",
                "INTERLINK_LINK_UI_MANAGEMENT_PORT",
                "INTERLINK_ADMIN_UI_MANAGEMENT_PORT")) {
            env.put(var, String.valueOf(freePort()));
        }
        return env;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A PATH of links to every program on the current PATH except {@code missing}. */
    private static Path pathWithout(Set<String> missing) throws IOException {
        Path dir = Files.createTempDirectory("path");
        Set<String> seen = new HashSet<>(missing);
        for (String entry : System.getenv("PATH").split(":")) {
            Path d = Path.of(entry);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> files = Files.list(d)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String name = f.getFileName().toString();
                    if (Files.isExecutable(f) && !Files.isDirectory(f) && seen.add(name)) {
                        Files.createSymbolicLink(dir.resolve(name), f.toAbsolutePath());
                    }
                }
            }
        }
        return dir;
    }

    private static Run run(List<String> args, Map<String, String> env) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", LAUNCHER.toString()));
        command.addAll(args);
        return bash(command, env);
    }

    private static Run bash(List<String> command, Map<String, String> env) throws Exception {
        Path out = Files.createTempFile("launcher", ".out");
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("INTERLINK_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        // bounded: a service that died must be reported long before the launcher's 90 s start-up wait
        boolean done = p.waitFor(45, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        String output = Files.readString(out);
        assertThat(done).as(output).isTrue();
        return new Run(p.exitValue(), output);
    }
}

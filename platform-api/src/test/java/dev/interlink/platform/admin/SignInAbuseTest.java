package dev.interlink.platform.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.linking.TestClockFactory;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Attacks on admin sign-in (issue: unauthenticated Argon2 DoS, lockout race, lockout DoS). The application clock is
 * frozen ({@link TestClockFactory}), so throttle windows pass only when a test advances it; every client address is
 * chosen per test through {@code X-Forwarded-For}, as behind a trusted proxy.
 */
@MicronautTest(transactional = false)
class SignInAbuseTest extends ApiTest {
    private static final String PASSWORD = "a long enough password";

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Inject
    AdminService admins;

    Api api;
    TestTenant tenant;
    ExecutorService pool;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "interlink.test.clock", "mutable",
                "micronaut.server.client-address-header", "X-Forwarded-For",
                // a slot is waited for long enough that only the throttle decides in the parallel-guess test
                "interlink.admin.sign-in.slot-wait", "60s");
    }

    @BeforeAll
    void setUp() {
        api = new Api(server.getURI());
        tenant = TestTenants.create(tenants, api, "Sign-in abuse");
        pool = Executors.newFixedThreadPool(20);
    }

    @AfterAll
    void tearDown() {
        pool.shutdownNow();
    }

    private AdminUser newAdmin() {
        return admins.create(tenant.id(), "admin-" + UUID.randomUUID() + "@example.com", PASSWORD);
    }

    private static String newAddress() {
        return "198.51.100." + (1 + (int) (Math.random() * 250)) + "-" + UUID.randomUUID();
    }

    private Api.Response signIn(String email, String password, String address) {
        return api.send(
                "POST",
                "/admin/sessions",
                null,
                Map.of("tenant", tenant.slug(), "email", email, "password", password),
                Map.of("X-Forwarded-For", address));
    }

    private static void advance(Duration d) {
        TestClockFactory.CLOCK.advance(d);
    }

    @Test
    @DisplayName("Twenty parallel wrong guesses for one admin cannot outrun the throttle: six are checked, fourteen"
            + " refused before hashing")
    void parallelGuessesAreReservedOneByOne() throws Exception {
        AdminUser admin = newAdmin();
        String address = newAddress();
        List<Callable<Integer>> guesses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String guess = "wrong guess number " + i;
            guesses.add(() -> signIn(admin.email(), guess, address).status());
        }

        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(guesses)) {
            statuses.add(f.get());
        }

        // 5 free attempts, then the 6th reserves the first 1 s delay; the clock does not move meanwhile
        assertThat(statuses).filteredOn(s -> s == 401).hasSize(6);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(14);
    }

    @Test
    @DisplayName("Someone else's wrong passwords delay an admin's sign-in by seconds and never lock it out")
    void wrongPasswordsDelayInsteadOfLocking() {
        AdminUser admin = newAdmin();
        String attacker = newAddress();
        for (int i = 0; i < 6; i++) {
            signIn(admin.email(), "attacker guess " + i, attacker);
        }

        Api.Response during = signIn(admin.email(), PASSWORD, newAddress());
        advance(Duration.ofSeconds(1));
        Api.Response after = signIn(admin.email(), PASSWORD, newAddress());

        assertThat(during.status()).isEqualTo(429);
        assertThat(during.code()).isEqualTo("PLATFORM.SIGN_IN_THROTTLED");
        assertThat(during.header("Retry-After")).isEqualTo("1");
        assertThat(after.status()).as(after.text()).isEqualTo(200);
    }

    @Test
    @DisplayName("The delay doubles with each further failure and stops at the cap of 60 s")
    void delayGrowsToTheCap() {
        AdminUser admin = newAdmin();
        List<String> waits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            signIn(admin.email(), "guess " + i, newAddress());
            Api.Response refused = signIn(admin.email(), "guess again " + i, newAddress());
            waits.add(refused.status() == 429 ? refused.header("Retry-After") : "-");
            advance(Duration.ofSeconds(61));
        }

        // attempts 1-5 are free; the 6th reserves 1 s, the 7th 2 s, ... (a refused attempt counts nothing); cap 60 s
        assertThat(waits).containsExactly("-", "-", "-", "2", "4", "8", "16", "32", "60", "60");
    }

    @Test
    @DisplayName("Failed sign-ins by someone else do not end the admin's live session")
    void failuresDoNotEndSessions() {
        AdminUser admin = newAdmin();
        String token = signIn(admin.email(), PASSWORD, newAddress())
                .json()
                .get("access_token")
                .asText();
        for (int i = 0; i < 12; i++) {
            signIn(admin.email(), "attacker guess " + i, newAddress());
            advance(Duration.ofSeconds(61));
        }

        assertThat(api.get("/tenant", token).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("One address trying many unknown emails is refused before any hashing after 20 attempts, while"
            + " other addresses are served")
    void oneAddressIsThrottledAcrossEmails() {
        String flooder = newAddress();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 22; i++) {
            statuses.add(signIn("nobody-" + UUID.randomUUID() + "@example.com", PASSWORD, flooder)
                    .status());
        }
        AdminUser admin = newAdmin();

        assertThat(statuses.subList(0, 21)).containsOnly(401);
        assertThat(statuses.get(21)).isEqualTo(429);
        assertThat(signIn(admin.email(), PASSWORD, newAddress()).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("An unknown email is throttled exactly like a known one, so the throttle reveals no admin")
    void unknownEmailsAreThrottledLikeKnownOnes() {
        AdminUser admin = newAdmin();
        String unknown = "nobody-" + UUID.randomUUID() + "@example.com";
        List<Integer> known = new ArrayList<>();
        List<Integer> unknownStatuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            known.add(signIn(admin.email(), "wrong " + i, newAddress()).status());
            unknownStatuses.add(signIn(unknown, "wrong " + i, newAddress()).status());
        }

        assertThat(unknownStatuses).isEqualTo(known);
    }
}

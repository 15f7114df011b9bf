package dev.interlink.platform.admin;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Growing delays per key instead of a hard lock (table {@code sign_in_attempt}, migration V0064). Each key allows
 * {@code free} attempts, then each further failure doubles the wait from 1 s up to a cap; failures older than the
 * window are forgotten. The attempt is reserved in one statement before any hashing, so N parallel guesses take N
 * reservations in turn, and across replicas too.
 */
@Singleton
class SignInThrottle {
    /** How one kind of key is throttled. */
    record Policy(int free, Duration cap) {}

    private static final Duration WINDOW = Duration.ofHours(1);

    private final JdbcOperations jdbc;
    final Policy perEmail;
    final Policy perAddress;

    SignInThrottle(
            JdbcOperations jdbc,
            @Value("${interlink.admin.sign-in.email-free-attempts:5}") int emailFree,
            @Value("${interlink.admin.sign-in.email-max-delay:60s}") Duration emailCap,
            @Value("${interlink.admin.sign-in.address-free-attempts:20}") int addressFree,
            @Value("${interlink.admin.sign-in.address-max-delay:15m}") Duration addressCap) {
        this.jdbc = jdbc;
        this.perEmail = new Policy(emailFree, emailCap);
        this.perAddress = new Policy(addressFree, addressCap);
    }

    /**
     * Reserves one attempt for {@code key}: empty when reserved, else how long the caller must wait. The reservation
     * counts as a failure until {@link #succeeded} deletes it.
     */
    @Connectable
    Optional<Duration> reserve(String key, Policy policy, Instant now) {
        return jdbc.prepareStatement(
                """
                INSERT INTO sign_in_attempt AS a (key, failures, blocked_until, updated_at)
                VALUES (?, 1, ?, ?)
                ON CONFLICT (key) DO UPDATE SET
                  failures = CASE WHEN a.updated_at < ? THEN 1 ELSE a.failures + 1 END,
                  blocked_until = CAST(? AS timestamptz) + make_interval(secs => least(?, CASE
                      WHEN a.updated_at < ? OR a.failures + 1 <= ? THEN 0
                      ELSE power(2, least(a.failures + 1 - ? - 1, 30)) END)),
                  updated_at = ?
                WHERE a.blocked_until <= ?
                RETURNING failures""",
                ps -> {
                    Timestamp at = Timestamp.from(now);
                    Timestamp forgetBefore = Timestamp.from(now.minus(WINDOW));
                    ps.setString(1, key);
                    ps.setTimestamp(2, at);
                    ps.setTimestamp(3, at);
                    ps.setTimestamp(4, forgetBefore);
                    ps.setTimestamp(5, at);
                    ps.setLong(6, policy.cap().toSeconds());
                    ps.setTimestamp(7, forgetBefore);
                    ps.setInt(8, policy.free());
                    ps.setInt(9, policy.free());
                    ps.setTimestamp(10, at);
                    ps.setTimestamp(11, at);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            return Optional.<Duration>empty();
                        }
                    }
                    return Optional.of(waitFor(key, now));
                });
    }

    private Duration waitFor(String key, Instant now) {
        return jdbc.prepareStatement("SELECT blocked_until FROM sign_in_attempt WHERE key = ?", ps -> {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                Instant until = rs.next() ? rs.getTimestamp(1).toInstant() : now;
                Duration left = Duration.between(now, until);
                return left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left;
            }
        });
    }

    /** A successful sign-in forgets the key's failures. */
    @Connectable
    void succeeded(String key) {
        jdbc.prepareStatement("DELETE FROM sign_in_attempt WHERE key = ?", ps -> {
            ps.setString(1, key);
            return ps.executeUpdate();
        });
    }

    /** Rows nobody touched for a day carry no information any more. */
    @Connectable
    int purgeBefore(Instant before) {
        return jdbc.prepareStatement("DELETE FROM sign_in_attempt WHERE updated_at < ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        });
    }
}

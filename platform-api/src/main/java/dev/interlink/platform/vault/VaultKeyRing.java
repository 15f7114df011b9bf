package dev.interlink.platform.vault;

import dev.interlink.platform.cli.Cli;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys this replica seals with, agreed with the other live replicas through {@code vault_replica} (migration
 * V0066). The configured primary is used only once every live replica knows it; until then the replica keeps sealing
 * with a key they all know. So shipping a new primary to some replicas first (a rolling deploy) never writes a row
 * that the old replicas, or a rollback, cannot read — the first phase of the two-phase rotation in docs/vault.md.
 */
@Singleton
public class VaultKeyRing {
    private static final Logger LOG = LoggerFactory.getLogger(VaultKeyRing.class);

    private final JdbcOperations jdbc;
    private final VaultKeys configured;
    private final boolean registers;
    private final Duration liveFor;
    private final String instanceId = UUID.randomUUID().toString();
    private final AtomicReference<VaultKeys> sealing = new AtomicReference<>();

    VaultKeyRing(
            JdbcOperations jdbc,
            VaultKeys configured,
            Environment environment,
            @Value("${interlink.vault.replica-ttl:90s}") Duration liveFor) {
        this.jdbc = jdbc;
        this.configured = configured;
        // the operator CLI seals (vault rotate) but is no replica that others must wait for
        this.registers = !environment.getActiveNames().contains(Cli.CLI_ENV);
        this.liveFor = liveFor;
    }

    /** Every configured key decrypts; this is the one to seal with now. */
    public VaultKeys current() {
        VaultKeys keys = sealing.get();
        return keys != null ? keys : refresh();
    }

    public VaultKeys configured() {
        return configured;
    }

    /** Announces this replica's keys and re-agrees on the sealing key (the heartbeat runs it every 30 s). */
    @Connectable
    public VaultKeys refresh() {
        if (registers) {
            announce();
        }
        List<Set<Long>> live = new ArrayList<>();
        List<Long> primaries = new ArrayList<>();
        jdbc.prepareStatement(
                "select key_ids, primary_key_id from vault_replica where seen_at > now() - make_interval(secs => ?)",
                ps -> {
                    ps.setLong(1, liveFor.toSeconds());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            live.add(new HashSet<>(
                                    List.of((Long[]) rs.getArray(1).getArray())));
                            primaries.add(rs.getLong(2));
                        }
                    }
                    return null;
                });
        long chosen = agree(configured, live, primaries);
        if (chosen != configured.primaryKeyId()) {
            LOG.warn(
                    "Vault: key {} is primary here but not every live replica knows it yet; sealing with key {} until"
                            + " they do (docs/vault.md, rotation in two phases)",
                    configured.primaryKeyId(),
                    chosen);
        }
        VaultKeys keys = configured.sealingWith(chosen);
        sealing.set(keys);
        return keys;
    }

    /**
     * The configured primary if every live replica knows it; else a key of ours that they all know, preferably one
     * that some replica uses as primary; else (no common key: a misconfiguration) our primary.
     */
    static long agree(VaultKeys ours, List<Set<Long>> live, List<Long> primaries) {
        long primary = ours.primaryKeyId();
        if (live.stream().allMatch(keys -> keys.contains(primary))) {
            return primary;
        }
        List<Long> common = ours.keyIds().stream()
                .filter(id -> live.stream().allMatch(keys -> keys.contains(id)))
                .toList();
        return common.stream()
                .filter(primaries::contains)
                .findFirst()
                .or(() -> common.stream().findFirst())
                .orElseGet(() -> {
                    LOG.error("Vault: no key is known to every live replica; sealing with primary key {}", primary);
                    return primary;
                });
    }

    private void announce() {
        jdbc.prepareStatement(
                """
                insert into vault_replica (instance_id, key_ids, primary_key_id, seen_at) values (?, ?, ?, now())
                on conflict (instance_id) do update
                  set key_ids = excluded.key_ids, primary_key_id = excluded.primary_key_id, seen_at = now()""",
                ps -> {
                    Array ids = ps.getConnection()
                            .createArrayOf("bigint", configured.keyIds().toArray());
                    ps.setString(1, instanceId);
                    ps.setArray(2, ids);
                    ps.setLong(3, configured.primaryKeyId());
                    return ps.executeUpdate();
                });
    }

    /** A replica that stops cleanly leaves at once; a killed one drops out after {@code replica-ttl}. */
    @Connectable
    public void leave() {
        if (!registers || sealing.get() == null) {
            return;
        }
        try {
            jdbc.prepareStatement("delete from vault_replica where instance_id = ?", ps -> {
                ps.setString(1, instanceId);
                return ps.executeUpdate();
            });
        } catch (RuntimeException e) {
            LOG.debug(
                    "Vault: could not remove this replica's row on shutdown ({})",
                    e.getClass().getSimpleName());
        }
    }
}

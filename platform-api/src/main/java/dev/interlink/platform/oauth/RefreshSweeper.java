package dev.interlink.platform.oauth;

import dev.interlink.platform.account.AccountService;
import dev.interlink.platform.account.ConnectedAccount;
import dev.interlink.platform.cli.Cli;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.catalog.Catalog;
import dev.interlink.platform.provider.catalog.ProviderDefinition;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps idle OAuth 2.0 accounts alive: a refresh token unused for long enough expires (Lever: 90 days idle,
 * docs/providers/lever.md), so every active account not refreshed for {@code interlink.oauth.refresh-every} (default
 * 7 days) is refreshed in the background. Every replica sweeps; the refresh's own lease and re-read make each account
 * refresh once (a second sweeper finds the pair already newer and calls nothing).
 */
@Singleton
@Requires(notEnv = Cli.CLI_ENV)
public class RefreshSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshSweeper.class);
    private static final int BATCH = 100;

    private final JdbcOperations jdbc;
    private final Catalog catalog;
    private final AccountService accounts;
    private final TokenRefresher refresher;
    private final Clock clock;
    private final Duration refreshEvery;

    public RefreshSweeper(
            JdbcOperations jdbc,
            Catalog catalog,
            AccountService accounts,
            TokenRefresher refresher,
            Clock clock,
            @Value("${interlink.oauth.refresh-every:7d}") Duration refreshEvery) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.accounts = accounts;
        this.refresher = refresher;
        this.clock = clock;
        this.refreshEvery = refreshEvery;
    }

    public record Due(UUID tenantId, UUID accountId) {}

    /** Refreshes up to one batch of due accounts; answers how many it refreshed (or found refreshed meanwhile). */
    @Scheduled(fixedDelay = "${interlink.oauth.sweep-interval:1h}", initialDelay = "5m")
    public int sweep() {
        int done = 0;
        java.time.Instant idleSince = clock.instant().minus(refreshEvery);
        for (Due due : due()) {
            try {
                ConnectedAccount connected =
                        accounts.resolveForCall(due.tenantId(), due.accountId().toString());
                refresher.refreshIfIdle(
                        due.tenantId(),
                        due.accountId(),
                        connected.provider(),
                        TokenSet.of(connected.credentials()),
                        reason -> accounts.markNeedsReauth(due.tenantId(), due.accountId(), reason),
                        idleSince);
                done++;
            } catch (ApiProblem e) {
                // a dead grant was marked needs_reauth by the refresh; an outage is retried on the next sweep
                LOG.info("Background refresh of account {} did not succeed: {}", due.accountId(), e.code());
            }
        }
        return done;
    }

    @Transactional
    public List<Due> due() {
        List<String> providers = catalog.all().stream()
                .filter(p -> p.oauth2() != null)
                .map(ProviderDefinition::id)
                .toList();
        if (providers.isEmpty()) return List.of();
        Timestamp cutoff = Timestamp.from(clock.instant().minus(refreshEvery));
        return jdbc.prepareStatement(
                """
                select a.tenant_id, a.id from integrated_account a
                left join oauth_token_state s on s.account_id = a.id
                where a.deleted_at is null and a.status = 'active' and a.provider = any (?)
                  and coalesce(s.refreshed_at, a.created_at) < ?
                order by coalesce(s.refreshed_at, a.created_at) limit ?""",
                ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("text", providers.toArray()));
                    ps.setTimestamp(2, cutoff);
                    ps.setInt(3, BATCH);
                    List<Due> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)));
                        }
                    }
                    return out;
                });
    }
}

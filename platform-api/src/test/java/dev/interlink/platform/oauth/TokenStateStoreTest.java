package dev.interlink.platform.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.account.AccountService;
import dev.interlink.platform.account.EndUser;
import dev.interlink.platform.provider.catalog.Catalog;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.vault.SecretRef;
import dev.interlink.platform.vault.TestVaultKeys;
import dev.interlink.platform.vault.Vault;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The fencing and the lease of {@link TokenStateStore}, on PostgreSQL. */
@MicronautTest(transactional = false)
class TokenStateStoreTest extends ApiTest {
    @Inject
    TokenStateStore store;

    @Inject
    TenantService tenants;

    @Inject
    AccountService accounts;

    @Inject
    Catalog catalog;

    @Inject
    Vault vault;

    @Override
    protected Map<String, String> extraProperties() {
        return TestVaultKeys.properties();
    }

    private record Account(UUID tenantId, UUID id) {}

    private Account account() {
        UUID tenantId = tenants.create("Fencing " + UUID.randomUUID()).tenant().id();
        TokenSet first = new TokenSet(
                "access-one-0001", "refresh-one-0001", Instant.now().plusSeconds(3600));
        UUID id = accounts.create(
                        tenantId,
                        catalog.find("lever").orElseThrow(),
                        new EndUser("u", null, null),
                        first.credentials(),
                        Map.of())
                .id();
        return new Account(tenantId, id);
    }

    private TokenSet stored(Account a) {
        return TokenSet.of(
                vault.load(SecretRef.credentials(a.tenantId(), a.id())).orElseThrow());
    }

    @Test
    void a_save_from_an_older_version_never_overwrites_a_newer_pair() {
        Account a = account();
        long v0 = store.version(a.tenantId(), a.id());
        TokenSet newer = new TokenSet(
                "access-two-0002", "refresh-two-0002", Instant.now().plusSeconds(3600));
        TokenSet older = new TokenSet(
                "access-old-0003", "refresh-old-0003", Instant.now().plusSeconds(3600));

        assertThat(store.save(a.tenantId(), a.id(), v0, newer, Instant.now())).isTrue();
        assertThat(store.save(a.tenantId(), a.id(), v0, older, Instant.now())).isFalse();

        assertThat(stored(a).accessToken()).isEqualTo("access-two-0002");
        assertThat(store.version(a.tenantId(), a.id())).isEqualTo(v0 + 1);
    }

    @Test
    void a_held_lease_is_refused_to_others_until_it_expires() {
        Account a = account();
        store.version(a.tenantId(), a.id());
        Instant now = Instant.now();

        assertThat(store.tryLease(a.id(), "replica-a", now, now.plusSeconds(10)))
                .isTrue();
        assertThat(store.tryLease(a.id(), "replica-b", now.plusSeconds(5), now.plusSeconds(15)))
                .isFalse();
        assertThat(store.tryLease(a.id(), "replica-b", now.plusSeconds(11), now.plusSeconds(21)))
                .isTrue();
    }

    @Test
    void releasing_someone_elses_lease_does_nothing() {
        Account a = account();
        store.version(a.tenantId(), a.id());
        Instant now = Instant.now();
        store.tryLease(a.id(), "replica-a", now, now.plusSeconds(10));

        store.release(a.id(), "replica-b");

        assertThat(store.tryLease(a.id(), "replica-c", now, now.plusSeconds(10)))
                .isFalse();
    }
}

package dev.interlink.platform.auth;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Every tenant-facing query takes the tenant id from the principal; the lookups by client id serve auth. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ApiClientRepository extends GenericRepository<ApiClient, UUID> {
    ApiClient save(ApiClient client);

    @Query("SELECT * FROM api_client WHERE tenant_id = :tenantId ORDER BY created_at")
    List<ApiClient> findAllOfTenant(UUID tenantId);

    @Query("SELECT * FROM api_client WHERE id = :id AND tenant_id = :tenantId")
    Optional<ApiClient> findOfTenant(UUID id, UUID tenantId);

    /** A usable client: not revoked, and its tenant not deleted. */
    @Query(
            """
            SELECT c.* FROM api_client c JOIN tenant t ON t.id = c.tenant_id
            WHERE c.client_id = :clientId AND c.revoked_at IS NULL AND t.deleted_at IS NULL""")
    Optional<ApiClient> findActiveByClientId(String clientId);

    @Query(
            """
            SELECT count(*) FROM api_client_secret
            WHERE api_client_id = :apiClientId AND secret_sha256 = :sha256
              AND (expires_at IS NULL OR expires_at > now())""")
    long countLiveSecret(UUID apiClientId, String sha256);

    @Query(
            """
            SELECT * FROM api_client WHERE tenant_id = :tenantId AND created_by = :createdBy AND revoked_at IS NULL
            ORDER BY created_at""")
    List<ApiClient> findLiveCreatedBy(UUID tenantId, String createdBy);

    @Query("SELECT count(*) FROM api_client WHERE tenant_id = :tenantId AND revoked_at IS NULL")
    long countLive(UUID tenantId);

    @Query("UPDATE api_client SET revoked_at = now() WHERE id = :id AND tenant_id = :tenantId AND revoked_at IS NULL")
    long revoke(UUID id, UUID tenantId);

    @Query("UPDATE api_client SET public_jwk = :publicJwk WHERE id = :id AND tenant_id = :tenantId")
    long setPublicJwk(UUID id, UUID tenantId, @io.micronaut.core.annotation.Nullable String publicJwk);

    /** Rotation keeps exactly two live secrets: the new one, and the previous one until its grace ends. */
    @Query(
            """
            DELETE FROM api_client_secret WHERE api_client_id = :apiClientId AND id <> :keepId
              AND id <> (SELECT id FROM api_client_secret WHERE api_client_id = :apiClientId AND id <> :keepId
                         ORDER BY created_at DESC LIMIT 1)""")
    void deleteAllButNewestTwo(UUID apiClientId, UUID keepId);

    @Query(
            """
            UPDATE api_client_secret SET expires_at = LEAST(COALESCE(expires_at, :expiresAt), :expiresAt)
            WHERE api_client_id = :apiClientId AND id <> :keepId""")
    void expireOthers(UUID apiClientId, UUID keepId, java.time.Instant expiresAt);
}

package dev.interlink.platform.admin;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AdminUserRepository extends GenericRepository<AdminUser, UUID> {
    AdminUser save(AdminUser user);

    @Query(
            "SELECT * FROM admin_user WHERE tenant_id = :tenantId AND lower(email) = lower(:email) AND deleted_at IS NULL")
    Optional<AdminUser> findLiveByEmail(UUID tenantId, String email);

    /** The live admin with this email in the live tenant with this slug: one query, whichever part is unknown. */
    @Query(
            """
            SELECT a.* FROM admin_user a JOIN tenant t ON t.id = a.tenant_id
            WHERE t.slug = :slug AND t.deleted_at IS NULL AND lower(a.email) = lower(:email) AND a.deleted_at IS NULL""")
    Optional<AdminUser> findLiveBySlugAndEmail(String slug, String email);

    @Query("SELECT * FROM admin_user WHERE tenant_id = :tenantId AND deleted_at IS NULL ORDER BY created_at")
    List<AdminUser> findAllOfTenant(UUID tenantId);

    /**
     * The admin behind an admin JWT, if it may still act: live, active, of a live tenant. Failed sign-ins by
     * anyone else never end its session (they are throttled in {@code sign_in_attempt}, not here).
     */
    @Query(
            """
            SELECT a.* FROM admin_user a JOIN tenant t ON t.id = a.tenant_id
            WHERE a.id = :id AND a.tenant_id = :tenantId AND a.deleted_at IS NULL AND a.status = 'active'
              AND t.deleted_at IS NULL""")
    Optional<AdminUser> findUsable(UUID id, UUID tenantId);

    @Query("UPDATE admin_user SET last_sign_in_at = :now WHERE id = :id")
    void recordSuccess(UUID id, Instant now);

    @Query("UPDATE admin_user SET status = :status WHERE id = :id AND tenant_id = :tenantId AND deleted_at IS NULL")
    long setStatus(UUID id, UUID tenantId, String status);

    @Query("UPDATE admin_user SET deleted_at = :now WHERE id = :id AND tenant_id = :tenantId AND deleted_at IS NULL")
    long softDelete(UUID id, UUID tenantId, Instant now);
}

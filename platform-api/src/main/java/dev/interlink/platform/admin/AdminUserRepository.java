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

    @Query("SELECT * FROM admin_user WHERE lower(email) = lower(:email) AND deleted_at IS NULL")
    Optional<AdminUser> findLiveByEmail(String email);

    @Query("SELECT * FROM admin_user WHERE tenant_id = :tenantId AND deleted_at IS NULL ORDER BY created_at")
    List<AdminUser> findAllOfTenant(UUID tenantId);

    /** The admin behind an admin JWT, if it may still act: live, active, of a live tenant, not locked. */
    @Query(
            """
            SELECT a.* FROM admin_user a JOIN tenant t ON t.id = a.tenant_id
            WHERE a.id = :id AND a.tenant_id = :tenantId AND a.deleted_at IS NULL AND a.status = 'active'
              AND (a.locked_until IS NULL OR a.locked_until <= :now) AND t.deleted_at IS NULL""")
    Optional<AdminUser> findUsable(UUID id, UUID tenantId, Instant now);

    /**
     * Counts one failure atomically (safe across replicas) and locks the account when the count reaches
     * {@code maxFailures}; the count restarts after the lock.
     */
    @Query(
            """
            UPDATE admin_user SET
              failed_attempts = CASE WHEN failed_attempts + 1 >= :maxFailures THEN 0 ELSE failed_attempts + 1 END,
              locked_until = CASE WHEN failed_attempts + 1 >= :maxFailures THEN :lockUntil ELSE locked_until END
            WHERE id = :id""")
    void recordFailure(UUID id, int maxFailures, Instant lockUntil);

    @Query("UPDATE admin_user SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = :now WHERE id = :id")
    void recordSuccess(UUID id, Instant now);

    @Query("UPDATE admin_user SET status = :status WHERE id = :id AND tenant_id = :tenantId AND deleted_at IS NULL")
    long setStatus(UUID id, UUID tenantId, String status);

    @Query("UPDATE admin_user SET deleted_at = :now WHERE id = :id AND tenant_id = :tenantId AND deleted_at IS NULL")
    long softDelete(UUID id, UUID tenantId, Instant now);
}

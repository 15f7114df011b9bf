package dev.interlink.platform.tenant;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TenantRepository extends GenericRepository<Tenant, UUID> {
    Tenant save(Tenant tenant);

    Tenant update(Tenant tenant);

    @Query("SELECT * FROM tenant WHERE id = :id AND deleted_at IS NULL")
    Optional<Tenant> findLive(UUID id);

    @Query("SELECT * FROM tenant WHERE id = :id AND deleted_at IS NULL FOR SHARE")
    Optional<Tenant> findLiveForShare(UUID id);

    @Query("SELECT * FROM tenant WHERE name = :name AND deleted_at IS NULL ORDER BY created_at LIMIT 1")
    Optional<Tenant> findLiveByName(String name);

    @Query("SELECT EXISTS (SELECT 1 FROM tenant WHERE slug = :slug AND deleted_at IS NULL)")
    boolean slugTaken(String slug);

    @Query("UPDATE tenant SET deleted_at = now() WHERE id = :id AND deleted_at IS NULL")
    void softDelete(UUID id);
}

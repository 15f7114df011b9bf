package dev.interlink.platform.auth;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ApiClientSecretRepository extends GenericRepository<ApiClientSecret, UUID> {
    ApiClientSecret save(ApiClientSecret secret);
}

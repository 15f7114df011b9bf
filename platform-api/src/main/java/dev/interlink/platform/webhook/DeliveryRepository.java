package dev.interlink.platform.webhook;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.platform.account.PageCursor;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The outbox, deliveries and attempts in PostgreSQL. Tenant-facing reads filter on the caller's tenant. */
@Singleton
public class DeliveryRepository {
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};
    private static final String COLUMNS = "d.id, d.tenant_id, d.event_id, d.event_type, d.endpoint_id, d.status,"
            + " d.attempt_count, d.next_attempt_at, d.last_status_code, d.last_error, d.created_at, d.updated_at";

    private final JdbcOperations jdbc;
    private final ObjectMapper json;

    public DeliveryRepository(JdbcOperations jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A claimed delivery: everything the worker needs to sign and send it without another query. */
    public record Claim(
            UUID id,
            UUID tenantId,
            String eventId,
            String eventType,
            Instant eventCreatedAt,
            String payload,
            UUID endpointId,
            int attempt) {}

    @Transactional
    public void insertEvent(String id, UUID tenantId, String type, String payloadJson, Instant at) {
        jdbc.prepareStatement(
                "insert into webhook_event (id, tenant_id, type, payload, created_at) values (?, ?, ?, ?::jsonb, ?)",
                ps -> {
                    ps.setString(1, id);
                    ps.setObject(2, tenantId);
                    ps.setString(3, type);
                    ps.setString(4, payloadJson);
                    ps.setTimestamp(5, Timestamp.from(at));
                    return ps.executeUpdate();
                });
    }

    /** A new pending delivery, due at once. */
    @Transactional
    public UUID insertDelivery(UUID tenantId, String eventId, String eventType, UUID endpointId, Instant now) {
        UUID id = UUID.randomUUID();
        jdbc.prepareStatement(
                """
                insert into webhook_delivery (id, tenant_id, event_id, endpoint_id, event_type, status, next_attempt_at,
                  created_at, updated_at)
                values (?, ?, ?, ?, ?, 'pending', ?, ?, ?)
                """,
                ps -> {
                    ps.setObject(1, id);
                    ps.setObject(2, tenantId);
                    ps.setString(3, eventId);
                    ps.setObject(4, endpointId);
                    ps.setString(5, eventType);
                    ps.setTimestamp(6, Timestamp.from(now));
                    ps.setTimestamp(7, Timestamp.from(now));
                    ps.setTimestamp(8, Timestamp.from(now));
                    return ps.executeUpdate();
                });
        return id;
    }

    /**
     * Claims up to {@code max} due deliveries of active endpoints for {@code worker}: sets a lease until
     * {@code now + lease}. It walks the active endpoints and takes, per endpoint, at most {@code perEndpoint} minus
     * its leased deliveries (an index probe each), so the cost follows the number of endpoints, not the size of one
     * endpoint's backlog, and one slow endpoint cannot take every sender. Rows another replica is claiming are
     * skipped (SKIP LOCKED). The transaction is only this statement: nothing is held while sending.
     */
    @Transactional
    public List<Claim> claim(Instant now, int max, int perEndpoint, Duration lease, String worker) {
        // The planner cannot see the per-endpoint LIMIT and overestimates the rows by orders of magnitude, which
        // triggers JIT compilation: ~0.5 s per poll instead of ~10 ms (1000 endpoints, a 200k-row backlog).
        jdbc.prepareStatement("set local jit = off", ps -> ps.execute());
        return jdbc.prepareStatement(
                """
                with inflight as (
                  select endpoint_id, count(*) as n from webhook_delivery
                  where status = 'pending' and locked_until > ?
                  group by endpoint_id
                ), candidates as (
                  select c.id, c.next_attempt_at
                  from webhook_endpoint e
                  left join inflight i on i.endpoint_id = e.id
                  cross join lateral (
                    select x.id, x.next_attempt_at from webhook_delivery x
                    where x.endpoint_id = e.id and x.status = 'pending' and x.next_attempt_at <= ?
                      and (x.locked_until is null or x.locked_until <= ?)
                    order by x.next_attempt_at
                    limit greatest(? - coalesce(i.n, 0), 0)
                  ) c
                  where e.status = 'active'
                  order by c.next_attempt_at
                  limit ?
                ), picked as (
                  select d.id from webhook_delivery d join candidates c on c.id = d.id
                  -- re-checked on the newest row version once locked: a row another replica claimed since this
                  -- statement's snapshot drops out here, so no delivery is claimed twice
                  where d.status = 'pending' and (d.locked_until is null or d.locked_until <= ?)
                  for update of d skip locked
                )
                update webhook_delivery d set locked_until = ?, locked_by = ?
                from picked, webhook_event ev
                where d.id = picked.id and ev.id = d.event_id
                returning d.id, d.tenant_id, d.event_id, d.event_type, ev.created_at, ev.payload::text, d.endpoint_id,
                  d.attempt_count + 1
                """,
                ps -> {
                    Timestamp t = Timestamp.from(now);
                    ps.setTimestamp(1, t);
                    ps.setTimestamp(2, t);
                    ps.setTimestamp(3, t);
                    ps.setInt(4, perEndpoint);
                    ps.setInt(5, max);
                    ps.setTimestamp(6, t);
                    ps.setTimestamp(7, Timestamp.from(now.plus(lease)));
                    ps.setString(8, worker);
                    List<Claim> claims = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            claims.add(new Claim(
                                    rs.getObject(1, UUID.class),
                                    rs.getObject(2, UUID.class),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getTimestamp(5).toInstant(),
                                    rs.getString(6),
                                    rs.getObject(7, UUID.class),
                                    rs.getInt(8)));
                        }
                    }
                    return claims;
                });
    }

    /**
     * Records one attempt and the delivery's new state, if {@code worker} still holds the lease (a replica whose
     * lease expired must not overwrite the outcome of the one that took over). The attempt row is kept either way:
     * it happened.
     */
    @Transactional
    public boolean complete(
            Claim claim,
            String worker,
            Instant attemptedAt,
            WebhookSender.Result result,
            Map<String, String> requestHeaders,
            String status,
            @Nullable Instant nextAttemptAt,
            Instant now) {
        jdbc.prepareStatement(
                """
                insert into webhook_attempt (delivery_id, attempted_at, status_code, duration_ms, request_headers,
                  response_excerpt, error)
                values (?, ?, ?, ?, ?::jsonb, ?, ?)
                """,
                ps -> {
                    ps.setObject(1, claim.id());
                    ps.setTimestamp(2, Timestamp.from(attemptedAt));
                    ps.setObject(3, result.status());
                    ps.setInt(4, (int) Math.min(Integer.MAX_VALUE, result.durationMs()));
                    ps.setString(5, write(requestHeaders));
                    ps.setString(6, result.excerpt());
                    ps.setString(7, result.error());
                    return ps.executeUpdate();
                });
        return jdbc.prepareStatement(
                        """
                        update webhook_delivery set status = ?, attempt_count = attempt_count + 1, next_attempt_at = ?,
                          locked_until = null, locked_by = null, last_status_code = ?, last_error = ?, updated_at = ?
                        where id = ? and locked_by = ? and status = 'pending'
                        """,
                        ps -> {
                            ps.setString(1, status);
                            ps.setTimestamp(2, nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt));
                            ps.setObject(3, result.status());
                            ps.setString(4, result.error());
                            ps.setTimestamp(5, Timestamp.from(now));
                            ps.setObject(6, claim.id());
                            ps.setString(7, worker);
                            return ps.executeUpdate();
                        })
                > 0;
    }

    /** Gives a claim back without an attempt (e.g. the endpoint vanished or the worker is stopping). */
    @Transactional
    public void release(UUID deliveryId, String worker) {
        jdbc.prepareStatement(
                "update webhook_delivery set locked_until = null, locked_by = null where id = ? and locked_by = ?",
                ps -> {
                    ps.setObject(1, deliveryId);
                    ps.setString(2, worker);
                    return ps.executeUpdate();
                });
    }

    public record Filter(@Nullable String status, @Nullable String eventType) {}

    /** One endpoint's deliveries, newest first; up to {@code limit + 1} rows. */
    @Transactional
    public List<Delivery> list(UUID tenantId, UUID endpointId, Filter filter, @Nullable PageCursor after, int limit) {
        StringBuilder sql = new StringBuilder(
                "select " + COLUMNS + " from webhook_delivery d where d.tenant_id = ? and d.endpoint_id = ?");
        List<Object> args = new ArrayList<>(List.of(tenantId, endpointId));
        if (filter.status() != null) {
            sql.append(" and d.status = ?");
            args.add(filter.status());
        }
        if (filter.eventType() != null) {
            sql.append(" and d.event_type = ?");
            args.add(filter.eventType());
        }
        if (after != null) {
            sql.append(" and (d.created_at, d.id) < (?, ?)");
            args.add(Timestamp.from(after.at()));
            args.add(UUID.fromString(after.id()));
        }
        sql.append(" order by d.created_at desc, d.id desc limit ?");
        args.add(limit + 1);
        List<Delivery> rows = jdbc.prepareStatement(sql.toString(), ps -> {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            return deliveries(ps.executeQuery());
        });
        return withAttempts(rows);
    }

    @Transactional
    public Optional<Delivery> find(UUID tenantId, UUID id) {
        List<Delivery> rows = jdbc.prepareStatement(
                "select " + COLUMNS + " from webhook_delivery d where d.tenant_id = ? and d.id = ?", ps -> {
                    ps.setObject(1, tenantId);
                    ps.setObject(2, id);
                    return deliveries(ps.executeQuery());
                });
        return withAttempts(rows).stream().findFirst();
    }

    /** The stored event of a delivery: (type, created_at, payload text). */
    public record StoredEvent(String id, String type, Instant createdAt, String payload) {}

    @Transactional
    public Optional<StoredEvent> event(UUID tenantId, String eventId) {
        return jdbc.prepareStatement(
                "select id, type, created_at, payload::text from webhook_event where tenant_id = ? and id = ?", ps -> {
                    ps.setObject(1, tenantId);
                    ps.setString(2, eventId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next()
                                ? Optional.of(new StoredEvent(
                                        rs.getString(1),
                                        rs.getString(2),
                                        rs.getTimestamp(3).toInstant(),
                                        rs.getString(4)))
                                : Optional.<StoredEvent>empty();
                    }
                });
    }

    /**
     * New deliveries for every event this endpoint was sent (or was to be sent) since {@code since}: one per
     * event, the same event ids. Returns how many.
     */
    @Transactional
    public int replay(UUID tenantId, UUID endpointId, Instant since, Instant now, int max) {
        return jdbc.prepareStatement(
                """
                insert into webhook_delivery (id, tenant_id, event_id, endpoint_id, event_type, status, next_attempt_at,
                  created_at, updated_at)
                select gen_random_uuid(), ?, e.id, ?, e.type, 'pending', ?, ?, ?
                from webhook_event e
                where e.tenant_id = ? and e.created_at >= ?
                  and exists (select 1 from webhook_delivery d where d.event_id = e.id and d.endpoint_id = ?)
                order by e.created_at
                limit ?
                """,
                ps -> {
                    Timestamp t = Timestamp.from(now);
                    ps.setObject(1, tenantId);
                    ps.setObject(2, endpointId);
                    ps.setTimestamp(3, t);
                    ps.setTimestamp(4, t);
                    ps.setTimestamp(5, t);
                    ps.setObject(6, tenantId);
                    ps.setTimestamp(7, Timestamp.from(since));
                    ps.setObject(8, endpointId);
                    ps.setInt(9, max);
                    return ps.executeUpdate();
                });
    }

    /**
     * Deletes events created before {@code before} that have no pending delivery; their deliveries and attempts go
     * with them (cascade). Returns how many events.
     */
    @Transactional
    public int purgeBefore(Instant before) {
        return jdbc.prepareStatement(
                """
                delete from webhook_event e where e.created_at < ?
                  and not exists (select 1 from webhook_delivery d where d.event_id = e.id and d.status = 'pending')
                """,
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(before));
                    return ps.executeUpdate();
                });
    }

    private List<Delivery> withAttempts(List<Delivery> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<UUID, List<Delivery.Attempt>> byDelivery = new LinkedHashMap<>();
        rows.forEach(d -> byDelivery.put(d.id(), new ArrayList<>()));
        jdbc.prepareStatement(
                """
                select delivery_id, attempted_at, status_code, duration_ms, response_excerpt, error, request_headers::text
                from webhook_attempt where delivery_id = any (?) order by id
                """,
                ps -> {
                    ps.setArray(
                            1,
                            ps.getConnection()
                                    .createArrayOf("uuid", byDelivery.keySet().toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            byDelivery
                                    .get(rs.getObject(1, UUID.class))
                                    .add(new Delivery.Attempt(
                                            rs.getTimestamp(2).toInstant(),
                                            (Integer) rs.getObject(3),
                                            rs.getLong(4),
                                            rs.getString(5),
                                            rs.getString(6),
                                            read(rs.getString(7))));
                        }
                    }
                    return null;
                });
        List<Delivery> out = new ArrayList<>();
        for (Delivery d : rows) {
            out.add(d.withAttempts(List.copyOf(byDelivery.get(d.id()))));
        }
        return out;
    }

    private static List<Delivery> deliveries(ResultSet rs) throws SQLException {
        try (rs) {
            List<Delivery> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new Delivery(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5, UUID.class),
                        rs.getString(6),
                        rs.getInt(7),
                        EndpointRepository.instant(rs.getTimestamp(8)),
                        (Integer) rs.getObject(9),
                        rs.getString(10),
                        rs.getTimestamp(11).toInstant(),
                        rs.getTimestamp(12).toInstant(),
                        List.of(),
                        null));
            }
            return rows;
        }
    }

    private String write(Map<String, String> headers) {
        try {
            return json.writeValueAsString(headers);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> read(String text) {
        try {
            return json.readValue(text, HEADERS);
        } catch (Exception e) {
            return Map.of();
        }
    }
}

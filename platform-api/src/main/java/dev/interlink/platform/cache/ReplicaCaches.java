package dev.interlink.platform.cache;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-replica caches of the hot path (verified API clients, tenants, resolved accounts) and what keeps them true
 * across replicas: triggers (migration V0081) send {@code NOTIFY interlink_cache, '<kind>:<id>'} when a cached row
 * changes, on commit, whoever changed it (another replica, admin-ui, an operator's SQL); one dedicated connection per
 * replica listens and evicts. A change made here is also evicted at once by {@link #changed}, so a caller's next
 * request on the same replica never waits for the notification.
 *
 * <p>Caches are only trusted while the listener is connected: when its connection fails (or a ping every second
 * fails) every cache is emptied and bypassed until it listens again, because notifications sent meanwhile are lost.
 * Entries also expire after {@code interlink.caches.ttl} (default 60 s) as a last bound. A load that overlaps any
 * invalidation is not stored ({@link #generation()}), so a value read before a change can never outlive it.
 *
 * @see "docs/decisions/0080-hot-path-caches-and-constant-cost-budgets.md"
 */
@Context
public class ReplicaCaches {
    public static final String CHANNEL = "interlink_cache";
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaCaches.class);

    private final String url;
    private final String user;
    private final String password;
    private final boolean enabled;
    private final Duration ttl;
    private final AtomicLong generation = new AtomicLong();
    private final Map<String, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();
    private final List<ReplicaCache<?, ?>> caches = new CopyOnWriteArrayList<>();
    private final Thread listener;
    private volatile boolean listening;
    private volatile boolean running = true;

    public ReplicaCaches(
            @Value("${datasources.default.url}") String url,
            @Value("${datasources.default.username:}") String user,
            @Value("${datasources.default.password:}") String password,
            @Value("${interlink.caches.enabled:true}") boolean enabled,
            @Value("${interlink.caches.ttl:60s}") Duration ttl) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.enabled = enabled;
        this.ttl = ttl;
        this.listener = new Thread(this::listen, "interlink-cache-listener");
        this.listener.setDaemon(true);
        if (enabled) {
            listener.start();
        }
    }

    /** A bounded cache whose entries live at most the configured TTL; empty and bypassed while not listening. */
    public <K, V> ReplicaCache<K, V> cache(String name, long maximumSize) {
        ReplicaCache<K, V> cache = new ReplicaCache<>(
                name,
                this,
                Caffeine.newBuilder()
                        .maximumSize(maximumSize)
                        .expireAfterWrite(ttl)
                        .build());
        caches.add(cache);
        return cache;
    }

    /** {@code onChange} runs with the id of every change of {@code kind} (notified, or made here). */
    public void subscribe(String kind, Consumer<String> onChange) {
        subscribers.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(onChange);
    }

    /** A change made by this replica: evicted now (the trigger's notification will evict it again on commit). */
    public void changed(String kind, Object id) {
        dispatch(kind + ":" + id);
    }

    /** True while the caches may be used. */
    public boolean listening() {
        return listening;
    }

    /** Moves on every invalidation; a load that saw another value started before a change and is not stored. */
    long generation() {
        return generation.get();
    }

    private void dispatch(String payload) {
        int colon = payload.indexOf(':');
        if (colon <= 0) return;
        generation.incrementAndGet();
        List<Consumer<String>> targets = subscribers.get(payload.substring(0, colon));
        if (targets != null) {
            String id = payload.substring(colon + 1);
            targets.forEach(t -> t.accept(id));
        }
    }

    private void forgetEverything() {
        generation.incrementAndGet();
        caches.forEach(ReplicaCache::clear);
    }

    private void listen() {
        long backoff = 200;
        while (running) {
            Properties props = new Properties();
            if (user != null && !user.isEmpty()) props.setProperty("user", user);
            if (password != null && !password.isEmpty()) props.setProperty("password", password);
            // a silent network cut must end in an error the loop sees, not a read that waits forever
            props.setProperty("socketTimeout", "3");
            props.setProperty("connectTimeout", "3");
            props.setProperty("ApplicationName", "interlink-cache-listener");
            try (Connection c = DriverManager.getConnection(url, props);
                    Statement st = c.createStatement()) {
                st.execute("LISTEN " + CHANNEL);
                PGConnection pg = c.unwrap(PGConnection.class);
                forgetEverything(); // whatever was cached before may have missed notifications
                listening = true;
                backoff = 200;
                long lastPing = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(250);
                    if (notifications != null) {
                        for (PGNotification n : notifications) dispatch(n.getParameter());
                    }
                    if (System.nanoTime() - lastPing > 1_000_000_000L) {
                        st.execute("SELECT 1");
                        lastPing = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (listening) {
                    LOG.warn(
                            "Cache listener lost its database connection; caches bypassed until it is back: {}",
                            e.getMessage());
                }
            } finally {
                listening = false;
                forgetEverything();
            }
            sleepQuietly(backoff);
            backoff = Math.min(2_000, backoff * 2);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        listening = false;
        listener.interrupt();
    }

    boolean enabled() {
        return enabled;
    }
}

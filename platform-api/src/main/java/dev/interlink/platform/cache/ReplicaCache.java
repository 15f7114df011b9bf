package dev.interlink.platform.cache;

import com.github.benmanes.caffeine.cache.Cache;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One cache of {@link ReplicaCaches}: a Caffeine cache used only while the replica listens for invalidations, and
 * never filled by a load that overlapped an invalidation.
 */
public final class ReplicaCache<K, V> {
    private final String name;
    private final ReplicaCaches owner;
    private final Cache<K, V> cache;

    ReplicaCache(String name, ReplicaCaches owner, Cache<K, V> cache) {
        this.name = name;
        this.owner = owner;
        this.cache = cache;
    }

    /** The cached value, or {@code loader}'s (stored when no invalidation happened meanwhile). Null is not stored. */
    public V get(K key, Function<K, V> loader) {
        V value = getIfPresent(key);
        if (value != null) {
            return value;
        }
        long before = generation();
        value = loader.apply(key);
        putIfUnchanged(key, value, before);
        return value;
    }

    /** The cached value, or null (also while the replica does not listen for invalidations). */
    public V getIfPresent(K key) {
        return owner.listening() ? cache.getIfPresent(key) : null;
    }

    /** Read before loading a value for {@link #putIfUnchanged}. */
    public long generation() {
        return owner.generation();
    }

    /** Stores {@code value} unless an invalidation happened since {@code generation} was read (or it is null). */
    public void putIfUnchanged(K key, V value, long generation) {
        if (value != null && owner.listening() && owner.generation() == generation) {
            cache.put(key, value);
        }
    }

    public void invalidate(K key) {
        cache.invalidate(key);
    }

    /** Evicts every entry whose value matches (a tenant's clients when the tenant changes). */
    public void invalidateIf(Predicate<V> matches) {
        cache.asMap().values().removeIf(matches);
    }

    void clear() {
        cache.invalidateAll();
    }

    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    @Override
    public String toString() {
        return "ReplicaCache[" + name + "]";
    }
}

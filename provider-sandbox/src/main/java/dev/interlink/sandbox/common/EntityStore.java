package dev.interlink.sandbox.common;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * Records of one kind for one account. Seeded records are never stored: record {@code i} (0-based) has id
 * {@code baseId + i + 1} and is generated on demand from (seed, i). Only overrides (updated or created records)
 * and deletions live in memory, so a 100,000-record account costs a few bytes until it is written to.
 * Iteration order is id order, i.e. oldest first (CATS lists are oldest-first, docs/providers/cats.md §2).
 */
public final class EntityStore {
    private final long baseId;
    private final int seeded;
    private final IntFunction<Map<String, Object>> generator;
    private final ConcurrentSkipListMap<Long, Map<String, Object>> overrides = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListSet<Long> deleted = new ConcurrentSkipListSet<>();
    private final AtomicLong nextId;
    private final AtomicLong version = new AtomicLong();

    public EntityStore(long baseId, int seeded, IntFunction<Map<String, Object>> generator) {
        this.baseId = baseId;
        this.seeded = seeded;
        this.generator = generator;
        this.nextId = new AtomicLong(baseId + seeded + 1);
    }

    public int seededCount() {
        return seeded;
    }

    public long idOf(int index) {
        return baseId + index + 1;
    }

    /** Seeded index for an id, or -1 when the id is not a seeded one. */
    public int indexOf(long id) {
        long i = id - baseId - 1;
        return i >= 0 && i < seeded ? (int) i : -1;
    }

    public long version() {
        return version.get();
    }

    public Map<String, Object> get(long id) {
        if (deleted.contains(id)) return null;
        Map<String, Object> o = overrides.get(id);
        if (o != null) return o;
        int i = indexOf(id);
        return i < 0 ? null : generator.apply(i);
    }

    public boolean exists(long id) {
        if (deleted.contains(id)) return false;
        return overrides.containsKey(id) || indexOf(id) >= 0;
    }

    /** Stores a new record; the generator of the caller fills "id" before calling if it needs it. */
    public long create(Map<String, Object> record) {
        long id = nextId.getAndIncrement();
        record.put("id", id);
        overrides.put(id, record);
        version.incrementAndGet();
        return id;
    }

    public long reserveId() {
        return nextId.getAndIncrement();
    }

    public void putWithId(long id, Map<String, Object> record) {
        overrides.put(id, record);
        version.incrementAndGet();
    }

    /** Replaces a record (caller passes the full, modified copy). */
    public void put(long id, Map<String, Object> record) {
        if (!exists(id)) throw new ApiException(404, "Not found.");
        overrides.put(id, record);
        version.incrementAndGet();
    }

    /** A mutable copy for read-modify-write. */
    public Map<String, Object> copy(long id) {
        Map<String, Object> r = get(id);
        return r == null ? null : deepCopy(r);
    }

    public boolean delete(long id) {
        if (!exists(id)) return false;
        overrides.remove(id);
        deleted.add(id);
        version.incrementAndGet();
        return true;
    }

    public int total() {
        int deletedSeeded =
                deleted.subSet(baseId + 1, true, baseId + seeded, true).size();
        int created = overrides.tailMap(baseId + seeded, false).size();
        return seeded - deletedSeeded + created;
    }

    /** Page of live records at [offset, offset+limit) in id order, without scanning the seeded range. */
    public List<Map<String, Object>> page(int offset, int limit) {
        List<Map<String, Object>> out = new ArrayList<>(Math.max(0, Math.min(limit, 100)));
        NavigableSet<Long> delSeeded = deleted.subSet(baseId + 1, true, baseId + seeded, true);
        int seededAlive = seeded - delSeeded.size();
        int k = offset;
        if (k < seededAlive) {
            int idx = seededIndexAt(k, delSeeded);
            while (out.size() < limit && idx < seeded) {
                long id = idOf(idx);
                if (!delSeeded.contains(id)) out.add(get(id));
                idx++;
            }
            k = seededAlive;
        }
        if (out.size() < limit) {
            int skip = Math.max(0, offset - seededAlive);
            Iterator<Map<String, Object>> it =
                    overrides.tailMap(baseId + seeded, false).values().iterator();
            while (it.hasNext() && skip > 0) {
                it.next();
                skip--;
            }
            while (it.hasNext() && out.size() < limit) out.add(it.next());
        }
        return out;
    }

    /** Up to {@code limit} live records with id greater than {@code afterId}, id order (cursor paging). */
    public List<Map<String, Object>> pageAfter(long afterId, int limit) {
        List<Map<String, Object>> out = new ArrayList<>(Math.max(0, Math.min(limit, 100)));
        long start = Math.max(afterId + 1, baseId + 1);
        for (long id = start; id <= baseId + seeded && out.size() < limit; id++) {
            Map<String, Object> r = get(id);
            if (r != null) out.add(r);
        }
        if (out.size() < limit) {
            for (Map<String, Object> r :
                    overrides.tailMap(Math.max(afterId, baseId + seeded), false).values()) {
                if (out.size() >= limit) break;
                out.add(r);
            }
        }
        return out;
    }

    /** k-th (0-based) non-deleted seeded index. */
    private int seededIndexAt(int k, NavigableSet<Long> delSeeded) {
        if (delSeeded.isEmpty()) return k;
        int idx = k;
        while (true) {
            int d = delSeeded.headSet(idOf(idx), true).size();
            if (k + d == idx) return idx;
            idx = k + d;
        }
    }

    /**
     * All live records matching {@code pred}, id order. {@code seededHint} (may be null) rejects unmodified seeded
     * indexes cheaply before generating them, so sub-collections (a job's pipelines) stay fast on big accounts.
     */
    public List<Map<String, Object>> filter(IntPredicate seededHint, Predicate<Map<String, Object>> pred) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < seeded; i++) {
            long id = idOf(i);
            Map<String, Object> o = overrides.get(id);
            if (o == null) {
                if (seededHint != null && !seededHint.test(i)) continue;
                if (deleted.contains(id)) continue;
                o = generator.apply(i);
            }
            if (pred.test(o)) out.add(o);
        }
        for (Map<String, Object> o : overrides.tailMap(baseId + seeded, false).values()) {
            if (pred.test(o)) out.add(o);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> c = new LinkedHashMap<>();
        m.forEach((k, v) -> c.put(k, copyValue(v)));
        return c;
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object v) {
        if (v instanceof Map<?, ?> mm) return deepCopy((Map<String, Object>) mm);
        if (v instanceof List<?> l) {
            List<Object> c = new ArrayList<>(l.size());
            for (Object x : l) c.add(copyValue(x));
            return c;
        }
        return v;
    }
}

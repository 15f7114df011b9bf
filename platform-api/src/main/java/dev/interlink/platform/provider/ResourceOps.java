package dev.interlink.platform.provider;

import dev.interlink.model.ats.UnifiedRecord;
import dev.interlink.platform.provider.http.RawResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a connector does for one unified resource: its list and get operations, the filters it supports (native or
 * emulated), the page size it can fetch, and the fields it fills. The unified routes and the capabilities endpoint both
 * read this one object, so capabilities cannot drift from behaviour.
 */
public final class ResourceOps<T extends UnifiedRecord> {
    @FunctionalInterface
    public interface Lister<T> {
        Page<T> list(ConnectorContext ctx, ListRequest request);
    }

    @FunctionalInterface
    public interface Getter<T> {
        /** The record, or a {@code REMOTE.NOT_FOUND} problem. */
        T get(ConnectorContext ctx, RemoteKey key);
    }

    @FunctionalInterface
    public interface ContentFetcher {
        /** The file bytes as a stream (status 2xx), with the provider's content type. */
        RawResponse content(ConnectorContext ctx, RemoteKey key);
    }

    private final AtsResource resource;
    private final Class<T> type;
    private final int keyArity;
    private final Lister<T> list;
    private final Getter<T> get;
    private final ContentFetcher content;
    private final Map<String, FilterMode> filters;
    private final Set<String> requiredFilters;
    private final Set<String> unsupportedFields;
    private final int maxPageSize;
    private final boolean partialList;
    private final Set<String> getOnlyFields;

    private ResourceOps(Builder<T> b) {
        this.resource = b.resource;
        this.type = b.type;
        this.keyArity = b.keyArity;
        this.list = b.list;
        this.get = b.get;
        this.content = b.content;
        this.filters = Collections.unmodifiableMap(new LinkedHashMap<>(b.filters));
        this.requiredFilters = Collections.unmodifiableSet(new LinkedHashSet<>(b.required));
        this.unsupportedFields = Set.copyOf(b.unsupportedFields);
        this.maxPageSize = b.maxPageSize;
        this.partialList = b.partialList;
        this.getOnlyFields = Set.copyOf(b.getOnlyFields);
    }

    public static <T extends UnifiedRecord> Builder<T> of(AtsResource resource, Class<T> type) {
        return new Builder<>(resource, type);
    }

    public AtsResource resource() {
        return resource;
    }

    public Class<T> type() {
        return type;
    }

    public int keyArity() {
        return keyArity;
    }

    public Lister<T> list() {
        return list;
    }

    public Getter<T> get() {
        return get;
    }

    public ContentFetcher content() {
        return content;
    }

    public Map<String, FilterMode> filters() {
        return filters;
    }

    public Set<String> requiredFilters() {
        return requiredFilters;
    }

    public int maxPageSize() {
        return maxPageSize;
    }

    public boolean partialList() {
        return partialList;
    }

    /**
     * Unified fields that {@code get} fills and {@code list} leaves empty (declared with {@link
     * Builder#partialList(String...)}). Change detection compares records without them, so the same record read by a
     * list and by a get is the same record.
     */
    public Set<String> getOnlyFields() {
        return getOnlyFields;
    }

    public List<String> operations() {
        List<String> ops = new ArrayList<>();
        if (list != null) ops.add("list");
        if (get != null) ops.add("get");
        if (content != null) ops.add("content");
        return ops;
    }

    /** The unified fields this connector fills, from the record type itself minus what it declared unsupported. */
    public List<String> fields() {
        List<String> out = new ArrayList<>();
        for (var c : type.getRecordComponents()) {
            String name = snake(c.getName());
            if (!unsupportedFields.contains(name)) out.add(name);
        }
        return out;
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    public static final class Builder<T extends UnifiedRecord> {
        private final AtsResource resource;
        private final Class<T> type;
        private int keyArity = 1;
        private Lister<T> list;
        private Getter<T> get;
        private ContentFetcher content;
        private final Map<String, FilterMode> filters = new LinkedHashMap<>();
        private final Set<String> required = new LinkedHashSet<>();
        private final Set<String> unsupportedFields = new LinkedHashSet<>();
        private int maxPageSize = 100;
        private boolean partialList;
        private final Set<String> getOnlyFields = new LinkedHashSet<>();

        private Builder(AtsResource resource, Class<T> type) {
            this.resource = resource;
            this.type = type;
        }

        public Builder<T> keyArity(int arity) {
            this.keyArity = arity;
            return this;
        }

        public Builder<T> list(Lister<T> list) {
            this.list = list;
            return this;
        }

        public Builder<T> get(Getter<T> get) {
            this.get = get;
            return this;
        }

        public Builder<T> content(ContentFetcher content) {
            this.content = content;
            return this;
        }

        public Builder<T> nativeFilters(String... names) {
            for (String n : names) filters.put(n, FilterMode.NATIVE);
            return this;
        }

        public Builder<T> emulatedFilters(String... names) {
            for (String n : names) filters.put(n, FilterMode.EMULATED);
            return this;
        }

        /** Filters without which the provider cannot list at all (CATS attachments need a candidate). */
        public Builder<T> requiredFilters(String... names) {
            required.addAll(List.of(names));
            return this;
        }

        public Builder<T> unsupportedFields(String... names) {
            unsupportedFields.addAll(List.of(names));
            return this;
        }

        public Builder<T> maxPageSize(int size) {
            this.maxPageSize = size;
            return this;
        }

        /** The provider's list returns fewer fields than its get (reported as is_partial_response). */
        public Builder<T> partialList() {
            this.partialList = true;
            return this;
        }

        /** A partial list whose records lack exactly these unified fields, which {@code get} fills. */
        public Builder<T> partialList(String... getOnlyFields) {
            this.getOnlyFields.addAll(List.of(getOnlyFields));
            return partialList();
        }

        public ResourceOps<T> build() {
            return new ResourceOps<>(this);
        }
    }
}

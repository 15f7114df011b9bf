package dev.interlink.platform.vault;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One plaintext credential set (name → value, e.g. {@code api_key}), held only in memory for the duration
 * of a call. It cannot leak by accident:
 *
 * <ul>
 *   <li>{@link #toString()} masks every value: {@code Credentials[api_key=***]}, so it is safe in log lines
 *       and exception messages;
 *   <li>Jackson refuses to serialize it (the serializer throws), so no API response, log encoder or
 *       webhook payload can carry it; the vault encodes it itself;
 *   <li>it is not a record, so there is no generated {@code toString}/accessor exposing the map.
 * </ul>
 *
 * Values are read only by name ({@link #get(String)}), by the code that builds the provider request.
 */
@JsonSerialize(using = Credentials.Refuse.class)
public final class Credentials {
    private final Map<String, String> values;

    private Credentials(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** A copy of {@code values}; null names or values are refused. */
    public static Credentials of(Map<String, String> values) {
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "name"), Objects.requireNonNull(v, "value")));
        return new Credentials(copy);
    }

    /** The value of one field, or null when absent. */
    public String get(String name) {
        return values.get(name);
    }

    public Optional<String> find(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public Set<String> names() {
        return values.keySet();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** This set with {@code defaults} filled in for absent names. */
    public Credentials withDefaults(Map<String, String> defaults) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        defaults.forEach(merged::putIfAbsent);
        return new Credentials(merged);
    }

    /** For the vault's own encoding only (package-private). */
    Map<String, String> unmaskedCopy() {
        return new LinkedHashMap<>(values);
    }

    /** Whether {@code value} is one of the values (for tests and redaction checks). */
    public boolean containsValue(String value) {
        return values.containsValue(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials c && c.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.keySet().stream().map(k -> k + "=***").collect(Collectors.joining(", ", "Credentials[", "]"));
    }

    /** Fails any attempt to write credentials as JSON. */
    static final class Refuse extends JsonSerializer<Credentials> {
        @Override
        public void serialize(Credentials value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            throw JsonMappingException.from(gen, "Credentials are never serialized");
        }
    }
}

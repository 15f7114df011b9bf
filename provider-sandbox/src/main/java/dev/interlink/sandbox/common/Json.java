package dev.interlink.sandbox.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** One shared, thread-safe mapper: plain maps/lists in, bytes out (no reflection-heavy beans on the hot path). */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String string(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a JSON object; null/empty body gives an empty map; a non-object gives 400. */
    public static Map<String, Object> object(byte[] body) {
        if (body == null || body.length == 0) return new LinkedHashMap<>();
        try {
            Object v = MAPPER.readValue(body, Object.class);
            if (v instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> r = (Map<String, Object>) m;
                return r;
            }
            throw new ApiException(400, "Request body must be a JSON object.");
        } catch (IOException e) {
            throw new ApiException(400, "Malformed JSON body.");
        }
    }

    public static Object any(byte[] body) {
        try {
            return MAPPER.readValue(body, new TypeReference<Object>() {});
        } catch (IOException e) {
            throw new ApiException(400, "Malformed JSON body.");
        }
    }
}

package dev.interlink.platform.ats.write;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlink.platform.common.FieldError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The JSON attachment upload {@code {file_name, content_type, type, data}} read as a stream: the small fields become a
 * tree, {@code data} is decoded from base64 straight out of the request bytes into the file's bytes (no base64 string,
 * no whitespace-stripped copy), refused as soon as it passes the attachment limit. Whitespace is allowed between
 * base64 quads (MIME line breaks), padding is optional.
 */
final class Base64Upload {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();
    private static final Base64Variant BASE64 =
            Base64Variants.MIME_NO_LINEFEEDS.withReadPadding(Base64Variant.PaddingReadBehaviour.PADDING_ALLOWED);

    /**
     * @param fields every field but {@code data} (null: the body is not a JSON object)
     * @param data the decoded file (null: missing or invalid, with its error listed)
     * @param tooLarge the size that passed the limit, or -1
     */
    record Parsed(ObjectNode fields, byte[] data, long tooLarge) {}

    private Base64Upload() {}

    static Parsed parse(byte[] body, long maxBytes, List<FieldError> errors) {
        if (body == null || body.length == 0) return new Parsed(null, null, -1);
        ObjectNode fields = JSON.createObjectNode();
        byte[] data = null;
        boolean sawData = false;
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return new Parsed(null, null, -1);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("data")) {
                    sawData = true;
                    if (value != JsonToken.VALUE_STRING) {
                        p.skipChildren();
                        continue;
                    }
                    Capped out = new Capped(maxBytes, (int) Math.min(maxBytes + 1, (long) body.length * 3 / 4 + 3));
                    try {
                        p.readBinaryValue(BASE64, out);
                        data = out.bytes();
                    } catch (UncheckedExceeded e) {
                        return new Parsed(fields, null, out.size());
                    } catch (JsonProcessingException | IllegalArgumentException e) {
                        // the parser's message may quote the body: not echoed
                        errors.add(new FieldError("/data", "is not base64"));
                        return new Parsed(fields, null, -1);
                    }
                } else {
                    JsonNode v = p.readValueAsTree();
                    fields.set(name, v);
                }
            }
        } catch (JsonProcessingException e) {
            return new Parsed(null, null, -1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!sawData || data == null) {
            errors.add(new FieldError("/data", "is required (the file, base64)"));
        }
        return new Parsed(fields, data, -1);
    }

    /** SHA-256 hex of the file's standard base64 (what the idempotency fingerprint always hashed), without the string. */
    static String sha256OfBase64(byte[] data) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (OutputStream b64 =
                    Base64.getEncoder().wrap(new DigestOutputStream(OutputStream.nullOutputStream(), sha))) {
                b64.write(data);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The decoded bytes, refused past the limit; the buffer is handed out without a copy when it is exactly full. */
    static final class Capped extends ByteArrayOutputStream {
        private final long max;

        Capped(long max, int expected) {
            super(Math.max(32, expected));
            this.max = max;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (count + (long) len > max) {
                count += len;
                throw new UncheckedExceeded();
            }
            super.write(b, off, len);
        }

        @Override
        public synchronized void write(int b) {
            if (count + 1L > max) {
                count++;
                throw new UncheckedExceeded();
            }
            super.write(b);
        }

        byte[] bytes() {
            return count == buf.length ? buf : toByteArray();
        }
    }

    static final class UncheckedExceeded extends RuntimeException {
        UncheckedExceeded() {
            super("over the limit", null, false, false);
        }
    }
}

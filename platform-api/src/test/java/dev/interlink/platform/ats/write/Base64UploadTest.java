package dev.interlink.platform.ats.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.platform.common.FieldError;
import dev.interlink.platform.common.Ids;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The JSON attachment body decoded as a stream ({@link Base64Upload}), compared with the tree-and-string way. */
class Base64UploadTest {
    static final int MB = 1024 * 1024;

    static byte[] body(byte[] file) {
        String b64 = Base64.getEncoder().encodeToString(file);
        return ("{\"file_name\":\"cv.pdf\",\"content_type\":\"application/pdf\",\"type\":\"RESUME\",\"data\":\"" + b64
                        + "\"}")
                .getBytes(StandardCharsets.US_ASCII);
    }

    static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** What the route did before: a JsonNode tree, the whitespace-stripped string, the decode, the base64 hash. */
    static byte[] before(byte[] body) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        mapper.getFactory()
                .setStreamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                        .maxStringLength(Integer.MAX_VALUE)
                        .build());
        JsonNode tree = mapper.readTree(body);
        byte[] data = Base64.getDecoder().decode(tree.get("data").asText().replaceAll("\\s", ""));
        Ids.sha256Hex(Base64.getEncoder().encodeToString(data));
        return data;
    }

    static byte[] after(byte[] body) {
        List<FieldError> errors = new ArrayList<>();
        Base64Upload.Parsed parsed = Base64Upload.parse(body, 25L * MB, errors);
        Base64Upload.sha256OfBase64(parsed.data());
        return parsed.data();
    }

    @Test
    @DisplayName("a 20 MB base64 upload is decoded without the extra base64 string copies")
    void a_20_mb_upload_allocates_far_less() throws Exception {
        byte[] file = new byte[20 * MB];
        new Random(7).nextBytes(file);
        byte[] body = body(file);
        before(body); // warm both paths up
        after(body);
        long a0 = allocated();
        byte[] old = before(body);
        long oldBytes = allocated() - a0;
        long a1 = allocated();
        byte[] now = after(body);
        long newBytes = allocated() - a1;
        assertThat(now).isEqualTo(old).isEqualTo(file);
        System.out.printf(
                "BENCH base64 upload 20 MB (body %d MB): allocated before %d MB, after %d MB%n",
                body.length / MB, oldBytes / MB, newBytes / MB);
        assertThat(newBytes).isLessThan(oldBytes / 3);
        assertThat(newBytes).isLessThan(45L * MB); // the decoded file, plus one copy trimming it to size
    }

    @Test
    @DisplayName("the streamed fingerprint of an upload is the one the tree-based route computed")
    void the_fingerprint_is_unchanged() {
        byte[] file = "hello world".getBytes(StandardCharsets.UTF_8);
        assertThat(Base64Upload.sha256OfBase64(file))
                .isEqualTo(Ids.sha256Hex(Base64.getEncoder().encodeToString(file)));
    }

    @Test
    @DisplayName("a body whose base64 decodes past the attachment limit is refused while decoding")
    void an_oversized_file_is_refused_while_decoding() {
        List<FieldError> errors = new ArrayList<>();
        Base64Upload.Parsed parsed = Base64Upload.parse(body(new byte[2 * MB]), MB, errors);
        assertThat(parsed.tooLarge()).isGreaterThan(MB);
        assertThat(parsed.data()).isNull();
    }

    @Test
    @DisplayName("data that is not base64 is listed as /data without echoing the body")
    void invalid_base64_is_a_field_error() {
        List<FieldError> errors = new ArrayList<>();
        Base64Upload.parse("{\"file_name\":\"a\",\"type\":\"OTHER\",\"data\":\"@@@@secret\"}".getBytes(), MB, errors);
        assertThat(errors).extracting(FieldError::pointer).containsExactly("/data");
        assertThat(errors.toString()).doesNotContain("secret");
    }
}

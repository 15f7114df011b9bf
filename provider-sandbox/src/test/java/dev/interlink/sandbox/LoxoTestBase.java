package dev.interlink.sandbox;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

abstract class LoxoTestBase {
    static Sandbox sb;

    @BeforeAll
    static void startSandbox() {
        sb = Sandbox.start(0);
    }

    @AfterAll
    static void stopSandbox() {
        sb.close();
    }

    Sandbox.AccountInfo newAccount(int candidates) {
        Sandbox.AccountInfo a = sb.createAccount("loxo", 42, candidates);
        sb.setTokenBucket(a.accountId(), 10_000, 10_000);
        return a;
    }

    static Http.Res get(Sandbox.AccountInfo a, String path) {
        return Http.send("GET", a.baseUrl() + path, null, "Authorization", "Bearer " + a.apiKey());
    }

    static Http.Res form(Sandbox.AccountInfo a, String method, String path, String urlencoded) {
        return Http.send(
                method,
                a.baseUrl() + path,
                urlencoded.getBytes(StandardCharsets.UTF_8),
                "Authorization",
                "Bearer " + a.apiKey(),
                "Content-Type",
                "application/x-www-form-urlencoded");
    }

    static Http.Res json(Sandbox.AccountInfo a, String method, String path, Object body) {
        return Http.send(
                method,
                a.baseUrl() + path,
                Http.json(body),
                "Authorization",
                "Bearer " + a.apiKey(),
                "Content-Type",
                "application/json");
    }

    /** Builds a multipart body: pairs of (name, value); a value of byte[] becomes a file part named cv.pdf. */
    static Http.Res multipart(Sandbox.AccountInfo a, String method, String path, Object... pairs) {
        String boundary = "----sandboxtest";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            for (int i = 0; i + 1 < pairs.length; i += 2) {
                out.write(("--" + boundary + "\r\n").getBytes());
                if (pairs[i + 1] instanceof byte[] b) {
                    out.write(("Content-Disposition: form-data; name=\"" + pairs[i] + "\"; filename=\"cv.pdf\"\r\n"
                                    + "Content-Type: application/pdf\r\n\r\n")
                            .getBytes());
                    out.write(b);
                } else {
                    out.write(("Content-Disposition: form-data; name=\"" + pairs[i] + "\"\r\n\r\n" + pairs[i + 1])
                            .getBytes(StandardCharsets.UTF_8));
                }
                out.write("\r\n".getBytes());
            }
            out.write(("--" + boundary + "--\r\n").getBytes());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return Http.send(
                method,
                a.baseUrl() + path,
                out.toByteArray(),
                "Authorization",
                "Bearer " + a.apiKey(),
                "Content-Type",
                "multipart/form-data; boundary=" + boundary);
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

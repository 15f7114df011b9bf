package dev.interlink.sandbox.common;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response to write; special kinds model the network faults (hang, reset). */
public final class Resp {
    public enum Kind {
        NORMAL,
        HANG,
        RESET
    }

    public static final String JSON = "application/json; charset=utf-8";

    public int status;
    public final Map<String, String> headers = new LinkedHashMap<>();
    public byte[] body = new byte[0];
    public Kind kind = Kind.NORMAL;

    public Resp(int status) {
        this.status = status;
    }

    public static Resp json(int status, Object value) {
        Resp r = new Resp(status);
        r.body = value instanceof byte[] b ? b : Json.bytes(value);
        r.headers.put("Content-Type", JSON);
        return r;
    }

    public static Resp empty(int status) {
        return new Resp(status);
    }

    public static Resp bytes(int status, String contentType, byte[] body) {
        Resp r = new Resp(status);
        r.body = body;
        r.headers.put("Content-Type", contentType);
        return r;
    }

    /** Real gateways answer 5xx with HTML pages, not JSON (docs/providers/cats.md §6, docs/providers/loxo.md §7). */
    public static Resp html(int status, String title) {
        String page = "<!DOCTYPE html><html><head><title>" + status + " " + title + "</title></head><body><h1>" + title
                + "</h1></body></html>";
        return bytes(status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    public Resp header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public static Resp special(Kind kind) {
        Resp r = new Resp(0);
        r.kind = kind;
        return r;
    }
}

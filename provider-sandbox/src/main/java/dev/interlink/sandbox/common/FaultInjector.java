package dev.interlink.sandbox.common;

import java.util.Locale;

/** Applies the account-wide fault or the per-request {@code X-Sandbox-Fault} header. */
public final class FaultInjector {
    public static final String HEADER = "X-Sandbox-Fault";

    private FaultInjector() {}

    /** Provider-specific shape of a forced 429. */
    public interface TooMany {
        Resp build(long retryAfterSeconds);
    }

    /**
     * @return a response to send instead of serving the request, or null to continue (after any added latency).
     */
    public static Resp apply(Account acc, Req req, TooMany tooMany) {
        String h = req.header.apply(HEADER);
        if (h != null && !h.isBlank()) {
            // "latency=250" or "latency:250" or a bare type
            String[] parts = h.trim().toLowerCase(Locale.ROOT).split("[=:;]", 2);
            long latency = parts.length > 1 ? parseLong(parts[1], 0) : 500;
            Resp r = render(parts[0], latency, tooMany);
            if (r != null || parts[0].equals("latency")) return r;
        }
        Fault f = acc == null ? null : acc.fault;
        if (f != null && f.fire()) return render(f.type, f.latencyMs, tooMany);
        return null;
    }

    private static Resp render(String type, long latencyMs, TooMany tooMany) {
        switch (type) {
            case "429":
                return tooMany.build(1);
            case "500":
            case "html500":
                return Resp.html(500, "Internal Server Error");
            case "502":
                return Resp.html(502, "Bad Gateway");
            case "503":
                return Resp.html(503, "Service Unavailable");
            case "hang":
                return Resp.special(Resp.Kind.HANG);
            case "reset":
                return Resp.special(Resp.Kind.RESET);
            case "latency":
                sleep(latencyMs);
                return null;
            default:
                if (Fault.isStatus(type)) {
                    int status = Integer.parseInt(type.substring("status-".length()));
                    return Resp.bytes(
                            status,
                            "text/plain; charset=utf-8",
                            ("sandbox answered " + status).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                return null;
        }
    }

    private static void sleep(long ms) {
        if (ms <= 0) return;
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long parseLong(String s, long d) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return d;
        }
    }
}

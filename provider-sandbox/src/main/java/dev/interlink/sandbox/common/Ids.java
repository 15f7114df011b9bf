package dev.interlink.sandbox.common;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

public final class Ids {
    private static final SecureRandom SECURE = new SecureRandom();

    private Ids() {}

    /** Random v4 UUID without SecureRandom contention (request ids are not secrets). */
    public static String requestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }

    public static String secretHex(int bytes) {
        byte[] b = new byte[bytes];
        SECURE.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}

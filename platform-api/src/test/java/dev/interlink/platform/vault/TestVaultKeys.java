package dev.interlink.platform.vault;

import java.util.Map;

/**
 * A vault keyset per test JVM, generated (no key material is committed). Test classes put
 * {@link #properties()} into their configuration; without it the test environment falls back to an
 * ephemeral keyset.
 */
public final class TestVaultKeys {
    public static final VaultKeys KEYS = VaultKeys.generate();
    public static final String KEYSET = KEYS.toJson();

    private TestVaultKeys() {}

    public static Map<String, String> properties() {
        return Map.of("interlink.vault.keyset", KEYSET);
    }
}

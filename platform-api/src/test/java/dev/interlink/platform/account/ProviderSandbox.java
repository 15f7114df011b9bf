package dev.interlink.platform.account;

import dev.interlink.platform.vault.TestVaultKeys;
import dev.interlink.sandbox.Sandbox;
import java.util.HashMap;
import java.util.Map;

/**
 * One in-process provider-sandbox per test JVM, and the configuration that points the catalog at it (CATS,
 * Loxo and Lever base URL overrides, short timeouts so timeout tests are quick).
 */
public final class ProviderSandbox {
    private static Sandbox sandbox;

    private ProviderSandbox() {}

    public static synchronized Sandbox get() {
        if (sandbox == null) {
            sandbox = Sandbox.start(0);
            Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
        }
        return sandbox;
    }

    /** Catalog overrides + the test vault keyset. */
    public static Map<String, String> properties() {
        Map<String, String> props = new HashMap<>(TestVaultKeys.properties());
        props.put("interlink.provider.cats.base-url", get().baseUrl() + "/cats/v3");
        props.put("interlink.provider.loxo.base-url", get().baseUrl() + "/loxo");
        props.put("interlink.provider.lever.base-url", get().baseUrl() + "/lever/v1");
        props.put("interlink.provider.cats.read-timeout", "2s");
        props.put("interlink.provider.loxo.read-timeout", "2s");
        props.put("interlink.provider.lever.read-timeout", "2s");
        return props;
    }

    public static Sandbox.AccountInfo cats() {
        return get().createAccount("cats", 1, 5);
    }

    public static Sandbox.AccountInfo loxo() {
        return get().createAccount("loxo", 1, 5);
    }
}

package dev.interlink.platform.account;

import dev.interlink.platform.vault.TestVaultKeys;
import dev.interlink.sandbox.Sandbox;
import dev.interlink.sandbox.spi.ProviderInfo;
import java.util.HashMap;
import java.util.Map;

/**
 * One in-process provider-sandbox per test JVM, and the configuration that points the catalog at it: for every
 * provider the sandbox simulates, its base URL (and its authorization server, if it has one) and short timeouts so
 * timeout tests are quick.
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

    /** Catalog overrides for every simulated provider + the test vault keyset. */
    public static Map<String, String> properties() {
        Map<String, String> props = new HashMap<>(TestVaultKeys.properties());
        props.putAll(catalogOverrides(get()));
        for (ProviderInfo p : get().providers()) {
            props.put("interlink.provider." + p.id() + ".read-timeout", "2s");
        }
        return props;
    }

    /** {@code interlink.provider.<id>.base-url} (and authorize/token URLs) for every provider {@code sandbox} simulates. */
    public static Map<String, String> catalogOverrides(Sandbox sandbox) {
        Map<String, String> props = new HashMap<>();
        for (ProviderInfo p : sandbox.providers()) {
            String prefix = "interlink.provider." + p.id() + ".";
            props.put(prefix + "base-url", sandbox.baseUrl() + p.basePath());
            if (p.oauth() != null) {
                props.put(
                        prefix + "authorize-url", sandbox.baseUrl() + p.oauth().authorizePath());
                props.put(prefix + "token-url", sandbox.baseUrl() + p.oauth().tokenPath());
            }
        }
        return props;
    }

    public static Sandbox.AccountInfo cats() {
        return get().createAccount("cats", 1, 5);
    }

    public static Sandbox.AccountInfo loxo() {
        return get().createAccount("loxo", 1, 5);
    }
}

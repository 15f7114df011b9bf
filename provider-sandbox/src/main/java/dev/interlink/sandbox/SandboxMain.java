package dev.interlink.sandbox;

import dev.interlink.sandbox.spi.AccountRequest;
import dev.interlink.sandbox.spi.SimulatedProvider;

/** Standalone entry point: {@code java -jar provider-sandbox.jar}. */
public final class SandboxMain {
    private SandboxMain() {}

    public static void main(String[] args) throws Exception {
        String host = env("INTERLINK_SANDBOX_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("INTERLINK_SANDBOX_PORT", "8090"));
        Sandbox sb = Sandbox.start(host, port, Sandbox.adminTokenFromEnv());
        Runtime.getRuntime().addShutdownHook(new Thread(sb::close, "sandbox-shutdown"));
        System.out.println("provider-sandbox listening on " + sb.baseUrl()
                + " (control API under /_sandbox, header X-Sandbox-Admin-Token)");
        if (Boolean.parseBoolean(env("INTERLINK_SANDBOX_DEMO", "false"))) {
            // The only place a key is ever printed: fixed, well-known demo keys (issue: offline demo).
            for (SimulatedProvider p : sb.simulators()) {
                AccountRequest d = p.demoAccount();
                if (d == null) continue;
                Sandbox.AccountInfo a =
                        sb.createAccount(p.id(), d.seed(), d.size(), d.apiKey(), d.agencySlug(), d.options());
                System.out.println("demo " + p.displayName() + " account " + a.accountId() + ": " + a.baseUrl()
                        + "  api key: " + a.apiKey());
                if (p.oauth() != null) {
                    Sandbox.OAuthAccountInfo o = sb.oauthAccount(a.accountId());
                    System.out.println("  oauth client_id: " + o.clientId() + "  client_secret: " + o.clientSecret()
                            + "  authorize: " + o.authorizeUrl() + "  token: " + o.tokenUrl() + "  redirect_uris: "
                            + o.redirectUris());
                }
            }
        }
        Thread.currentThread().join();
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }
}

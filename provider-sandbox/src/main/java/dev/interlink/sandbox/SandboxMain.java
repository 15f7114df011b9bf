package dev.interlink.sandbox;

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
            sb.createDemoAccounts();
            for (java.util.Map<String, Object> d : sb.demoAccounts()) {
                System.out.println("demo " + d.get("name") + " account " + d.get("account_id") + ": "
                        + d.get("base_url")
                        + (d.containsKey("oauth_client") ? "  (OAuth client in GET /_sandbox/demo-accounts)" : ""));
            }
        }
        Thread.currentThread().join();
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }
}

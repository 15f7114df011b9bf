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
            Sandbox.AccountInfo c = sb.createAccount("cats", 42, 250, "demo-cats-key", null);
            Sandbox.AccountInfo l = sb.createAccount("loxo", 42, 250, "demo-loxo-key", "demo-agency");
            System.out.println("demo CATS account " + c.accountId() + ": " + c.baseUrl() + "  api key: demo-cats-key");
            System.out.println("demo Loxo account " + l.accountId() + ": " + l.baseUrl() + "  api key: demo-loxo-key");
        }
        Thread.currentThread().join();
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }
}

package dev.interlink.platform.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.platform.admin.AdminService;
import dev.interlink.platform.admin.AdminUser;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.vault.VaultCommands;
import io.micronaut.context.ApplicationContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Operator commands run by {@code ./interlink} ({@code migrate}, {@code tenant create}). They start the
 * application context without the HTTP server; Flyway migrates as the data source starts.
 */
public final class Cli {
    /** Operator commands run in this environment: no HTTP server and no JWT keys are needed. */
    public static final String CLI_ENV = "cli";

    private static final String TENANT_USAGE =
            "Usage: tenant create --name NAME [--slug SLUG] [--admin-email EMAIL (--admin-password-stdin | --admin-password-file"
                    + " FILE)]";

    private Cli() {}

    public static int run(String[] args) {
        List<String> a = List.of(args);
        try (ApplicationContext ctx = ApplicationContext.builder()
                .environments(CLI_ENV)
                .deduceEnvironment(false)
                .start()) {
            switch (a.get(0)) {
                case "migrate" -> {
                    System.err.println("Database migrated.");
                    return 0;
                }
                case "vault" -> {
                    return vault(ctx, a.subList(1, a.size()));
                }
                case "tenant" -> {
                    return tenant(ctx, a.subList(1, a.size()));
                }
                default -> {
                    System.err.println("Unknown command: " + a.get(0));
                    return 2;
                }
            }
        } catch (Exception e) {
            System.err.println("Failed: " + e.getMessage());
            return 1;
        }
    }

    private static int tenant(ApplicationContext ctx, List<String> args) throws Exception {
        if (args.isEmpty() || !args.get(0).equals("create")) {
            System.err.println(TENANT_USAGE);
            return 2;
        }
        Map<String, String> options = options(args.subList(1, args.size()));
        String name = options.get("name");
        String adminEmail = options.get("admin-email");
        String adminPassword;
        try {
            adminPassword = adminPassword(options, System.in, System.err);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (name == null || name.isBlank() || (adminEmail == null) != (adminPassword == null)) {
            System.err.println(TENANT_USAGE);
            return 2;
        }
        if (adminEmail != null) {
            try {
                ctx.getBean(AdminService.class).validate(null, adminEmail, adminPassword); // before the tenant exists
            } catch (ApiProblem problem) {
                System.err.println("Invalid admin: " + problem.extensions().get("errors"));
                return 2;
            }
        }
        TenantService.Bootstrap created;
        try {
            created = ctx.getBean(TenantService.class).create(name, options.get("slug"));
        } catch (ApiProblem problem) {
            System.err.println("Invalid tenant: " + problem.extensions().get("errors"));
            return 2;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tenant_id", created.tenant().id());
        out.put("tenant_slug", created.tenant().slug());
        out.put("client_id", created.clientId());
        out.put("client_secret", created.clientSecret());
        if (adminEmail != null) {
            // the first admin of the tenant, who signs in to the admin UI
            AdminUser admin =
                    ctx.getBean(AdminService.class).create(created.tenant().id(), adminEmail, adminPassword);
            out.put("admin_email", admin.email());
        }
        System.out.println(ctx.getBean(ObjectMapper.class).writeValueAsString(out));
        return 0;
    }

    private static int vault(ApplicationContext ctx, List<String> args) {
        VaultCommands commands = ctx.getBean(VaultCommands.class);
        String sub = args.isEmpty() ? "" : args.get(0);
        return switch (sub) {
            case "rotate" -> commands.rotate(System.out);
            case "status" -> commands.status(System.out);
            default -> {
                System.err.println("Usage: vault rotate|status");
                yield 2;
            }
        };
    }

    /**
     * The first admin's password, never from the command line if it can be helped (a command line is visible in
     * {@code ps} and kept in shell history): {@code --admin-password-stdin} reads the first line of standard input,
     * {@code --admin-password-file FILE} the file's first line. {@code --admin-password P} still works, with a warning.
     */
    static String adminPassword(Map<String, String> options, java.io.InputStream stdin, java.io.PrintStream err)
            throws java.io.IOException {
        int given = (options.containsKey("admin-password") ? 1 : 0)
                + (options.containsKey("admin-password-stdin") ? 1 : 0)
                + (options.containsKey("admin-password-file") ? 1 : 0);
        if (given > 1) {
            throw new IllegalArgumentException(
                    "Give the admin password one way only: --admin-password-stdin or --admin-password-file FILE");
        }
        if (options.containsKey("admin-password-stdin")) {
            return firstLine(new String(stdin.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8));
        }
        if (options.containsKey("admin-password-file")) {
            String file = options.get("admin-password-file");
            if (file == null || file.equals("true")) throw new IllegalArgumentException(TENANT_USAGE);
            return firstLine(java.nio.file.Files.readString(java.nio.file.Path.of(file)));
        }
        if (options.containsKey("admin-password")) {
            err.println("Warning: --admin-password puts the password in the process list and your shell history;"
                    + " use --admin-password-stdin or --admin-password-file FILE.");
            return options.get("admin-password");
        }
        return null;
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    static Map<String, String> options(List<String> args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                String value = i + 1 < args.size() && !args.get(i + 1).startsWith("--") ? args.get(++i) : "true";
                options.put(arg.substring(2), value);
            }
        }
        return options;
    }
}

package dev.interlink.platform.provider.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads and checks catalog files. The schema is strict: an unknown key, a missing key, a template variable
 * that is not a field, a host outside {@code allowed_hosts} or an override prefix that is not a prefix of the
 * template is an error, so a typo fails the build ({@code CatalogTest}) instead of production.
 */
public final class CatalogLoader {
    public static final String DIRECTORY = "providers";
    private static final Set<String> TOP = Set.of(
            "id",
            "display_name",
            "category",
            "logo",
            "auth",
            "fields",
            "base_url",
            "allowed_hosts",
            "verification",
            "rate_limit",
            "retry",
            "timeouts");
    private static final Set<String> FIELD_KEYS =
            Set.of("name", "label", "help_text", "secret", "required", "pattern", "default");
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");

    private CatalogLoader() {}

    /** The ids of every {@code providers/<id>.yml} on the classpath, sorted. */
    public static Set<String> discover(ClassLoader loader) {
        Set<String> ids = new TreeSet<>();
        try {
            Enumeration<URL> roots = loader.getResources(DIRECTORY);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if ("file".equals(root.getProtocol())) {
                    try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
                        files.map(p -> p.getFileName().toString()).forEach(name -> addId(ids, name));
                    }
                } else if ("jar".equals(root.getProtocol())) {
                    JarURLConnection connection = (JarURLConnection) root.openConnection();
                    connection.setUseCaches(false);
                    try (JarFile jar = connection.getJarFile()) {
                        jar.stream()
                                .map(JarEntry::getName)
                                .filter(n ->
                                        n.startsWith(DIRECTORY + "/") && n.indexOf('/', DIRECTORY.length() + 1) < 0)
                                .forEach(n -> addId(ids, n.substring(DIRECTORY.length() + 1)));
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("the provider catalog could not be listed", e);
        }
        return ids;
    }

    private static void addId(Set<String> ids, String fileName) {
        if (fileName.endsWith(".yml")) {
            ids.add(fileName.substring(0, fileName.length() - 4));
        }
    }

    /** Loads {@code providers/<id>.yml} from the classpath. */
    public static ProviderDefinition load(ClassLoader loader, String id) {
        String file = DIRECTORY + "/" + id + ".yml";
        try (InputStream in = loader.getResourceAsStream(file)) {
            if (in == null) {
                throw new CatalogException(file, List.of("not found on the classpath"));
            }
            return parse(file, id, in);
        } catch (IOException e) {
            throw new CatalogException(file, List.of("unreadable: " + e.getMessage()));
        }
    }

    /** Parses and checks one catalog file; {@code expectedId} is its file name without {@code .yml}. */
    @SuppressWarnings("unchecked")
    public static ProviderDefinition parse(String file, String expectedId, InputStream yaml) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(doc instanceof Map<?, ?> root)) {
            throw new CatalogException(file, List.of("not a YAML mapping"));
        }
        Reader r = new Reader((Map<String, Object>) root);
        for (Object key : root.keySet()) {
            if (!TOP.contains(String.valueOf(key))) {
                r.problems.add("unknown key '" + key + "'");
            }
        }
        String id = r.string(r.root, "id", true);
        if (id != null && !id.equals(expectedId)) {
            r.problems.add("id '" + id + "' does not match the file name");
        }
        if (id != null && !ID.matcher(id).matches()) {
            r.problems.add("id must match " + ID.pattern());
        }
        String displayName = r.string(r.root, "display_name", true);
        String category = r.string(r.root, "category", true);
        String logo = r.string(r.root, "logo", true);
        if (logo != null && CatalogLoader.class.getClassLoader().getResource(DIRECTORY + "/" + logo) == null) {
            r.problems.add("logo " + logo + " not found under " + DIRECTORY + "/");
        }

        Map<String, Object> auth = r.map(r.root, "auth");
        AuthMode mode = null;
        String modeName = r.string(auth, "mode", true);
        if (modeName != null) {
            try {
                mode = AuthMode.valueOf(modeName);
            } catch (IllegalArgumentException e) {
                r.problems.add("auth.mode must be one of API_KEY, BASIC, OAUTH2");
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        r.map(auth, "headers").forEach((k, v) -> headers.put(k, String.valueOf(v)));
        if (headers.isEmpty()) {
            r.problems.add("auth.headers must name at least one header");
        }
        OAuth2Settings oauth2 = null;
        if (mode == AuthMode.OAUTH2) {
            Map<String, Object> o = r.map(auth, "oauth2");
            String authorize = r.string(o, "authorize_url", true);
            String token = r.string(o, "token_url", true);
            for (String url : new String[] {authorize, token}) {
                if (url != null && !url.startsWith("https://")) {
                    r.problems.add("auth.oauth2 URLs must use https");
                }
            }
            List<String> scopes = new ArrayList<>();
            if (o.get("scopes") instanceof List<?> list) {
                list.forEach(s -> scopes.add(String.valueOf(s)));
            } else {
                r.problems.add("auth.oauth2.scopes must be a list");
            }
            Duration margin = o.containsKey("expiry_margin") ? r.duration(o, "expiry_margin") : Duration.ofMinutes(5);
            oauth2 = new OAuth2Settings(authorize, token, r.string(o, "audience", false), List.copyOf(scopes), margin);
        } else if (auth.containsKey("oauth2")) {
            r.problems.add("auth.oauth2 is only for mode OAUTH2");
        }

        List<CredentialField> fields = new ArrayList<>();
        Object rawFields = r.root.get("fields");
        if (!(rawFields instanceof List<?> list) || list.isEmpty()) {
            r.problems.add("fields must be a non-empty list");
        } else {
            Set<String> names = new LinkedHashSet<>();
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> fm)) {
                    r.problems.add("every field must be a mapping");
                    continue;
                }
                Map<String, Object> f = (Map<String, Object>) fm;
                f.keySet().stream()
                        .filter(k -> !FIELD_KEYS.contains(k))
                        .forEach(k -> r.problems.add("unknown field key '" + k + "'"));
                String name = r.string(f, "name", true);
                if (name != null && (!ID.matcher(name).matches() || !names.add(name))) {
                    r.problems.add("field name '" + name + "' is invalid or repeated");
                }
                String pattern = r.string(f, "pattern", false);
                if (pattern != null) {
                    try {
                        Pattern.compile(pattern);
                    } catch (PatternSyntaxException e) {
                        r.problems.add("field " + name + ": pattern does not compile");
                    }
                }
                boolean required = r.bool(f, "required");
                String def = r.string(f, "default", false);
                if (required && def != null) {
                    r.problems.add("field " + name + ": a required field has no default");
                }
                CredentialField field = new CredentialField(
                        name,
                        r.string(f, "label", true),
                        r.string(f, "help_text", true),
                        r.bool(f, "secret"),
                        required,
                        pattern,
                        def);
                if (def != null && pattern != null && !field.matches(def)) {
                    r.problems.add("field " + name + ": the default does not match the pattern");
                }
                fields.add(field);
            }
        }

        Map<String, Object> base = r.map(r.root, "base_url");
        String template = r.string(base, "template", true);
        String replaces = r.string(base, "override_replaces", true);
        if (template != null && replaces != null && !template.startsWith(replaces)) {
            r.problems.add("base_url.override_replaces must be a prefix of base_url.template");
        }
        if (template != null && !template.startsWith("https://")) {
            r.problems.add("base_url.template must use https");
        }
        List<String> allowedHosts = new ArrayList<>();
        if (r.root.get("allowed_hosts") instanceof List<?> hosts && !hosts.isEmpty()) {
            hosts.forEach(h -> allowedHosts.add(String.valueOf(h).toLowerCase()));
        } else {
            r.problems.add("allowed_hosts must be a non-empty list");
        }

        Map<String, Object> verification = r.map(r.root, "verification");
        String vMethod = r.string(verification, "method", true);
        String vPath = r.string(verification, "path", true);
        if (vMethod != null && !vMethod.equals("GET")) {
            r.problems.add("verification.method must be GET (verification must not change anything)");
        }
        if (vPath != null && !vPath.startsWith("/")) {
            r.problems.add("verification.path must start with /");
        }

        Map<String, Object> rl = r.map(r.root, "rate_limit");
        String policy = r.string(rl, "policy", true);
        Map<String, Object> rlHeaders = r.map(rl, "headers");
        RateLimit rateLimit = null;
        if (RateLimit.SLIDING_WINDOW.equals(policy)) {
            rateLimit = new RateLimit(
                    policy,
                    r.integer(rl, "limit"),
                    r.duration(rl, "window"),
                    0,
                    0,
                    r.string(rlHeaders, "limit", false),
                    r.string(rlHeaders, "remaining", false),
                    r.string(rlHeaders, "retry_after", false));
        } else if (RateLimit.TOKEN_BUCKET.equals(policy)) {
            rateLimit = new RateLimit(
                    policy,
                    r.integer(rl, "burst"),
                    null,
                    r.number(rl, "rate_per_second"),
                    r.integer(rl, "burst"),
                    r.string(rlHeaders, "limit", false),
                    r.string(rlHeaders, "remaining", false),
                    r.string(rlHeaders, "retry_after", false));
        } else if (policy != null) {
            r.problems.add("rate_limit.policy must be sliding_window or token_bucket");
        }

        Map<String, Object> retry = r.map(r.root, "retry");
        Set<Integer> onStatus = new LinkedHashSet<>();
        if (retry.get("on_status") instanceof List<?> statuses) {
            statuses.forEach(s -> onStatus.add(Integer.parseInt(String.valueOf(s))));
        } else {
            r.problems.add("retry.on_status must be a list");
        }
        RetryRules retryRules = new RetryRules(
                onStatus,
                r.integer(retry, "max_attempts"),
                r.duration(retry, "initial_backoff"),
                r.duration(retry, "max_backoff"),
                r.bool(retry, "honor_retry_after"));

        Map<String, Object> timeouts = r.map(r.root, "timeouts");
        Timeouts t = new Timeouts(r.duration(timeouts, "connect"), r.duration(timeouts, "read"));

        if (!r.problems.isEmpty()) {
            throw new CatalogException(file, r.problems);
        }
        ProviderDefinition def = new ProviderDefinition(
                id,
                displayName,
                category,
                logo,
                mode,
                Map.copyOf(headers),
                List.copyOf(fields),
                template,
                replaces,
                null,
                List.copyOf(allowedHosts),
                new Verification(vMethod, vPath),
                rateLimit,
                retryRules,
                t,
                oauth2);
        for (String variable : def.templateVariables()) {
            if (def.field(variable).isEmpty()) {
                r.problems.add("template variable {" + variable + "} is not a credential field");
            }
        }
        for (String variable : def.hostVariables()) {
            CredentialField f = def.field(variable).orElse(null);
            if (f != null && f.pattern() == null) {
                r.problems.add("field " + variable + " names a host and must have a pattern");
            }
            if (f != null && f.defaultValue() != null && !def.hostAllowed(f.defaultValue())) {
                r.problems.add("field " + variable + ": the default host is not in allowed_hosts");
            }
        }
        if (def.hostVariables().isEmpty() && template != null) {
            String host = java.net.URI.create(template).getHost();
            if (host == null || !def.hostAllowed(host)) {
                r.problems.add("the base URL host is not in allowed_hosts");
            }
        }
        if (!r.problems.isEmpty()) {
            throw new CatalogException(file, r.problems);
        }
        return def;
    }

    /** Typed reads that collect problems instead of failing on the first. */
    private static final class Reader {
        final Map<String, Object> root;
        final List<String> problems = new ArrayList<>();

        Reader(Map<String, Object> root) {
            this.root = root;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(Map<String, Object> parent, String key) {
            Object v = parent.get(key);
            if (v instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
            problems.add("'" + key + "' must be a mapping");
            return Map.of();
        }

        String string(Map<String, Object> parent, String key, boolean required) {
            Object v = parent.get(key);
            if (v == null) {
                if (required) {
                    problems.add("'" + key + "' is required");
                }
                return null;
            }
            if (v instanceof Map || v instanceof List) {
                problems.add("'" + key + "' must be a string");
                return null;
            }
            return String.valueOf(v);
        }

        boolean bool(Map<String, Object> parent, String key) {
            Object v = parent.get(key);
            if (!(v instanceof Boolean b)) {
                problems.add("'" + key + "' must be true or false");
                return false;
            }
            return b;
        }

        int integer(Map<String, Object> parent, String key) {
            Object v = parent.get(key);
            if (!(v instanceof Integer i) || i <= 0) {
                problems.add("'" + key + "' must be a positive integer");
                return 0;
            }
            return i;
        }

        double number(Map<String, Object> parent, String key) {
            Object v = parent.get(key);
            if (!(v instanceof Number n) || n.doubleValue() <= 0) {
                problems.add("'" + key + "' must be a positive number");
                return 0;
            }
            return n.doubleValue();
        }

        Duration duration(Map<String, Object> parent, String key) {
            String v = string(parent, key, true);
            if (v == null) {
                return Duration.ZERO;
            }
            try {
                Duration d = Duration.parse(v);
                if (d.isNegative() || d.isZero()) {
                    problems.add("'" + key + "' must be positive");
                }
                return d;
            } catch (DateTimeParseException e) {
                problems.add("'" + key + "' must be an ISO-8601 duration such as PT30S");
                return Duration.ZERO;
            }
        }
    }
}

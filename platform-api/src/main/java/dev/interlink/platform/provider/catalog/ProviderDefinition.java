package dev.interlink.platform.provider.catalog;

import dev.interlink.platform.common.FieldError;
import dev.interlink.platform.vault.Credentials;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One provider of the catalog ({@code providers/<id>.yml}), with the deployment's base URL override applied.
 * Everything that builds a provider request (base URL, auth headers) comes from here, so a request can never
 * choose the host: templated values are checked against their field pattern and the allowed hosts.
 *
 * @param baseUrlTemplate e.g. {@code https://{domain}/api/{agency_slug}}
 * @param overrideReplaces the prefix of the template that {@code baseUrlOverride} replaces
 * @param baseUrlOverride from {@code interlink.provider.<id>.base-url} (env {@code INTERLINK_PROVIDER_<ID>_BASE_URL})
 */
public record ProviderDefinition(
        String id,
        String displayName,
        String category,
        String logo,
        AuthMode authMode,
        Map<String, String> authHeaderTemplates,
        List<CredentialField> fields,
        String baseUrlTemplate,
        String overrideReplaces,
        @Nullable String baseUrlOverride,
        List<String> allowedHosts,
        Verification verification,
        RateLimit rateLimit,
        RetryRules retry,
        Timeouts timeouts,
        @Nullable OAuth2Settings oauth2) {

    static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_.]*)}");
    private static final int MAX_VALUE_LENGTH = 4096;

    public Optional<CredentialField> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** This definition with another base URL override (null = none). */
    public ProviderDefinition withBaseUrlOverride(@Nullable String override) {
        String clean =
                override == null || override.isBlank() ? null : override.strip().replaceAll("/+$", "");
        return new ProviderDefinition(
                id,
                displayName,
                category,
                logo,
                authMode,
                authHeaderTemplates,
                fields,
                baseUrlTemplate,
                overrideReplaces,
                clean,
                allowedHosts,
                verification,
                rateLimit,
                retry,
                timeouts,
                oauth2);
    }

    /** This definition with other timeouts (deployment overrides). */
    public ProviderDefinition withTimeouts(Timeouts t) {
        return new ProviderDefinition(
                id,
                displayName,
                category,
                logo,
                authMode,
                authHeaderTemplates,
                fields,
                baseUrlTemplate,
                overrideReplaces,
                baseUrlOverride,
                allowedHosts,
                verification,
                rateLimit,
                retry,
                t,
                oauth2);
    }

    /** The same provider with its authorization server elsewhere (deployment overrides). */
    public ProviderDefinition withOAuth2(@Nullable OAuth2Settings o) {
        return new ProviderDefinition(
                id,
                displayName,
                category,
                logo,
                authMode,
                authHeaderTemplates,
                fields,
                baseUrlTemplate,
                overrideReplaces,
                baseUrlOverride,
                allowedHosts,
                verification,
                rateLimit,
                retry,
                timeouts,
                o);
    }

    /** The same provider with another request budget (a deployment whose provider plan allows more). */
    public ProviderDefinition withRateLimit(RateLimit r) {
        return new ProviderDefinition(
                id,
                displayName,
                category,
                logo,
                authMode,
                authHeaderTemplates,
                fields,
                baseUrlTemplate,
                overrideReplaces,
                baseUrlOverride,
                allowedHosts,
                verification,
                r,
                retry,
                timeouts,
                oauth2);
    }

    /** The defaults of the optional fields. */
    public Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        fields.stream().filter(f -> f.defaultValue() != null).forEach(f -> defaults.put(f.name(), f.defaultValue()));
        return defaults;
    }

    /**
     * Checks a submitted credential set: every required field present, every value matching its pattern,
     * no unknown field, hosts allowed. Pointers are {@code /credentials/<name>}; values are never echoed.
     */
    public List<FieldError> validate(Map<String, String> credentials) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> given = credentials == null ? Map.of() : credentials;
        for (String name : given.keySet()) {
            if (field(name).isEmpty()) {
                errors.add(new FieldError(pointer(name), "is not a credential field of " + displayName));
            }
        }
        for (CredentialField f : fields) {
            String value = given.get(f.name());
            if (value == null || value.isBlank()) {
                if (f.required()) {
                    errors.add(new FieldError(pointer(f.name()), f.label() + " is required"));
                }
                continue;
            }
            if (value.length() > MAX_VALUE_LENGTH || !f.matches(value)) {
                errors.add(new FieldError(pointer(f.name()), f.label() + " does not have the expected format"));
            } else if (hostVariables().contains(f.name()) && !hostAllowed(value)) {
                errors.add(new FieldError(pointer(f.name()), f.label() + " is not a " + displayName + " host"));
            }
        }
        return errors;
    }

    /**
     * The base URL for one account: the deployment override (if configured) replaces the host part of the
     * template; otherwise the template with the account's values, whose host must be allowed.
     */
    public String baseUrl(Credentials credentials) {
        Credentials c = credentials.withDefaults(defaults());
        if (baseUrlOverride != null) {
            // the override decides the host; fields that would have named a host are still validated
            for (String name : hostVariables()) {
                String value = c.get(name);
                if (value != null && !(matches(name, value) && hostAllowed(value))) {
                    throw new IllegalArgumentException(
                            "the account's " + name + " is not an allowed " + displayName + " host");
                }
            }
            return substitute(baseUrlOverride + baseUrlTemplate.substring(overrideReplaces.length()), c);
        }
        String url = substitute(baseUrlTemplate, c);
        String host = URI.create(url).getHost();
        if (host == null || !hostAllowed(host)) {
            throw new IllegalArgumentException("the base URL host is not an allowed " + displayName + " host");
        }
        return url;
    }

    /** The headers that authenticate a request, e.g. {@code Authorization: Token <api_key>}. */
    public Map<String, String> authHeaders(Credentials credentials) {
        Credentials c = credentials.withDefaults(defaults());
        Map<String, String> headers = new LinkedHashMap<>();
        authHeaderTemplates.forEach((name, template) -> headers.put(name, substitute(template, c)));
        return headers;
    }

    /** Whether {@code host} is one of the allowed hosts ({@code *.example.com} = any subdomain). */
    public boolean hostAllowed(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String allowed : allowedHosts) {
            if (allowed.startsWith("*.")
                    ? h.endsWith(allowed.substring(1)) && h.length() > allowed.length() - 1
                    : h.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    /** Template variables of the base URL that sit in the host part (for Loxo: {@code domain}). */
    Set<String> hostVariables() {
        Set<String> names = new LinkedHashSet<>();
        int schemeEnd = baseUrlTemplate.indexOf("://");
        String rest = baseUrlTemplate.substring(schemeEnd < 0 ? 0 : schemeEnd + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        Matcher m = VARIABLE.matcher(authority);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Every variable used by the base URL and auth header templates. */
    Set<String> templateVariables() {
        Set<String> names = new LinkedHashSet<>();
        List<String> templates = new ArrayList<>(authHeaderTemplates.values());
        templates.add(baseUrlTemplate);
        for (String t : templates) {
            Matcher m = VARIABLE.matcher(t);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private boolean matches(String name, String value) {
        return field(name).map(f -> f.matches(value)).orElse(false);
    }

    private String substitute(String template, Credentials c) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = c.get(name);
            if (value == null) {
                throw new IllegalArgumentException("the credential field " + name + " is missing");
            }
            if (!matches(name, value) || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException(
                        "the credential field " + name + " does not have the expected format");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String pointer(String name) {
        return "/credentials/" + name.replace("~", "~0").replace("/", "~1");
    }

    @Override
    public String toString() {
        return "ProviderDefinition[" + id + "]";
    }
}

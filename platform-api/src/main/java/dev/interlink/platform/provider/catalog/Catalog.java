package dev.interlink.platform.provider.catalog;

import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers Interlink can connect to: one {@code providers/<id>.yml} each on the classpath, loaded once
 * at startup (a broken file stops startup). Each deployment may point a provider at another host with
 * {@code interlink.provider.<id>.base-url} (env {@code INTERLINK_PROVIDER_<ID>_BASE_URL}), e.g. the
 * provider-sandbox for tests and the offline demo. Timeouts may be overridden the same way:
 * {@code interlink.provider.<id>.connect-timeout} / {@code read-timeout} (e.g. {@code 2s}), and the request
 * budget with {@code interlink.provider.<id>.rate-limit.*}.
 */
@Singleton
public class Catalog {
    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);

    private final Map<String, ProviderDefinition> providers;

    public Catalog(Environment environment) {
        Map<String, ProviderDefinition> loaded = new LinkedHashMap<>();
        ClassLoader loader = Catalog.class.getClassLoader();
        for (String id : CatalogLoader.discover(loader)) {
            String override = environment
                    .getProperty("interlink.provider." + id + ".base-url", String.class)
                    .orElse(null);
            ProviderDefinition def = CatalogLoader.load(loader, id).withBaseUrlOverride(override);
            Timeouts t = def.timeouts();
            def = def.withTimeouts(new Timeouts(
                    environment
                            .getProperty("interlink.provider." + id + ".connect-timeout", Duration.class)
                            .orElse(t.connect()),
                    environment
                            .getProperty("interlink.provider." + id + ".read-timeout", Duration.class)
                            .orElse(t.read())));
            def = def.withRateLimit(rateLimit(environment, id, def.rateLimit()));
            if (def.oauth2() != null) {
                def = def.withOAuth2(def.oauth2()
                        .withUrls(
                                environment
                                        .getProperty("interlink.provider." + id + ".authorize-url", String.class)
                                        .orElse(null),
                                environment
                                        .getProperty("interlink.provider." + id + ".token-url", String.class)
                                        .orElse(null)));
            }
            if (def.baseUrlOverride() != null) {
                LOG.info(
                        "Provider {} is pointed at {} (interlink.provider.{}.base-url)", id, def.baseUrlOverride(), id);
            }
            loaded.put(id, def);
        }
        this.providers = Map.copyOf(loaded);
    }

    /**
     * The request budget may be changed per deployment (a provider plan with higher limits, or a benchmark):
     * {@code interlink.provider.<id>.rate-limit.limit|window|rate-per-second|burst}.
     */
    private static RateLimit rateLimit(Environment environment, String id, RateLimit r) {
        String prefix = "interlink.provider." + id + ".rate-limit.";
        return new RateLimit(
                r.policy(),
                environment.getProperty(prefix + "limit", Integer.class).orElse(r.limit()),
                environment.getProperty(prefix + "window", Duration.class).orElse(r.window()),
                environment
                        .getProperty(prefix + "rate-per-second", Double.class)
                        .orElse(r.ratePerSecond()),
                environment.getProperty(prefix + "burst", Integer.class).orElse(r.burst()),
                r.limitHeader(),
                r.remainingHeader(),
                r.retryAfterHeader());
    }

    public Optional<ProviderDefinition> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(providers.get(id));
    }

    /** Every provider, sorted by id. */
    public List<ProviderDefinition> all() {
        return providers.values().stream()
                .sorted(java.util.Comparator.comparing(ProviderDefinition::id))
                .toList();
    }
}

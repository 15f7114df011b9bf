package dev.interlink.platform.provider;

import java.util.List;
import java.util.Optional;

/**
 * One implementation per provider: a stateless singleton ({@code @Singleton @Named("<provider id>")}); everything
 * per call comes in the {@link ConnectorContext}. Provider mechanics (base URL, auth, timeouts, rate limits) come
 * from the catalog; a connector only says what each unified operation calls and how its JSON maps.
 *
 * <p>Contract for implementations:
 *
 * <ul>
 *   <li>{@link #resources()} lists every resource the provider has; an absent resource answers
 *       {@code INTEGRATION.RESOURCE_NOT_SUPPORTED}, an absent operation {@code INTEGRATION.ACTION_NOT_SUPPORTED};
 *   <li>list operations return the provider's next position (or null at the end) and never skip or repeat a record
 *       when paged to the end;
 *   <li>a missing record is a {@code REMOTE.NOT_FOUND} problem, whatever the provider signals it with (404, a
 *       literal {@code null} body, ...).
 * </ul>
 */
public interface AtsConnector {
    /** The catalog id, e.g. {@code cats}. */
    String id();

    List<ResourceOps<?>> resources();

    default Optional<ResourceOps<?>> resource(AtsResource resource) {
        return resources().stream().filter(r -> r.resource() == resource).findFirst();
    }
}

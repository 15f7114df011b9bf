package dev.interlink.platform.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.testing.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Slugs as {@code tenant create} assigns them, on PostgreSQL. */
@MicronautTest(transactional = false)
class TenantSlugAssignmentTest extends ApiTest {
    @Inject
    TenantService tenants;

    @Test
    void two_tenants_with_one_name_get_different_slugs() {
        String name = "Same Name " + UUID.randomUUID();

        String first = tenants.create(name).tenant().slug();
        String second = tenants.create(name).tenant().slug();

        assertThat(first).isEqualTo(TenantSlugs.fromName(name));
        assertThat(second).startsWith(first + "-").isNotEqualTo(first);
    }

    @Test
    void an_explicit_slug_is_kept() {
        String slug = "explicit-" + UUID.randomUUID().toString().substring(0, 8);

        assertThat(tenants.create("Whatever", slug).tenant().slug()).isEqualTo(slug);
    }

    @Test
    void an_explicit_slug_that_is_taken_is_refused_with_the_field_named() {
        String slug = "taken-" + UUID.randomUUID().toString().substring(0, 8);
        tenants.create("First", slug);

        assertThatThrownBy(() -> tenants.create("Second", slug))
                .isInstanceOfSatisfying(
                        ApiProblem.class,
                        p -> assertThat(p.extensions().get("errors").toString()).contains("/slug"));
    }

    @Test
    void an_explicit_slug_outside_the_alphabet_is_refused() {
        assertThatThrownBy(() -> tenants.create("Bad", "Bad_Slug"))
                .isInstanceOfSatisfying(
                        ApiProblem.class,
                        p -> assertThat(p.extensions().get("errors").toString()).contains("/slug"));
    }
}

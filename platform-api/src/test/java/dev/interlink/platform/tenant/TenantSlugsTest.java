package dev.interlink.platform.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TenantSlugsTest {
    @Test
    void a_name_is_folded_to_lower_case_letters_digits_and_inner_hyphens() {
        assertThat(TenantSlugs.fromName("  Acme Recruiting, Inc. ")).isEqualTo("acme-recruiting-inc");
    }

    @Test
    void a_name_without_letters_or_digits_becomes_tenant() {
        assertThat(TenantSlugs.fromName("¡¿!")).isEqualTo("tenant");
    }

    @Test
    void a_long_name_is_cut_to_40_characters_without_a_trailing_hyphen() {
        String slug = TenantSlugs.fromName("a".repeat(39) + " b" + "c".repeat(50));

        assertThat(slug).isEqualTo("a".repeat(39));
        assertThat(TenantSlugs.FORMAT.matcher(slug).matches()).isTrue();
    }

    @Test
    void a_suffixed_slug_keeps_the_format() {
        assertThat(TenantSlugs.FORMAT.matcher(TenantSlugs.withSuffix("acme")).matches())
                .isTrue();
    }
}

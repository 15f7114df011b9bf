package dev.interlink.platform.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdminPasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void a_hash_is_an_argon2id_phc_string_with_owasp_parameters() {
        assertThat(hasher.hash("correct horse battery")).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }

    @Test
    void the_right_password_verifies() {
        assertThat(hasher.verify("correct horse battery", hasher.hash("correct horse battery")))
                .isTrue();
    }

    @Test
    void a_wrong_password_does_not_verify() {
        assertThat(hasher.verify("correct horse battery!", hasher.hash("correct horse battery")))
                .isFalse();
    }

    @Test
    void the_same_password_hashes_differently_each_time_because_of_the_salt() {
        assertThat(hasher.hash("correct horse battery")).isNotEqualTo(hasher.hash("correct horse battery"));
    }

    @Test
    void a_malformed_stored_hash_does_not_verify_and_does_not_throw() {
        assertThat(hasher.verify("x", "$argon2i$v=19$m=1,t=1,p=1$AAAA$AAAA")).isFalse();
        assertThat(hasher.verify("x", "plain")).isFalse();
    }

    @Test
    void a_hash_made_with_other_parameters_still_verifies() {
        String cheap = new PasswordHasher(1024, 1).hash("correct horse battery");
        assertThat(hasher.verify("correct horse battery", cheap)).isTrue();
    }
}

package dev.interlink.platform.testing;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import dev.interlink.platform.auth.SigningKeys;

/** One ES256 key per test JVM, generated: no key material is committed. */
public final class TestKeys {
    public static final ECKey KEY = SigningKeys.generate();
    public static final String JWKS = new JWKSet(KEY).toString(false);

    private TestKeys() {}
}

package dev.interlink.platform.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.interlink.platform.cli.Cli;
import dev.interlink.platform.common.DevMode;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ES256 keys that sign and verify our JWTs. Loaded once at startup; a missing or malformed key stops
 * the service (outside dev mode) rather than running without a way to authenticate.
 */
@Context
@Requires(notEnv = Cli.CLI_ENV)
public class SigningKeys {
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);

    private final ECKey signingKey;
    private final JWKSet verificationKeys;

    public SigningKeys(JwtConfig config, DevMode devMode) {
        JWKSet set = load(config, devMode);
        List<ECKey> keys =
                set.getKeys().stream().map(SigningKeys::requireSigningEcKey).toList();
        if (keys.isEmpty()) {
            throw new ConfigurationException("The JWT key set is empty: configure at least one ES256 key.");
        }
        this.signingKey = keys.stream()
                .max(Comparator.comparing(k -> k.getIssueTime() == null ? new Date(0) : k.getIssueTime()))
                .orElseThrow();
        this.verificationKeys = new JWKSet(keys.stream().map(k -> (JWK) k).toList());
    }

    public ECKey signingKey() {
        return signingKey;
    }

    public JWKSet verificationKeys() {
        return verificationKeys;
    }

    /** The public half of every key, for {@code /.well-known/jwks.json}. */
    public JWKSet publicKeys() {
        return verificationKeys.toPublicJWKSet();
    }

    /** A new ES256 key, stamped with its creation time so the newest one signs. */
    public static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .keyID(UUID.randomUUID().toString())
                    .issueTime(new Date())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWKSet load(JwtConfig config, DevMode devMode) {
        try {
            if (config.keys() != null && !config.keys().isBlank()) {
                return JWKSet.parse(config.keys());
            }
            if (config.keysFile() != null && !config.keysFile().isBlank()) {
                return JWKSet.load(Path.of(config.keysFile()).toFile());
            }
            if (devMode.enabled()) {
                Path file = devMode.home().resolve("jwt-keys.json");
                if (!Files.exists(file)) {
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, new JWKSet(generate()).toString(false));
                    DevMode.restrictToOwner(file);
                }
                LOG.warn(
                        "DEV MODE: JWT signing keys come from {} (generated on first run). Never use dev mode in production: configure INTERLINK_JWT_KEYS or INTERLINK_JWT_KEYS_FILE.",
                        file.toAbsolutePath());
                return JWKSet.load(file.toFile());
            }
        } catch (IOException | ParseException e) {
            throw new ConfigurationException(
                    "The JWT signing keys could not be read (" + e.getClass().getSimpleName()
                            + "): INTERLINK_JWT_KEYS / INTERLINK_JWT_KEYS_FILE must hold a JWK set of ES256 private keys.");
        }
        throw new ConfigurationException(
                "No JWT signing keys configured: set INTERLINK_JWT_KEYS (a JWK set) or INTERLINK_JWT_KEYS_FILE, "
                        + "or run in dev mode (INTERLINK_DEV_MODE=true) to generate one.");
    }

    private static ECKey requireSigningEcKey(JWK jwk) {
        if (!(jwk instanceof ECKey ec)
                || !Curve.P_256.equals(ec.getCurve())
                || !ec.isPrivate()
                || jwk.getKeyID() == null) {
            throw new ConfigurationException(
                    "Every JWT signing key must be a private EC P-256 (ES256) JWK with a kid.");
        }
        return ec;
    }
}

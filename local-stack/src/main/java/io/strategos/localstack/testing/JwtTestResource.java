package io.strategos.localstack.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.strategos.localstack.JwtKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A key pair made for one test run: the service verifies with its public key, and tests sign
 * tokens with {@link #token(String)}. No key is ever committed.
 *
 * <p>Quarkus loads test resources and test classes in different class loaders, so the keys are
 * shared through files whose folder is named by a system property, not through static fields.
 */
public class JwtTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String KEY_DIR_PROPERTY = "strategos.test.jwt.dir";
    private static final JwtKeys KEYS = keys("service");
    private static final JwtKeys OTHER_KEYS = keys("stranger");

    private static JwtKeys keys(String name) {
        synchronized (System.getProperties()) {
            try {
                String dir = System.getProperty(KEY_DIR_PROPERTY);
                if (dir == null) {
                    Path created = Files.createTempDirectory("strategos-test-jwt");
                    created.toFile().deleteOnExit();
                    dir = created.toString();
                    System.setProperty(KEY_DIR_PROPERTY, dir);
                }
                return JwtKeys.loadOrCreate(Path.of(dir, name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A valid token for {@code userId}. */
    public static String token(String userId) {
        return KEYS.token(userId, Duration.ofMinutes(30));
    }

    public static String expiredToken(String userId) {
        return KEYS.token(userId, Duration.ofMinutes(-5));
    }

    public static String tokenSignedByAnotherKey(String userId) {
        return OTHER_KEYS.token(userId, Duration.ofMinutes(30));
    }

    public static String tokenFromAnotherIssuer(String userId) {
        return KEYS.token("https://elsewhere.example", userId, Duration.ofMinutes(30));
    }

    @Override
    public Map<String, String> start() {
        try {
            Path publicKey = Files.createTempFile("strategos-test-jwt", ".pem");
            Files.writeString(publicKey, KEYS.publicKeyPem());
            publicKey.toFile().deleteOnExit();
            return Map.of(
                    "mp.jwt.verify.publickey.location", publicKey.toUri().toString(),
                    "mp.jwt.verify.issuer", JwtKeys.ISSUER,
                    "mp.jwt.verify.audiences", JwtKeys.AUDIENCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }
}

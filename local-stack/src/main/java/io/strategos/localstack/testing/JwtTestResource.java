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
 */
public class JwtTestResource implements QuarkusTestResourceLifecycleManager {

    private static final JwtKeys KEYS = JwtKeys.generate();
    private static final JwtKeys OTHER_KEYS = JwtKeys.generate();

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

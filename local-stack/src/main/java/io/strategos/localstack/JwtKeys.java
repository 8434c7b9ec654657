package io.strategos.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * The local RS256 key pair and the tokens it signs. Services only ever see the public key
 * ({@code mp.jwt.verify.publickey.location}); the private key stays in the local stack's folder,
 * or in memory for tests.
 */
public final class JwtKeys {

    public static final String ISSUER = "https://strategos.local";
    public static final String AUDIENCE = "strategos";

    private final PrivateKey privateKey;
    private final String publicKeyPem;

    private JwtKeys(PrivateKey privateKey, String publicKeyPem) {
        this.privateKey = privateKey;
        this.publicKeyPem = publicKeyPem;
    }

    public static JwtKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new JwtKeys(pair.getPrivate(), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    /** Loads the key pair kept in {@code dir}, generating it on first use. */
    public static JwtKeys loadOrCreate(Path dir) throws IOException {
        Path privatePem = dir.resolve("private-key.pem");
        Path publicPem = dir.resolve("public-key.pem");
        if (!Files.exists(privatePem) || !Files.exists(publicPem)) {
            JwtKeys keys = generate();
            Files.createDirectories(dir);
            Files.writeString(privatePem, pem("PRIVATE KEY", keys.privateKey.getEncoded()));
            Files.writeString(publicPem, keys.publicKeyPem);
            return keys;
        }
        try {
            String body = Files.readString(privatePem).replaceAll("-----[A-Z ]+-----|\\s", "");
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            return new JwtKeys(key, Files.readString(publicPem));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("cannot read the key in " + privatePem + ": " + e.getMessage(), e);
        }
    }

    public String publicKeyPem() {
        return publicKeyPem;
    }

    /** A signed token whose {@code sub} is {@code userId}. */
    public String token(String userId, Duration validFor) {
        return sign(ISSUER, userId, validFor);
    }

    /** A token with another issuer (tests of rejected tokens). */
    public String token(String issuer, String userId, Duration validFor) {
        return sign(issuer, userId, validFor);
    }

    private String sign(String issuer, String userId, Duration validFor) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(AUDIENCE);
        claims.setSubject(userId);
        claims.setClaim("upn", userId);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(validFor.toSeconds() / 60f);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(privateKey);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}

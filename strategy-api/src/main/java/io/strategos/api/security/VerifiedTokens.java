package io.strategos.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Verifies bearer tokens as smallrye-jwt does, and remembers for a short while the tokens it has
 * verified: a frontend sends the same token with every request until it expires, and checking its
 * RS256 signature every time was about a sixth of strategy-api's CPU under load.
 *
 * <p>Only tokens that passed verification are kept, by their exact text (a signed token's text
 * fixes its claims), so nothing unverified is ever served from here. One is verified again once it
 * has been kept for {@code strategos.api.auth.reverify-after} (so a key taken out of the verification
 * keys stops being honoured within that time) and is never served after its {@code exp}.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class VerifiedTokens extends JWTCallerPrincipalFactory {

    private record Verified(JWTCallerPrincipal principal, long verifiedAtMillis) {
    }

    private final JWTCallerPrincipalFactory verifier;
    /** Empty when none are to be kept. */
    private final Optional<Cache<String, Verified>> verified;
    private final long reverifyAfterMillis;
    private final Clock clock;

    @Inject
    public VerifiedTokens(@ConfigProperty(name = "strategos.api.auth.verified-tokens-kept") long kept,
                          @ConfigProperty(name = "strategos.api.auth.reverify-after") Duration reverifyAfter) {
        this(new DefaultJWTCallerPrincipalFactory(), kept, reverifyAfter, Clock.systemUTC());
    }

    VerifiedTokens(JWTCallerPrincipalFactory verifier, long kept, Duration reverifyAfter, Clock clock) {
        this.verifier = verifier;
        this.verified = kept > 0 ? Optional.of(Caffeine.newBuilder().maximumSize(kept).build()) : Optional.empty();
        this.reverifyAfterMillis = reverifyAfter.toMillis();
        this.clock = clock;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        long now = clock.millis();
        Verified known = verified.map(tokens -> tokens.getIfPresent(token)).orElse(null);
        if (known != null && now - known.verifiedAtMillis() < reverifyAfterMillis
                && now < known.principal().getExpirationTime() * 1000) {
            return known.principal();
        }
        JWTCallerPrincipal principal = verifier.parse(token, authContextInfo);
        verified.ifPresent(tokens -> tokens.put(token, new Verified(principal, now)));
        return principal;
    }

    /** Whether this token is kept as verified. */
    boolean remembers(String token) {
        return verified.map(tokens -> tokens.getIfPresent(token) != null).orElse(false);
    }
}

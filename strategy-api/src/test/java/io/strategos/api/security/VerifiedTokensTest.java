package io.strategos.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import io.strategos.localstack.testing.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final JWTAuthContextInfo CONTEXT = new JWTAuthContextInfo();

    /** Verifies by looking the token up: "valid-<exp epoch seconds>" passes, anything else fails. */
    private static final class CountingVerifier extends JWTCallerPrincipalFactory {
        final List<String> verified = new ArrayList<>();

        @Override
        public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
            verified.add(token);
            if (!token.startsWith("valid-")) {
                throw new ParseException("bad signature");
            }
            JwtClaims claims = new JwtClaims();
            claims.setSubject("someone");
            claims.setExpirationTime(NumericDate.fromSeconds(Long.parseLong(token.substring("valid-".length()))));
            return new DefaultJWTCallerPrincipal(claims);
        }
    }

    private final CountingVerifier verifier = new CountingVerifier();
    private final String token = "valid-" + NOW.plus(Duration.ofHours(1)).getEpochSecond();

    private VerifiedTokens at(Instant now, long kept) {
        return new VerifiedTokens(verifier, kept, Duration.ofSeconds(60), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aTokenVerifiedOnceIsNotVerifiedAgainWithinTheWindow() throws Exception {
        VerifiedTokens tokens = at(NOW, 100);

        JWTCallerPrincipal first = tokens.parse(token, CONTEXT);
        JWTCallerPrincipal second = tokens.parse(token, CONTEXT);

        assertThat(second).isSameAs(first);
        assertThat(verifier.verified).containsExactly(token);
    }

    @Test
    void aTokenIsVerifiedAgainAfterTheWindow() throws Exception {
        ManualClock clock = new ManualClock(NOW);
        VerifiedTokens tokens = new VerifiedTokens(verifier, 100, Duration.ofSeconds(60), clock);

        tokens.parse(token, CONTEXT);
        clock.set(NOW.plusSeconds(59));
        tokens.parse(token, CONTEXT);
        clock.set(NOW.plusSeconds(60));
        tokens.parse(token, CONTEXT);

        assertThat(verifier.verified).hasSize(2);
    }

    @Test
    void anExpiredTokenIsNeverServedFromMemory() throws Exception {
        ManualClock clock = new ManualClock(NOW);
        VerifiedTokens tokens = new VerifiedTokens(verifier, 100, Duration.ofSeconds(60), clock);
        String expiringSoon = "valid-" + NOW.plusSeconds(10).getEpochSecond();

        tokens.parse(expiringSoon, CONTEXT);
        clock.set(NOW.plusSeconds(10));
        tokens.parse(expiringSoon, CONTEXT);

        assertThat(verifier.verified).hasSize(2);
    }

    @Test
    void aTokenThatFailsIsNotRemembered() {
        VerifiedTokens tokens = at(NOW, 100);

        assertThatThrownBy(() -> tokens.parse("forged", CONTEXT)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.parse("forged", CONTEXT)).isInstanceOf(ParseException.class);

        assertThat(verifier.verified).containsExactly("forged", "forged");
    }

    @Test
    void keepingNoneVerifiesEveryTime() throws Exception {
        VerifiedTokens tokens = at(NOW, 0);

        tokens.parse(token, CONTEXT);
        tokens.parse(token, CONTEXT);

        assertThat(verifier.verified).hasSize(2);
    }
}

package io.strategos.api.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.strategos.localstack.testing.JwtTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The service authenticates through {@link VerifiedTokens}, not smallrye-jwt's default factory. */
@QuarkusTest
class VerifiedTokensInUseTest {

    @Inject
    VerifiedTokens tokens;

    @Test
    void aTokenThatAuthenticatedARequestIsRemembered() {
        String token = JwtTestResource.token("remembered-user");

        given().auth().oauth2(token).get("/api/v1/strategies").then().statusCode(200);

        assertThat(tokens.remembers(token)).isTrue();
    }

    @Test
    void aRefusedTokenIsNot() {
        String forged = JwtTestResource.tokenSignedByAnotherKey("forger");

        given().auth().oauth2(forged).get("/api/v1/strategies").then().statusCode(401);

        assertThat(tokens.remembers(forged)).isFalse();
    }
}

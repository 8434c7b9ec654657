package io.strategos.api.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.strategos.localstack.testing.JwtTestResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthenticationTest {

    private static void rejected(io.restassured.specification.RequestSpecification request) {
        request.get("/api/v1/strategies").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    @Test
    void missingTokenIsRejected() {
        rejected(given());
    }

    @Test
    void malformedTokenIsRejected() {
        rejected(given().auth().oauth2("not.a.jwt"));
    }

    @Test
    void expiredTokenIsRejected() {
        rejected(given().auth().oauth2(JwtTestResource.expiredToken("someone")));
    }

    @Test
    void tokenSignedWithAnotherKeyIsRejected() {
        rejected(given().auth().oauth2(JwtTestResource.tokenSignedByAnotherKey("someone")));
    }

    @Test
    void tokenFromAnotherIssuerIsRejected() {
        rejected(given().auth().oauth2(JwtTestResource.tokenFromAnotherIssuer("someone")));
    }

    @Test
    void overlongSubjectIsRejected() {
        rejected(given().auth().oauth2(JwtTestResource.token("u".repeat(129))));
    }
}

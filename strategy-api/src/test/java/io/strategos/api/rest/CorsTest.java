package io.strategos.api.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** A frontend on the configured origin (the test profile's) may call the API from a browser; any other may not. */
@QuarkusTest
class CorsTest {

    private static final String FRONTEND = "https://app.strategos.test";

    private final String user = Fixtures.newUser();

    @Test
    void aPreflightFromTheFrontendIsAnswered() {
        given().header("Origin", FRONTEND)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match")
                .options("/api/v1/strategies/00000000-0000-0000-0000-000000000000")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", FRONTEND)
                .header("Access-Control-Allow-Methods", containsString("PUT"))
                .header("Access-Control-Allow-Headers", containsString("If-Match"));
    }

    @Test
    void aCrossOriginReadExposesTheHeadersAFrontendNeeds() {
        String id = Fixtures.create(user, "Cross-origin");
        Fixtures.as(user).header("Origin", FRONTEND).get("/api/v1/strategies/" + id)
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", FRONTEND)
                .header("Access-Control-Expose-Headers", containsString("ETag"))
                .header("Access-Control-Expose-Headers", containsString("Location"))
                .header("Access-Control-Expose-Headers", containsString("Link"))
                .header("Access-Control-Expose-Headers", containsString("Retry-After"))
                .header("ETag", org.hamcrest.Matchers.notNullValue())
                .body("name", equalTo("Cross-origin"));
    }

    @Test
    void anotherOriginIsRefused() {
        Fixtures.as(user).header("Origin", "https://evil.example").get("/api/v1/strategies")
                .then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/v1/strategies")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }
}

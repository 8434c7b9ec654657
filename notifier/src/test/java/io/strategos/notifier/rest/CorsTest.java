package io.strategos.notifier.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.strategos.localstack.testing.JwtTestResource;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A frontend on the configured origin (the test profile's) may call notifier from a browser; any other may not. */
@QuarkusTest
class CorsTest {

    private static final String FRONTEND = "https://app.strategos.test";

    private final String user = "user-" + UUID.randomUUID();

    @Test
    void aPreflightFromTheFrontendIsAnswered() {
        given().header("Origin", FRONTEND)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/v1/notification-settings/profile")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", FRONTEND)
                .header("Access-Control-Allow-Methods", containsString("PUT"));
    }

    @Test
    void aCrossOriginReadExposesTheLinkHeader() {
        given().auth().oauth2(JwtTestResource.token(user)).header("Origin", FRONTEND).get("/api/v1/notifications")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", FRONTEND)
                .header("Access-Control-Expose-Headers", containsString("Link"))
                .header("Access-Control-Expose-Headers", containsString("ETag"));
    }

    @Test
    void anotherOriginIsRefused() {
        given().auth().oauth2(JwtTestResource.token(user)).header("Origin", "https://evil.example")
                .get("/api/v1/notifications")
                .then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }
}

package io.strategos.notifier.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.strategos.localstack.testing.JwtTestResource;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class NotificationSettingsResourceTest {

    private static final String SETTINGS = "/api/v1/notification-settings";

    private final String user = "user-" + UUID.randomUUID();

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(JwtTestResource.token(user)).contentType(ContentType.JSON);
    }

    private static String type(String name) {
        return "types.find { it.type == '" + name + "' }.";
    }

    @Test
    void aUserWhoSetNothingSeesEveryTypeWithItsDefault() {
        as(user).get(SETTINGS).then().statusCode(200)
                .body("timeZone", equalTo("UTC"))
                .body("email", nullValue())
                .body("types", hasSize(8))
                .body("types.type", equalTo(java.util.List.of("strategy_started", "strategy_paused", "strategy_stopped",
                        "strategy_error", "watchlist_updated", "execution_completed", "execution_failed", "custom")))
                .body(type("strategy_error") + "deliveryMethod", equalTo("both"))
                .body(type("execution_completed") + "deliveryMethod", equalTo("in_app"))
                .body(type("execution_completed") + "enabled", equalTo(true))
                .body(type("execution_failed") + "quietHours.enabled", equalTo(false));
    }

    @Test
    void aTypeSettingIsStoredForItsUserOnly() {
        as(user).body("""
                {"enabled": true, "deliveryMethod": "both", "quietHours": {"enabled": true, "start": "22:00", "end": "07:00"}}""")
                .put(SETTINGS + "/execution_failed").then().statusCode(200)
                .body("type", equalTo("execution_failed"))
                .body("deliveryMethod", equalTo("both"))
                .body("quietHours.start", equalTo("22:00"));
        as(user).body("{\"enabled\": false, \"deliveryMethod\": \"in_app\"}").put(SETTINGS + "/custom").then().statusCode(200);

        as(user).get(SETTINGS).then().statusCode(200)
                .body(type("execution_failed") + "enabled", equalTo(true))
                .body(type("execution_failed") + "deliveryMethod", equalTo("both"))
                .body(type("execution_failed") + "quietHours.enabled", equalTo(true))
                .body(type("execution_failed") + "quietHours.start", equalTo("22:00"))
                .body(type("execution_failed") + "quietHours.end", equalTo("07:00"))
                .body(type("custom") + "enabled", equalTo(false))
                .body(type("strategy_started") + "enabled", equalTo(true));
        as("someone-else-" + UUID.randomUUID()).get(SETTINGS).then().statusCode(200)
                .body(type("execution_failed") + "deliveryMethod", equalTo("in_app"))
                .body(type("custom") + "enabled", equalTo(true));
    }

    @Test
    void theProfileIsStoredAndAnEmailCanBeRemoved() {
        as(user).body("{\"timeZone\": \"Europe/Berlin\", \"email\": \"alice@example.com\"}").put(SETTINGS + "/profile")
                .then().statusCode(200).body("timeZone", equalTo("Europe/Berlin")).body("email", equalTo("alice@example.com"));
        as(user).get(SETTINGS).then().body("timeZone", equalTo("Europe/Berlin")).body("email", equalTo("alice@example.com"));

        as(user).body("{\"timeZone\": \"America/New_York\", \"email\": null}").put(SETTINGS + "/profile").then().statusCode(200);
        as(user).get(SETTINGS).then().body("timeZone", equalTo("America/New_York")).body("email", nullValue());
        as("someone-else-" + UUID.randomUUID()).get(SETTINGS).then().body("timeZone", equalTo("UTC"));
    }

    @Test
    void eachInvalidFieldIsNamed() {
        as(user).body("{\"enabled\": tru").put(SETTINGS + "/custom").then().statusCode(400)
                .contentType("application/problem+json").body("detail", startsWith("the body is not valid JSON"));
        as(user).body("{\"enabled\": true, \"deliveryMethod\": \"in_app\"}").put(SETTINGS + "/teleported")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].pointer", equalTo("type"));
        as(user).body("{\"enabled\": true, \"deliveryMethod\": \"sms\"}").put(SETTINGS + "/custom")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].pointer", equalTo("/deliveryMethod"));
        as(user).body("{\"deliveryMethod\": \"email\"}").put(SETTINGS + "/custom")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/enabled"));
        as(user).body("{\"enabled\": \"perhaps\", \"deliveryMethod\": \"email\"}").put(SETTINGS + "/custom")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].pointer", equalTo("/enabled"));
        as(user).body("""
                {"enabled": true, "deliveryMethod": "email", "quietHours": {"enabled": true, "start": "10pm", "end": "07:00"}}""")
                .put(SETTINGS + "/custom").then().statusCode(400).body("errors[0].pointer", equalTo("/quietHours/start"));
        as(user).body("""
                {"enabled": true, "deliveryMethod": "email", "quietHours": {"enabled": true, "start": "22:00", "end": "22:00"}}""")
                .put(SETTINGS + "/custom").then().statusCode(400).body("errors[0].pointer", equalTo("/quietHours/end"));
        as(user).body("""
                {"enabled": true, "deliveryMethod": "email", "quietHours": {"enabled": true, "start": "22:00"}}""")
                .put(SETTINGS + "/custom").then().statusCode(400).body("errors[0].pointer", equalTo("/quietHours/end"));
        as(user).put(SETTINGS + "/custom").then().statusCode(400).contentType("application/problem+json");
        as(user).body("{\"enabled\": tru").put(SETTINGS + "/custom").then().statusCode(400).contentType("application/problem+json");

        as(user).body("{\"timeZone\": \"Mars/Olympus_Mons\", \"email\": \"alice@example.com\"}").put(SETTINGS + "/profile")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].pointer", equalTo("/timeZone"));
        as(user).body("{\"timeZone\": \"UTC\", \"email\": \"not an address\"}").put(SETTINGS + "/profile")
                .then().statusCode(400).body("errors", hasSize(1)).body("errors[0].pointer", equalTo("/email"));

        // Nothing invalid was stored.
        as(user).get(SETTINGS).then().body(type("custom") + "deliveryMethod", equalTo("in_app")).body("timeZone", equalTo("UTC"));
    }

    @Test
    void aTokenIsRequired() {
        given().get(SETTINGS).then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"enabled\": true, \"deliveryMethod\": \"in_app\"}").put(SETTINGS + "/custom")
                .then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"timeZone\": \"UTC\"}").put(SETTINGS + "/profile")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(JwtTestResource.expiredToken(user)).get(SETTINGS).then().statusCode(401);
    }

    /** PostgreSQL cannot store a NUL character: a 400 naming the field, never a 500. */
    @Test
    void aNulCharacterIsRefusedWhereverItIs() {
        as(user).body("{\"timeZone\": \"UTC\", \"email\": \"a\\u0000b@example.com\"}").put(SETTINGS + "/profile")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/email"))
                .body("errors[0].message", equalTo("must not contain the NUL character (\\u0000)"));
        as(user).body("{\"timeZone\": \"UTC\\u0000\"}").put(SETTINGS + "/profile")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/timeZone"));
        as(user).body("{\"enabled\": true, \"deliveryMethod\": \"both\\u0000\"}").put(SETTINGS + "/custom")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/deliveryMethod"));
        as(user).body("{\"enabled\": true, \"deliveryMethod\": \"both\", \"quietHours\": {\"enabled\": true, \"start\": \"22:00\\u0000\", \"end\": \"07:00\"}}")
                .put(SETTINGS + "/custom").then().statusCode(400).body("errors[0].pointer", equalTo("/quietHours/start"));
        as(user).body("{\"enabled\": true, \"deliveryMethod\": \"both\"}").put(SETTINGS + "/cus%00tom")
                .then().statusCode(400).body("errors[0].pointer", equalTo("type"));
        as(user).queryParam("type", "custom\u0000").get("/api/v1/notifications")
                .then().statusCode(400).body("errors[0].pointer", equalTo("type"));
        as(user).queryParam("cursor", "abc\u0000").get("/api/v1/notifications")
                .then().statusCode(400).contentType("application/problem+json");
    }
}

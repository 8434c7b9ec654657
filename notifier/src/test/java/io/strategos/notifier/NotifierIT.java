package io.strategos.notifier;

import static io.restassured.RestAssured.given;
import static io.strategos.notifier.testing.EventTopics.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.quarkus.test.common.http.TestHTTPResource;
import io.strategos.localstack.testing.JwtTestResource;
import io.strategos.localstack.testing.SseClient;
import io.strategos.localstack.testing.SseClient.Event;
import io.strategos.notifier.testing.EventTopics;
import io.strategos.notifier.testing.GreenMailTestResource;
import io.strategos.notifier.testing.Mailbox;
import io.strategos.notifier.testing.Mailbox.ReceivedEmail;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged notifier (the jar in CI, the native executable with -Dnative) as a separate process:
 * events go in through Kafka, notifications and preferences are read and written over REST with a
 * token, dead letters are read back from Kafka.
 */
@QuarkusIntegrationTest
class NotifierIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static EventTopics topics;

    @TestHTTPResource("/api/v1/notifications/stream")
    URI stream;

    private final String user = "user-" + UUID.randomUUID();

    @BeforeAll
    static void connect() {
        // The test resources' settings, which the application got as its configuration, are system properties here.
        topics = new EventTopics(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterAll
    static void disconnect() {
        topics.close();
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(JwtTestResource.token(user)).contentType(ContentType.JSON);
    }

    private List<String> notificationTypes() {
        return as(user).get("/api/v1/notifications").then().statusCode(200).extract().jsonPath().getList("items.type", String.class);
    }

    @Test
    void anEventBecomesANotificationOfItsOwner() throws Exception {
        UUID strategy = UUID.randomUUID();
        topics.publish(strategy, event(UUID.randomUUID().toString(), "execution_failed", user, strategy));

        await().atMost(Duration.ofSeconds(30)).until(() -> notificationTypes().equals(List.of("execution_failed")));
        String id = as(user).get("/api/v1/notifications").then()
                .body("items[0].priority", equalTo("high"))
                .body("items[0].strategyId", equalTo(strategy.toString()))
                .body("items[0].read", equalTo(false))
                .extract().path("items[0].id");
        as(user).get("/api/v1/notifications/unread-count").then().statusCode(200).body("count", equalTo(1));
        as(user).post("/api/v1/notifications/" + id + "/read").then().statusCode(204);
        as(user).get("/api/v1/notifications/unread-count").then().body("count", equalTo(0));
        as("someone-else-" + UUID.randomUUID()).get("/api/v1/notifications").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void preferencesAreStoredAndApplyToLaterEvents() throws Exception {
        as(user).body("{\"enabled\": false, \"deliveryMethod\": \"in_app\"}")
                .put("/api/v1/notification-settings/execution_completed")
                .then().statusCode(200).body("type", equalTo("execution_completed")).body("enabled", equalTo(false));
        as(user).body("{\"timeZone\": \"Europe/Berlin\", \"email\": null}").put("/api/v1/notification-settings/profile")
                .then().statusCode(200).body("timeZone", equalTo("Europe/Berlin"));
        as(user).get("/api/v1/notification-settings").then().statusCode(200)
                .body("timeZone", equalTo("Europe/Berlin"))
                .body("types.find { it.type == 'execution_completed' }.enabled", equalTo(false))
                .body("types.find { it.type == 'strategy_error' }.enabled", equalTo(true));

        UUID strategy = UUID.randomUUID();
        topics.publish(strategy, event(UUID.randomUUID().toString(), "execution_completed", user, strategy));
        topics.publish(strategy, event(UUID.randomUUID().toString(), "strategy_error", user, strategy));
        // Events of one strategy are consumed in order: once the second is in, the first was dropped.
        await().atMost(Duration.ofSeconds(30)).until(() -> !notificationTypes().isEmpty());
        assertThat(notificationTypes()).containsExactly("strategy_error");
    }

    @Test
    void aMalformedEventGoesToTheDeadLetterTopicAndConsumptionGoesOn() throws Exception {
        UUID strategy = UUID.randomUUID();
        topics.publish(strategy, "{\"specversion\": \"1.0\", truncated");
        topics.publish(strategy, event(UUID.randomUUID().toString(), "teleported", user, strategy));
        topics.publish(strategy, event(UUID.randomUUID().toString(), "strategy_paused", user, strategy));

        await().atMost(Duration.ofSeconds(30)).until(() -> notificationTypes().contains("strategy_paused"));
        List<ConsumerRecord<String, String>> dead = topics.deadLetters(strategy, 2);
        assertThat(dead).hasSize(2);
        assertThat(dead.get(0).value()).isEqualTo("{\"specversion\": \"1.0\", truncated");
        assertThat(new String(dead.get(1).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("unknown event type");
    }

    @Test
    void theStreamCarriesTheUnreadCountAndNewNotifications() throws Exception {
        try (SseClient client = SseClient.open(stream, JwtTestResource.token(user), null)) {
            assertThat(client.status()).isEqualTo(200);
            Event opening = client.next(WAIT);
            assertThat(opening.name()).isEqualTo("unread-count");
            assertThat(new JsonObject(opening.data()).getLong("unreadCount")).isZero();

            UUID strategy = UUID.randomUUID();
            topics.publish(strategy, event(UUID.randomUUID().toString(), "execution_failed", user, strategy));
            Event created = client.next(WAIT);
            assertThat(created.name()).isEqualTo("notification");
            JsonObject change = new JsonObject(created.data());
            assertThat(change.getJsonObject("notification").getString("strategyId")).isEqualTo(strategy.toString());
            assertThat(change.getJsonObject("notification").getString("priority")).isEqualTo("high");
            assertThat(change.getLong("unreadCount")).isEqualTo(1);
        }
    }

    @Test
    void anEventTheOwnerWantsByEmailIsSentAsOne() throws Exception {
        String address = user + "@example.com";
        as(user).body(Map.of("timeZone", "UTC", "email", address)).put("/api/v1/notification-settings/profile")
                .then().statusCode(200);
        as(user).body("{\"enabled\": true, \"deliveryMethod\": \"both\"}")
                .put("/api/v1/notification-settings/execution_failed").then().statusCode(200);

        UUID strategy = UUID.randomUUID();
        topics.publish(strategy, event(UUID.randomUUID().toString(), "execution_failed", user, strategy));

        // Sent by the email job's next round (every 10 s, the packaged default).
        int imapPort = ConfigProvider.getConfig().getValue(GreenMailTestResource.IMAP_PORT_PROPERTY, Integer.class);
        await().atMost(WAIT).until(() -> !Mailbox.of(imapPort, address).isEmpty());
        ReceivedEmail email = Mailbox.of(imapPort, address).getFirst();
        assertThat(email.subject()).isEqualTo("Run failed");
        assertThat(email.body()).contains("\"Test strategy\" failed: all good");
    }

    @Test
    void servesHealthAndRefusesRequestsWithoutAToken() {
        // Ready once the consumer group has assigned this replica its partitions, moments after start.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
        given().get("/api/v1/notifications").then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }
}

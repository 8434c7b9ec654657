package io.strategos.notifier.email;

import static io.restassured.RestAssured.given;
import static io.strategos.notifier.testing.EventTopics.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.strategos.localstack.testing.JwtTestResource;
import io.strategos.model.event.EventType;
import io.strategos.notifier.testing.EventTopics;
import io.strategos.notifier.testing.GreenMailTestResource;
import io.strategos.notifier.testing.Mailbox;
import io.strategos.notifier.testing.Mailbox.ReceivedEmail;
import io.strategos.notifier.testing.TestClock;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events on a real Kafka broker, through preferences, to notifications and to emails on a real SMTP server. */
@QuarkusTest
class EmailDeliveryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = GreenMailTestResource.IMAP_PORT_PROPERTY)
    int imapPort;

    @Inject
    Pool pool;

    @Inject
    TestClock clock;

    private EventTopics topics;
    private final String user = "user-" + UUID.randomUUID();
    private final String address = user + "@example.com";

    @BeforeEach
    void connect() {
        topics = new EventTopics(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        topics.close();
        clock.reset();
    }

    private String publish(EventType type, UUID strategy) throws Exception {
        String id = UUID.randomUUID().toString();
        topics.publish(strategy, event(id, type.typeName(), user, strategy));
        return id;
    }

    private void profile(String zone) {
        given().auth().oauth2(JwtTestResource.token(user)).contentType(ContentType.JSON)
                .body(Map.of("timeZone", zone, "email", address))
                .put("/api/v1/notification-settings/profile").then().statusCode(200);
    }

    private void setting(EventType type, String body) {
        given().auth().oauth2(JwtTestResource.token(user)).contentType(ContentType.JSON).body(body)
                .put("/api/v1/notification-settings/" + type.typeName()).then().statusCode(200);
    }

    private JsonPath notifications() {
        return given().auth().oauth2(JwtTestResource.token(user)).get("/api/v1/notifications")
                .then().statusCode(200).extract().jsonPath();
    }

    private List<ReceivedEmail> inbox() {
        return Mailbox.of(imapPort, address);
    }

    private List<String> statuses(String sql) {
        List<String> statuses = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.of(user)).await().indefinitely().forEach(row -> statuses.add(row.getString(0)));
        return statuses;
    }

    @Test
    void everyEventTypeBecomesANotificationAndAnEmail() throws Exception {
        profile("Europe/Berlin");
        for (EventType type : EventType.values()) {
            setting(type, "{\"enabled\": true, \"deliveryMethod\": \"both\"}");
        }
        UUID strategy = UUID.randomUUID();
        for (EventType type : EventType.values()) {
            publish(type, strategy);
        }

        await().atMost(PATIENCE).until(() -> notifications().getList("items").size() == EventType.values().length);
        JsonPath received = notifications();
        for (EventType type : EventType.values()) {
            String priority = received.getString("items.find { it.type == '" + type.typeName() + "' }.priority");
            assertThat(priority).as(type.typeName()).isEqualTo(switch (type) {
                case STRATEGY_ERROR -> "urgent";
                case EXECUTION_FAILED -> "high";
                case EXECUTION_COMPLETED, WATCHLIST_UPDATED -> "low";
                default -> "normal";
            });
        }
        assertThat(received.getList("items.strategyId", String.class)).containsOnly(strategy.toString());

        await().atMost(PATIENCE).until(() -> inbox().size() == EventType.values().length);
        assertThat(inbox()).extracting(ReceivedEmail::subject).containsExactlyInAnyOrder("Strategy started", "Strategy paused",
                "Strategy stopped", "Strategy needs attention", "Watchlist updated", "Run completed", "Run failed",
                "Message from \"Test strategy\"");
        await().atMost(PATIENCE).until(() -> statuses("SELECT status FROM notifier.email_deliveries WHERE user_id = $1")
                .stream().allMatch("sent"::equals));
    }

    @Test
    void repeatsWithinTheWindowCollapseIntoOneNotificationAndOneEmail() throws Exception {
        profile("UTC");
        setting(EventType.EXECUTION_FAILED, "{\"enabled\": true, \"deliveryMethod\": \"both\"}");
        UUID failing = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        publish(EventType.EXECUTION_FAILED, failing);
        publish(EventType.EXECUTION_FAILED, failing);
        publish(EventType.EXECUTION_FAILED, failing);
        publish(EventType.EXECUTION_FAILED, other);

        await().atMost(PATIENCE).until(() -> notifications().getList("items").size() == 2
                && notifications().getInt("items.find { it.strategyId == '" + failing + "' }.count") == 3);
        assertThat(notifications().getInt("items.find { it.strategyId == '" + other + "' }.count")).isEqualTo(1);
        assertThat(statuses("SELECT status FROM notifier.email_deliveries WHERE user_id = $1")).hasSize(2);
        await().atMost(PATIENCE).until(() -> inbox().size() == 2);

        // Once the window has passed, a repeat is news again.
        clock.advance(Duration.ofHours(2));
        publish(EventType.EXECUTION_FAILED, failing);
        await().atMost(PATIENCE).until(() -> notifications().getList("items").size() == 3);
        await().atMost(PATIENCE).until(() -> inbox().size() == 3);
    }

    @Test
    void aRedeliveredEventWritesOneEmail() throws Exception {
        profile("UTC");
        setting(EventType.STRATEGY_STOPPED, "{\"enabled\": true, \"deliveryMethod\": \"email\"}");
        UUID strategy = UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        String event = event(id, EventType.STRATEGY_STOPPED.typeName(), user, strategy);
        topics.publish(strategy, event);
        topics.publish(strategy, event);
        String marker = publish(EventType.STRATEGY_ERROR, strategy);

        await().atMost(PATIENCE).until(() -> statuses("SELECT source_event_id FROM notifier.email_deliveries WHERE user_id = $1")
                .contains(marker));
        assertThat(statuses("SELECT source_event_id FROM notifier.email_deliveries WHERE user_id = $1")).containsExactlyInAnyOrder(id, marker);
        // Email only: no in-app notification for the stop; the error is in-app and email by default.
        assertThat(notifications().getList("items.type", String.class)).containsExactly("strategy_error");
        await().atMost(PATIENCE).until(() -> inbox().size() == 2);
        assertThat(inbox()).extracting(ReceivedEmail::subject).containsExactlyInAnyOrder("Strategy stopped", "Strategy needs attention");
    }

    @Test
    void emailsDuringQuietHoursAreHeldAndSentAfterThemAsOneDigestWhileUrgentOnesGoAtOnce() throws Exception {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        profile(tokyo.getId());
        // Quiet hours around the present in the user's zone, whatever the hour of the test run.
        LocalTime now = LocalTime.now(tokyo).truncatedTo(ChronoUnit.MINUTES);
        String quiet = "{\"enabled\": true, \"deliveryMethod\": \"both\", \"quietHours\": {\"enabled\": true, \"start\": \"%s\", \"end\": \"%s\"}}"
                .formatted(now.minusHours(1), now.plusHours(1));
        setting(EventType.EXECUTION_FAILED, quiet);
        setting(EventType.WATCHLIST_UPDATED, quiet);
        setting(EventType.STRATEGY_ERROR, quiet);
        UUID strategy = UUID.randomUUID();
        publish(EventType.EXECUTION_FAILED, strategy);
        publish(EventType.WATCHLIST_UPDATED, strategy);
        publish(EventType.STRATEGY_ERROR, strategy);

        await().atMost(PATIENCE).until(() -> notifications().getList("items").size() == 3);
        JsonPath received = notifications();
        assertThat(received.getBoolean("items.find { it.type == 'execution_failed' }.silent")).isTrue();
        assertThat(received.getBoolean("items.find { it.type == 'watchlist_updated' }.silent")).isTrue();
        assertThat(received.getBoolean("items.find { it.type == 'strategy_error' }.silent")).isFalse();

        // The urgent one is not held.
        await().atMost(PATIENCE).until(() -> inbox().size() == 1);
        assertThat(inbox().getFirst().subject()).isEqualTo("Strategy needs attention");
        assertThat(statuses("SELECT status FROM notifier.email_deliveries WHERE user_id = $1 AND kind = 'single' AND status = 'held'"))
                .hasSize(2);

        // The quiet hours end: both held emails arrive together.
        clock.advance(Duration.ofHours(2));
        await().atMost(PATIENCE).until(() -> inbox().size() == 2);
        ReceivedEmail digest = inbox().get(1);
        assertThat(digest.subject()).isEqualTo("2 notifications from your quiet hours");
        assertThat(digest.body()).contains("Run failed", "Watchlist updated").doesNotContain("Strategy needs attention");
        await().atMost(PATIENCE).until(() -> statuses("SELECT status FROM notifier.email_deliveries WHERE user_id = $1")
                .stream().allMatch("sent"::equals));
        assertThat(statuses("SELECT kind FROM notifier.email_deliveries WHERE user_id = $1")).containsOnlyOnce("digest");
    }

    @Test
    void anEmailThatCannotBeSentIsRetriedThenMarkedFailed() throws Exception {
        // An address the API would refuse, written past it, so that every attempt fails.
        pool.preparedQuery("INSERT INTO notifier.notification_profiles (user_id, time_zone, email) VALUES ($1, 'UTC', 'not an address')")
                .execute(Tuple.of(user)).await().indefinitely();
        setting(EventType.STRATEGY_PAUSED, "{\"enabled\": true, \"deliveryMethod\": \"email\"}");
        publish(EventType.STRATEGY_PAUSED, UUID.randomUUID());

        String attemptsAndError = "SELECT status || ' ' || attempts || ' ' || (last_error IS NOT NULL) FROM notifier.email_deliveries WHERE user_id = $1";
        await().atMost(PATIENCE).until(() -> statuses(attemptsAndError).equals(List.of("failed 3 true")));
    }

    @Test
    void heldEmailsOfAUserWhoRemovedTheirAddressFailInsteadOfGoingAnywhere() throws Exception {
        profile("UTC");
        LocalTime now = LocalTime.now(ZoneId.of("UTC")).truncatedTo(ChronoUnit.MINUTES);
        setting(EventType.STRATEGY_STOPPED, "{\"enabled\": true, \"deliveryMethod\": \"email\", \"quietHours\": {\"enabled\": true, \"start\": \"%s\", \"end\": \"%s\"}}"
                .formatted(now.minusHours(1), now.plusHours(1)));
        publish(EventType.STRATEGY_STOPPED, UUID.randomUUID());
        await().atMost(PATIENCE).until(() -> statuses("SELECT status FROM notifier.email_deliveries WHERE user_id = $1").equals(List.of("held")));

        given().auth().oauth2(JwtTestResource.token(user)).contentType(ContentType.JSON).body("{\"timeZone\": \"UTC\", \"email\": null}")
                .put("/api/v1/notification-settings/profile").then().statusCode(200);
        clock.advance(Duration.ofHours(2));

        await().atMost(PATIENCE).until(() -> statuses("SELECT kind || ' ' || status FROM notifier.email_deliveries WHERE user_id = $1")
                .stream().sorted().toList().equals(List.of("digest failed", "single failed")));
        assertThat(inbox()).isEmpty();
    }
}

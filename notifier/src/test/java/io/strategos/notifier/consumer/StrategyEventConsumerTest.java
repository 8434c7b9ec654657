package io.strategos.notifier.consumer;

import static io.restassured.RestAssured.given;
import static io.strategos.notifier.testing.EventTopics.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.strategos.localstack.testing.JwtTestResource;
import io.strategos.notifier.testing.EventTopics;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events published to a real Kafka broker, notifications read over REST. */
@QuarkusTest
class StrategyEventConsumerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Pool pool;

    private EventTopics topics;
    private final String user = "user-" + UUID.randomUUID();

    @BeforeEach
    void connect() {
        topics = new EventTopics(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        topics.close();
    }

    private JsonPath notifications(String user) {
        return given().auth().oauth2(JwtTestResource.token(user)).get("/api/v1/notifications")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anEventBecomesANotificationForItsOwnerOnly() throws Exception {
        UUID strategy = UUID.randomUUID();
        topics.publish(strategy, event(UUID.randomUUID().toString(), "execution_failed", user, strategy));

        await().atMost(Duration.ofSeconds(30)).until(() -> notifications(user).getList("items").size() == 1);
        given().auth().oauth2(JwtTestResource.token(user)).get("/api/v1/notifications")
                .then().body("items[0].type", equalTo("execution_failed"))
                .body("items[0].priority", equalTo("high"))
                .body("items[0].strategyId", equalTo(strategy.toString()))
                .body("items[0].read", equalTo(false));
        given().auth().oauth2(JwtTestResource.token("someone-else")).get("/api/v1/notifications")
                .then().statusCode(200).body("items", hasSize(0));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("strategos_notifier_events_total{outcome=\"applied\""))
                .body(containsString("strategos_notifier_event_lag_seconds_bucket"));
    }

    @Test
    void aStrategyEventWithoutARunIsNotifiedToo() throws Exception {
        UUID strategy = UUID.randomUUID();
        topics.publish(strategy, """
                {"specversion": "1.0", "id": "%s", "source": "/strategos/strategy-api", "type": "strategos.strategy_started",
                 "subject": "%s", "time": "2026-11-22T04:36:22.438278Z", "datacontenttype": "application/json",
                 "data": {"userId": "%s", "strategyId": "%s", "strategyName": "Demo", "status": "running",
                          "message": "started by deployment"}}""".formatted(UUID.randomUUID(), strategy, user, strategy));

        await().atMost(Duration.ofSeconds(30)).until(() -> notifications(user).getList("items").size() == 1);
        given().auth().oauth2(JwtTestResource.token(user)).get("/api/v1/notifications")
                .then().body("items[0].type", equalTo("strategy_started")).body("items[0].executionId", equalTo(null));
    }

    @Test
    void aRedeliveredEventCreatesOneNotification() throws Exception {
        UUID strategy = UUID.randomUUID();
        String event = event(UUID.randomUUID().toString(), "execution_completed", user, strategy);
        topics.publish(strategy, event);
        topics.publish(strategy, event);
        String marker = event(UUID.randomUUID().toString(), "strategy_started", user, strategy);
        topics.publish(strategy, marker);

        // The later event on the same key is applied after both copies of the first.
        await().atMost(Duration.ofSeconds(30)).until(() -> notifications(user).getList("items.type").contains("strategy_started"));
        assertThat(notifications(user).getList("items.type", String.class)).containsExactlyInAnyOrder("execution_completed", "strategy_started");
    }

    @Test
    void repeatsOfATypeForAStrategyBecomeOneNotificationWithACount() throws Exception {
        UUID strategy = UUID.randomUUID();
        topics.publish(strategy, event(UUID.randomUUID().toString(), "execution_failed", user, strategy));
        await().atMost(Duration.ofSeconds(30)).until(() -> notifications(user).getList("items").size() == 1);

        // Sent together, these mostly arrive in one batch: folded in memory, then into the stored one.
        topics.publishAll(strategy, Stream.generate(() -> event(UUID.randomUUID().toString(), "execution_failed", user, strategy))
                .limit(4).toList());

        await().atMost(Duration.ofSeconds(30)).until(() -> notifications(user).getInt("items[0].count") == 5);
        assertThat(notifications(user).getList("items")).hasSize(1);
    }

    @Test
    void aDisabledTypeCreatesNothing() throws Exception {
        pool.preparedQuery("INSERT INTO notifier.notification_settings (user_id, notification_type, enabled) VALUES ($1, 'execution_completed', false)")
                .execute(Tuple.of(user)).await().indefinitely();
        UUID strategy = UUID.randomUUID();
        topics.publish(strategy, event(UUID.randomUUID().toString(), "execution_completed", user, strategy));
        topics.publish(strategy, event(UUID.randomUUID().toString(), "strategy_error", user, strategy));

        await().atMost(Duration.ofSeconds(30)).until(() -> !notifications(user).getList("items").isEmpty());
        assertThat(notifications(user).getList("items.type", String.class)).containsExactly("strategy_error");
        assertThat(notifications(user).getList("items.priority", String.class)).containsExactly("urgent");
    }

    @Test
    void aPoisonEventGoesToTheDeadLetterTopicAndConsumptionGoesOn() throws Exception {
        UUID strategy = UUID.randomUUID();
        topics.publish(strategy, "this is not json");
        topics.publish(strategy, event(UUID.randomUUID().toString(), "teleported", user, strategy));
        topics.publish(strategy, event(UUID.randomUUID().toString(), "strategy_paused", user, strategy));

        await().atMost(Duration.ofSeconds(30)).until(() -> notifications(user).getList("items.type").contains("strategy_paused"));

        List<ConsumerRecord<String, String>> dead = topics.deadLetters(strategy, 2);
        assertThat(dead).hasSize(2);
        assertThat(dead.get(0).value()).isEqualTo("this is not json");
        assertThat(new String(dead.get(1).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("unknown event type");
    }

    @Test
    void anEventTheDatabaseRefusesGoesToTheDeadLetterTopicAndTheRestOfItsBatchIsApplied() throws Exception {
        UUID strategy = UUID.randomUUID();
        // PostgreSQL text cannot hold a NUL character: the event parses, but cannot be stored.
        String unstorable = event(UUID.randomUUID().toString(), "strategy_stopped", user, strategy)
                .replace("\"all good\"", "\"nul \\u0000 inside\"");
        topics.publishAll(strategy, List.of(event(UUID.randomUUID().toString(), "strategy_started", user, strategy),
                unstorable, event(UUID.randomUUID().toString(), "strategy_paused", user, strategy)));

        await().atMost(Duration.ofSeconds(30)).until(() -> notifications(user).getList("items").size() == 2);
        assertThat(notifications(user).getList("items.type", String.class)).containsExactly("strategy_paused", "strategy_started");
        List<ConsumerRecord<String, String>> dead = topics.deadLetters(strategy, 1);
        assertThat(dead.getFirst().value()).isEqualTo(unstorable);
        assertThat(new String(dead.getFirst().headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .startsWith("refused by the database");
    }

    @Test
    void notificationsNeedAToken() {
        given().get("/api/v1/notifications").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(JwtTestResource.token(user)).get("/api/v1/notifications?type=nonsense")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].pointer", equalTo("type"));
    }
}

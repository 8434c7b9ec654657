package io.strategos.notifier.consumer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.strategos.localstack.testing.JwtTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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

    private KafkaProducer<String, String> producer;
    private final String user = "user-" + UUID.randomUUID();

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    @AfterEach
    void disconnect() {
        producer.close();
    }

    static String event(String id, String type, String user, UUID strategyId) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/test", "type": "strategos.%s", "subject": "%s",
                 "time": "%s", "datacontenttype": "application/json",
                 "data": {"userId": "%s", "strategyId": "%s", "strategyName": "Test strategy",
                          "executionId": "%s", "status": "success", "durationMs": 12, "message": "all good"}}"""
                .formatted(id, type, strategyId, Instant.now(), user, strategyId, UUID.randomUUID());
    }

    private void publish(String key, String value) throws Exception {
        producer.send(new ProducerRecord<>("strategy-events", key, value)).get();
    }

    private JsonPath notifications(String user) {
        return given().auth().oauth2(JwtTestResource.token(user)).get("/api/v1/notifications")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anEventBecomesANotificationForItsOwnerOnly() throws Exception {
        UUID strategy = UUID.randomUUID();
        publish(strategy.toString(), event(UUID.randomUUID().toString(), "execution_failed", user, strategy));

        await().atMost(Duration.ofSeconds(30)).until(() -> notifications(user).getList("$").size() == 1);
        given().auth().oauth2(JwtTestResource.token(user)).get("/api/v1/notifications")
                .then().body("[0].type", equalTo("execution_failed"))
                .body("[0].priority", equalTo("high"))
                .body("[0].strategyId", equalTo(strategy.toString()))
                .body("[0].read", equalTo(false));
        given().auth().oauth2(JwtTestResource.token("someone-else")).get("/api/v1/notifications")
                .then().statusCode(200).body("$", hasSize(0));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("strategos_notifier_events_total{outcome=\"applied\""))
                .body(containsString("strategos_notifier_event_lag_seconds_bucket"));
    }

    @Test
    void aStrategyEventWithoutARunIsNotifiedToo() throws Exception {
        UUID strategy = UUID.randomUUID();
        publish(strategy.toString(), """
                {"specversion": "1.0", "id": "%s", "source": "/strategos/strategy-api", "type": "strategos.strategy_started",
                 "subject": "%s", "time": "2026-11-22T04:36:22.438278Z", "datacontenttype": "application/json",
                 "data": {"userId": "%s", "strategyId": "%s", "strategyName": "Demo", "status": "running",
                          "message": "started by deployment"}}""".formatted(UUID.randomUUID(), strategy, user, strategy));

        await().atMost(Duration.ofSeconds(30)).until(() -> notifications(user).getList("$").size() == 1);
        given().auth().oauth2(JwtTestResource.token(user)).get("/api/v1/notifications")
                .then().body("[0].type", equalTo("strategy_started")).body("[0].executionId", equalTo(null));
    }

    @Test
    void aRedeliveredEventCreatesOneNotification() throws Exception {
        UUID strategy = UUID.randomUUID();
        String event = event(UUID.randomUUID().toString(), "execution_completed", user, strategy);
        publish(strategy.toString(), event);
        publish(strategy.toString(), event);
        String marker = event(UUID.randomUUID().toString(), "strategy_started", user, strategy);
        publish(strategy.toString(), marker);

        // The later event on the same key is applied after both copies of the first.
        await().atMost(Duration.ofSeconds(30)).until(() -> notifications(user).getList("type").contains("strategy_started"));
        assertThat(notifications(user).getList("type", String.class)).containsExactlyInAnyOrder("execution_completed", "strategy_started");
    }

    @Test
    void repeatsOfATypeForAStrategyBecomeOneNotificationWithACount() throws Exception {
        UUID strategy = UUID.randomUUID();
        publish(strategy.toString(), event(UUID.randomUUID().toString(), "execution_failed", user, strategy));
        await().atMost(Duration.ofSeconds(30)).until(() -> notifications(user).getList("$").size() == 1);

        // Sent together, these mostly arrive in one batch: folded in memory, then into the stored one.
        for (int i = 0; i < 4; i++) {
            producer.send(new ProducerRecord<>("strategy-events", strategy.toString(),
                    event(UUID.randomUUID().toString(), "execution_failed", user, strategy)));
        }
        producer.flush();

        await().atMost(Duration.ofSeconds(30)).until(() -> notifications(user).getInt("[0].count") == 5);
        assertThat(notifications(user).getList("$")).hasSize(1);
    }

    @Test
    void aDisabledTypeCreatesNothing() throws Exception {
        pool.preparedQuery("INSERT INTO notifier.notification_settings (user_id, notification_type, enabled) VALUES ($1, 'execution_completed', false)")
                .execute(Tuple.of(user)).await().indefinitely();
        UUID strategy = UUID.randomUUID();
        publish(strategy.toString(), event(UUID.randomUUID().toString(), "execution_completed", user, strategy));
        publish(strategy.toString(), event(UUID.randomUUID().toString(), "strategy_error", user, strategy));

        await().atMost(Duration.ofSeconds(30)).until(() -> !notifications(user).getList("$").isEmpty());
        assertThat(notifications(user).getList("type", String.class)).containsExactly("strategy_error");
        assertThat(notifications(user).getList("priority", String.class)).containsExactly("urgent");
    }

    @Test
    void aPoisonEventGoesToTheDeadLetterTopicAndConsumptionGoesOn() throws Exception {
        UUID strategy = UUID.randomUUID();
        publish(strategy.toString(), "this is not json");
        publish(strategy.toString(), event(UUID.randomUUID().toString(), "teleported", user, strategy));
        publish(strategy.toString(), event(UUID.randomUUID().toString(), "strategy_paused", user, strategy));

        await().atMost(Duration.ofSeconds(30)).until(() -> notifications(user).getList("type").contains("strategy_paused"));

        try (KafkaConsumer<String, String> dlq = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            dlq.subscribe(List.of("strategy-events-dlq"));
            List<ConsumerRecord<String, String>> dead = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                dlq.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (strategy.toString().equals(r.key())) {
                        dead.add(r);
                    }
                });
                return dead.size() == 2;
            });
            assertThat(dead.get(0).value()).isEqualTo("this is not json");
            assertThat(new String(dead.get(1).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .contains("unknown event type");
        }
    }

    @Test
    void notificationsNeedAToken() {
        given().get("/api/v1/notifications").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(JwtTestResource.token(user)).get("/api/v1/notifications?type=nonsense")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].pointer", equalTo("type"));
    }
}

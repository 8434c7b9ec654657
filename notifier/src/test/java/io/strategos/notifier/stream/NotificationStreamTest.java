package io.strategos.notifier.stream;

import static io.strategos.notifier.testing.EventTopics.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strategos.localstack.testing.JwtTestResource;
import io.strategos.localstack.testing.SseClient;
import io.strategos.localstack.testing.SseClient.Event;
import io.strategos.model.stream.StreamRegistry;
import io.strategos.notifier.testing.EventTopics;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/notifications/stream, read as a browser reads it, on events published to a real Kafka broker. */
@QuarkusTest
class NotificationStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/api/v1/notifications/stream")
    URI stream;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Pool pool;

    @Inject
    StreamRegistry registry;

    private EventTopics topics;
    private final String user = "user-" + UUID.randomUUID();
    private final String stranger = "stranger-" + UUID.randomUUID();

    @BeforeEach
    void connect() {
        topics = new EventTopics(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        topics.close();
    }

    private SseClient open(String user, String lastEventId) {
        SseClient client = SseClient.open(stream, JwtTestResource.token(user), lastEventId);
        assertThat(client.status()).isEqualTo(200);
        return client;
    }

    @Test
    void newAndCollapsedNotificationsArriveWithTheUnreadCountAndOnlyTheCallers() throws Exception {
        try (SseClient client = open(user, null)) {
            Event opening = client.next(WAIT);
            assertThat(opening.name()).isEqualTo("unread-count");
            assertThat(new JsonObject(opening.data()).getLong("unreadCount")).isZero();

            UUID strategy = UUID.randomUUID();
            UUID strangersStrategy = UUID.randomUUID();
            topics.publish(strangersStrategy, event(UUID.randomUUID().toString(), "execution_failed", stranger, strangersStrategy));
            topics.publish(strategy, event(UUID.randomUUID().toString(), "execution_failed", user, strategy));

            Event created = client.next(WAIT);
            JsonObject change = new JsonObject(created.data());
            assertThat(created.name()).isEqualTo("notification");
            assertThat(change.getJsonObject("notification").getString("strategyId")).isEqualTo(strategy.toString());
            assertThat(change.getJsonObject("notification").getInteger("count")).isEqualTo(1);
            assertThat(change.getLong("unreadCount")).isEqualTo(1);
            assertThat(Long.parseLong(created.id())).isGreaterThan(Long.parseLong(opening.id()));

            // A repeat collapses into the same notification: its count goes up, under a later id.
            topics.publish(strategy, event(UUID.randomUUID().toString(), "execution_failed", user, strategy));
            Event collapsed = client.next(WAIT);
            JsonObject again = new JsonObject(collapsed.data());
            assertThat(again.getJsonObject("notification").getString("id"))
                    .isEqualTo(change.getJsonObject("notification").getString("id"));
            assertThat(again.getJsonObject("notification").getInteger("count")).isEqualTo(2);
            assertThat(again.getLong("unreadCount")).isEqualTo(1);
            assertThat(Long.parseLong(collapsed.id())).isGreaterThan(Long.parseLong(created.id()));

            // The stranger's notification was stored, but never reached this stream.
            assertThat(client.drain(Duration.ofSeconds(2))).isEmpty();
            assertThat(count(stranger)).isEqualTo(1);
        }
    }

    @Test
    void aClientThatReconnectsWithLastEventIdGetsWhatItMissedInOrder() throws Exception {
        String lastSeen;
        try (SseClient client = open(user, null)) {
            lastSeen = client.next(WAIT).id();
        }
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        topics.publish(first, event(UUID.randomUUID().toString(), "execution_completed", user, first));
        topics.publish(second, event(UUID.randomUUID().toString(), "strategy_started", user, second));
        await().atMost(WAIT).until(() -> count(user) == 2);

        try (SseClient client = open(user, lastSeen)) {
            Event one = client.next(WAIT);
            Event two = client.next(WAIT);
            // The two events are on different partitions, so either may be recorded first; the stream
            // replays them in the order they were recorded.
            assertThat(List.of(one, two)).extracting(event -> new JsonObject(event.data()).getJsonObject("notification").getString("strategyId"))
                    .containsExactlyInAnyOrder(first.toString(), second.toString());
            assertThat(Long.parseLong(two.id())).isGreaterThan(Long.parseLong(one.id()));

            try (SseClient resumed = open(user, one.id())) {
                Event missed = resumed.next(WAIT);
                assertThat(missed.id()).isEqualTo(two.id());
                assertThat(resumed.drain(Duration.ofSeconds(1))).isEmpty();
            }
        }
    }

    @Test
    void aChangeRecordedByAnotherProcessReachesTheStreamThroughPostgres() throws Exception {
        try (SseClient client = open(user, null)) {
            client.next(WAIT);
            // What another replica's batch transaction does: store, and NOTIFY in the same transaction.
            UUID id = UUID.randomUUID();
            pool.withTransaction(tx -> tx.preparedQuery("""
                            INSERT INTO notifier.notifications
                                   (id, user_id, type, title, message, priority, source_event_id, last_occurred_at)
                            VALUES ($1, $2, 'custom', 'title', 'message', 'normal', $3, now())
                            """).execute(Tuple.of(id, user, UUID.randomUUID().toString()))
                    .flatMap(ignored -> tx.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(NotificationChangeListener.CHANNEL, user))))
                    .await().indefinitely();

            Event event = client.next(WAIT);
            assertThat(new JsonObject(event.data()).getJsonObject("notification").getString("id")).isEqualTo(id.toString());
        }
    }

    @Test
    void idleStreamsGetHeartbeatsAndAClosedOneIsReleased() throws Exception {
        int before = registry.size();
        SseClient client = open(user, null);
        client.next(WAIT);
        await().atMost(WAIT).until(() -> registry.size() == before + 1);
        assertThat(client.poll(Duration.ofSeconds(5)).comment()).isEqualTo("heartbeat");

        client.close();
        // The next heartbeat's write fails, and the stream is let go.
        await().atMost(WAIT).until(() -> registry.size() == before);
    }

    @Test
    void withoutATokenItIs401ProblemJson() {
        try (SseClient client = SseClient.open(stream, null, null)) {
            assertThat(client.status()).isEqualTo(401);
            assertThat(client.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void aLastEventIdThatIsNoIdIs400ProblemJson() {
        try (SseClient client = SseClient.open(stream, JwtTestResource.token(user), "yesterday")) {
            assertThat(client.status()).isEqualTo(400);
            assertThat(client.contentType()).startsWith("application/problem+json");
        }
    }

    private long count(String user) {
        return pool.preparedQuery("SELECT count(*) FROM notifier.notifications WHERE user_id = $1").execute(Tuple.of(user))
                .await().indefinitely().iterator().next().getLong(0);
    }
}

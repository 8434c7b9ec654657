package io.strategos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.strategos.localstack.JwtKeys;
import io.strategos.localstack.ServiceProcess;
import io.strategos.localstack.testing.SseClient;
import io.strategos.localstack.testing.SseClient.Event;
import io.strategos.localstack.testing.TestDatabases;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two packaged notifier replicas: a notification recorded by one reaches a stream open on the other,
 * through PostgreSQL's NOTIFY, and the other replica replays it from the database on reconnection.
 */
class NotificationStreamReplicasIT {

    private static final String DATABASE = TestDatabases.name("strategos_notifier_streams");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private ReplicaTestBed bed;
    private KafkaProducer<String, String> producer;
    private final JwtKeys keys = JwtKeys.generate();

    @BeforeEach
    void start() throws Exception {
        bed = new ReplicaTestBed(DATABASE);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bed.kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    @AfterEach
    void stop() throws Exception {
        producer.close();
        bed.close();
    }

    @Test
    void aNotificationRecordedByOneReplicaReachesAStreamOnTheOther() throws Exception {
        Path publicKey = Files.createTempFile("stream-replicas", ".pem");
        Files.writeString(publicKey, keys.publicKeyPem());
        Map<String, String> jwt = Map.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString(),
                "MP_JWT_VERIFY_ISSUER", JwtKeys.ISSUER, "MP_JWT_VERIFY_AUDIENCES", JwtKeys.AUDIENCE);
        bed.start("notifier", "recorder", jwt);
        // The serving replica reads a topic nobody writes, so every notification is recorded by the other.
        Map<String, String> serving = new HashMap<>(jwt);
        serving.put("JAVA_TOOL_OPTIONS", "-Dmp.messaging.incoming.strategy-events.topic=strategy-events-unused");
        ServiceProcess server = bed.start("notifier", "server", serving);

        String user = "user-" + UUID.randomUUID();
        String token = keys.token(user, Duration.ofHours(1));
        URI stream = URI.create(server.baseUrl() + "/api/v1/notifications/stream");
        String opening;
        try (SseClient client = SseClient.open(stream, token, null)) {
            assertThat(client.status()).isEqualTo(200);
            opening = client.next(WAIT).id();
            UUID strategy = UUID.randomUUID();
            publish(user, strategy);

            Event event = client.next(WAIT);
            assertThat(event.name()).isEqualTo("notification");
            assertThat(event.data()).contains(strategy.toString());
        }
        assertThat(bed.count("SELECT count(*) FROM notifier.notifications")).isEqualTo(1);

        // Missed while disconnected, replayed from the database on reconnection.
        UUID missed = UUID.randomUUID();
        publish(user, missed);
        try (SseClient client = SseClient.open(stream, token, opening)) {
            assertThat(client.next(WAIT).data()).doesNotContain(missed.toString());
            assertThat(client.next(WAIT).data()).contains(missed.toString());
        }
    }

    private void publish(String user, UUID strategy) throws Exception {
        producer.send(new ProducerRecord<>("strategy-events", strategy.toString(), """
                {"specversion": "1.0", "id": "%s", "source": "/test", "type": "strategos.execution_failed",
                 "subject": "%s", "time": "%s", "datacontenttype": "application/json",
                 "data": {"userId": "%s", "strategyId": "%s", "strategyName": "stream test", "status": "failed",
                          "message": "boom"}}""".formatted(UUID.randomUUID(), strategy, Instant.now(), user, strategy))).get();
    }
}

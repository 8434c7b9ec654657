package io.strategos.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strategos.localstack.ServiceProcess;
import io.strategos.localstack.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * notifier as operators run it: replicas of the packaged jar sharing the topic's partitions. Whatever
 * happens to a replica, and however often an event is delivered, each event makes one notification.
 */
class NotifierReplicasIT {

    private static final String DATABASE = TestDatabases.name("strategos_notifier_replicas");
    // A SIGKILLed replica leaves the group only when its session times out: 6 s (the broker's minimum)
    // instead of Kafka's 45 s, so that the test need not wait that long for the survivor to take over.
    private static final Map<String, String> FAST_FAILOVER = Map.of("JAVA_TOOL_OPTIONS",
            "-Dmp.messaging.incoming.strategy-events.session.timeout.ms=6000"
                    + " -Dmp.messaging.incoming.strategy-events.heartbeat.interval.ms=1000");
    private static final Pattern APPLIED = Pattern.compile("^strategos_notifier_events_total\\{outcome=\"applied\"[^}]*} (\\S+)$",
            Pattern.MULTILINE);

    private ReplicaTestBed bed;
    private KafkaProducer<String, String> producer;

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
    void aReplicaKilledMidStreamAndEventsDeliveredTwiceStillMakeOneNotificationEach() throws Exception {
        bed.start("notifier", "survivor", FAST_FAILOVER);
        ServiceProcess doomed = bed.start("notifier", "doomed", FAST_FAILOVER);

        List<ProducerRecord<String, String>> events = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            events.add(event("user-" + i % 20));
        }
        // About 1,000 events a second for three seconds, while one replica is killed.
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> events.forEach(event -> {
            producer.send(event);
            sleepAMillisecond();
        }));
        await().atMost(Duration.ofSeconds(60)).until(() -> applied(doomed) > 0);
        doomed.kill();
        publishing.get(60, TimeUnit.SECONDS);
        // And a tenth of them again, as a producer retry or a replayed topic would.
        events.subList(0, 300).forEach(producer::send);
        producer.flush();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> bed.count("SELECT count(*) FROM notifier.processed_events") == events.size());
        assertThat(bed.count("SELECT count(*) FROM notifier.notifications")).isEqualTo(events.size());
        assertThat(bed.count("SELECT count(DISTINCT source_event_id) FROM notifier.notifications")).isEqualTo(events.size());
        assertThat(bed.count("SELECT sum(occurrences) FROM notifier.notifications")).isEqualTo(events.size());
    }

    /** An execution_failed event for a strategy of its own, so that none collapse into another. */
    private static ProducerRecord<String, String> event(String user) {
        UUID strategy = UUID.randomUUID();
        return new ProducerRecord<>("strategy-events", strategy.toString(), """
                {"specversion": "1.0", "id": "%s", "source": "/test", "type": "strategos.execution_failed",
                 "subject": "%s", "time": "%s", "datacontenttype": "application/json",
                 "data": {"userId": "%s", "strategyId": "%s", "strategyName": "replica test", "status": "failed",
                          "message": "boom"}}""".formatted(UUID.randomUUID(), strategy, Instant.now(), user, strategy));
    }

    /** How many events a replica has applied, from its Prometheus metrics. */
    private static double applied(ServiceProcess replica) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(replica.baseUrl() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher applied = APPLIED.matcher(metrics);
        return applied.find() ? Double.parseDouble(applied.group(1)) : 0;
    }

    private static void sleepAMillisecond() {
        try {
            TimeUnit.MILLISECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

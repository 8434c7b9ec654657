package io.strategos.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strategos.localstack.ServiceProcess;
import io.strategos.localstack.testing.TestDatabases;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
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
    private static final String GROUP = "strategos-notifier";
    // Under the consumer group protocol the group's session timeout and heartbeat are the broker's: a
    // SIGKILLed replica leaves the group when its session ends, 6 s here (local-stack's broker allows
    // it) instead of Kafka's 45 s, so that the test need not wait that long for the survivor to take over.
    private static final Map<String, String> FAST_FAILOVER = Map.of("consumer.session.timeout.ms", "6000",
            "consumer.heartbeat.interval.ms", "1000");
    /** Generous: the test checks that a handover does not wait for a session to time out (45 s), not speed. */
    private static final Duration HANDOVER_BOUND = Duration.ofSeconds(10);
    private static final Pattern EVENT_ID = Pattern.compile("\"id\": \"([0-9a-f-]{36})\"");
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
        configureGroup(FAST_FAILOVER);
        bed.start("notifier", "survivor", Map.of());
        ServiceProcess doomed = bed.start("notifier", "doomed", Map.of());

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

    /**
     * A rolling update's step: the old replica gets SIGTERM and leaves the group as it closes, and its
     * successor, once ready (which waits for its assignment), consumes at once, with no session to time
     * out in between. Then a replica is added while events flow. Each step prints its figure (BENCHMARKS.md).
     */
    @Test
    void aReplicaRestartedWithSigtermOrAddedConsumesWithinSecondsOfBeingReady() throws Exception {
        ServiceProcess old = bed.start("notifier", "old", Map.of());
        awaitConsumed(publish(30), Duration.ofSeconds(60));

        old.close();
        Instant starting = Instant.now();
        bed.start("notifier", "successor", Map.of());
        Instant ready = Instant.now();
        Map<String, Instant> afterRestart = publish(30);
        Duration restartDelay = awaitConsumed(afterRestart, HANDOVER_BOUND);
        System.out.printf("notifier handover: successor ready %d ms after its start; events published then consumed within %d ms%n",
                Duration.between(starting, ready).toMillis(), restartDelay.toMillis());
        assertThat(restartDelay).isLessThan(HANDOVER_BOUND);

        // Adding a replica while events flow: partitions move to it one by one, and no event waits long.
        CompletableFuture<Map<String, Instant>> flowing = CompletableFuture.supplyAsync(() -> publishOverTime(200, 20));
        bed.start("notifier", "added", Map.of());
        Duration addDelay = awaitConsumed(flowing.get(60, TimeUnit.SECONDS), HANDOVER_BOUND);
        System.out.printf("notifier added replica: the slowest event published meanwhile was consumed within %d ms%n",
                addDelay.toMillis());
        assertThat(addDelay).isLessThan(HANDOVER_BOUND);
    }

    /** Publishes {@code count} events now; returns each one's id and when it was sent. */
    private Map<String, Instant> publish(int count) throws Exception {
        Map<String, Instant> sent = new HashMap<>();
        for (int i = 0; i < count; i++) {
            ProducerRecord<String, String> record = event("user-" + i % 5);
            producer.send(record).get(10, TimeUnit.SECONDS);
            sent.put(eventId(record), Instant.now());
        }
        return sent;
    }

    /** Publishes {@code count} events, {@code everyMillis} apart. */
    private Map<String, Instant> publishOverTime(int count, long everyMillis) {
        Map<String, Instant> sent = new HashMap<>();
        try {
            for (int i = 0; i < count; i++) {
                sent.putAll(publish(1));
                TimeUnit.MILLISECONDS.sleep(everyMillis);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return sent;
    }

    /**
     * Waits until every event is processed, at most {@code bound} after the last was sent, and returns
     * the longest time from sending an event to the commit of its notification.
     */
    private Duration awaitConsumed(Map<String, Instant> sent, Duration bound) throws Exception {
        String ids = sent.keySet().stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
        Instant lastSent = sent.values().stream().max(Instant::compareTo).orElseThrow();
        await().atMost(bound.plus(Duration.between(lastSent, Instant.now()).abs())).pollInterval(Duration.ofMillis(200))
                .until(() -> bed.count("SELECT count(*) FROM notifier.processed_events WHERE event_id IN (" + ids + ")") == sent.size());
        Duration slowest = Duration.ZERO;
        try (Connection db = bed.connect(); Statement query = db.createStatement();
             ResultSet rows = query.executeQuery("SELECT event_id, processed_at FROM notifier.processed_events WHERE event_id IN (" + ids + ")")) {
            while (rows.next()) {
                Duration took = Duration.between(sent.get(rows.getString(1)), rows.getTimestamp(2).toInstant());
                slowest = took.compareTo(slowest) > 0 ? took : slowest;
            }
        }
        return slowest;
    }

    /** Sets the consumer group's own configuration (KIP-848 group configs) on the broker. */
    private void configureGroup(Map<String, String> settings) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bed.kafka.bootstrapServers()))) {
            List<AlterConfigOp> ops = settings.entrySet().stream()
                    .map(setting -> new AlterConfigOp(new ConfigEntry(setting.getKey(), setting.getValue()), AlterConfigOp.OpType.SET))
                    .toList();
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, GROUP), ops)).all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static String eventId(ProducerRecord<String, String> record) {
        Matcher id = EVENT_ID.matcher(record.value());
        if (!id.find()) {
            throw new IllegalStateException("no id in " + record.value());
        }
        return id.group(1);
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

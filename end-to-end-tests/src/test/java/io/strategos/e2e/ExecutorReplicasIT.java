package io.strategos.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.strategos.localstack.ServiceProcess;
import io.strategos.localstack.testing.TestDatabases;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * executor-worker as operators run it: several replicas, packaged jars in their own JVMs, against
 * real PostgreSQL and Kafka. Each slot runs exactly once whatever happens to the replicas, and no
 * event is lost while Kafka is away.
 */
class ExecutorReplicasIT {

    private static final String DATABASE = TestDatabases.name("strategos_replicas");
    private static final String ONCE_GRAPH = """
            {"nodes": [{"id": "markets", "type": "polymarket-stream", "config": {"limit": 5}},
                       {"id": "cheap", "type": "filter", "config": {"conditions": [{"field": "price", "operator": "lt", "value": 0.95}]}},
                       {"id": "liquid", "type": "filter", "config": {"conditions": [{"field": "liquidity", "operator": "gt", "value": 0}]}}],
             "edges": [{"source": "markets", "target": "cheap"}, {"source": "cheap", "target": "liquid"}]}""";

    private ReplicaTestBed bed;

    @BeforeEach
    void startInfrastructure() throws Exception {
        bed = new ReplicaTestBed(DATABASE);
    }

    @AfterEach
    void stopEverything() throws Exception {
        bed.close();
    }

    private ServiceProcess startExecutor(String name) throws Exception {
        return startExecutor(name, Map.of());
    }

    private ServiceProcess startExecutor(String name, Map<String, String> settings) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "STRATEGOS_EXECUTOR_LEASE", "4s",
                "STRATEGOS_EXECUTOR_HEARTBEAT_INTERVAL", "1s",
                "STRATEGOS_EXECUTOR_BATCH_SIZE", "100",
                "STRATEGOS_EXECUTOR_WORKER_NAME", name));
        env.putAll(settings);
        return bed.start("executor-worker", name, env);
    }

    /** Strategies due now that run once: each must end with exactly one execution and status completed. */
    private List<UUID> insertDueOnceStrategies(int count) throws Exception {
        List<UUID> ids = new ArrayList<>(count);
        try (Connection c = bed.connect(); PreparedStatement insert = c.prepareStatement("""
                WITH s AS (
                    INSERT INTO strategies (id, owner_id, name, graph, status, schedule, trading_mode, paper_bankroll_usd,
                                            deployed_at)
                    VALUES (?, ?, 'replica test', ?::jsonb, 'running', '{"type": "once", "at": "2026-01-01T00:00:00Z"}'::jsonb,
                            'paper', 1000, now())
                    RETURNING id, owner_id)
                INSERT INTO strategy_run_state (strategy_id, owner_id, next_run_at) SELECT id, owner_id, now() FROM s""")) {
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                insert.setObject(1, id);
                insert.setString(2, "owner-" + (i % 10));
                insert.setString(3, ONCE_GRAPH);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return ids;
    }

    private void assertEverySlotRanExactlyOnce(int strategies) throws Exception {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> bed.count("SELECT count(*) FROM strategies WHERE status = 'completed'") == strategies);
        assertThat(bed.count("SELECT count(*) FROM executions")).isEqualTo(strategies);
        assertThat(bed.count("SELECT count(DISTINCT strategy_id) FROM executions")).isEqualTo(strategies);
        assertThat(bed.count("SELECT count(*) FROM executions WHERE status <> 'success'")).isZero();
        assertThat(bed.count("SELECT sum(json_array_length(node_logs)) FROM executions")).isEqualTo(3L * strategies);
        assertThat(bed.count("SELECT count(*) FROM strategy_run_state WHERE total_executions <> 1")).isZero();
    }

    @Test
    void twoReplicasRacingOverAThousandDueStrategiesRunEachOnce() throws Exception {
        startExecutor("replica-a");
        startExecutor("replica-b");
        List<UUID> ids = insertDueOnceStrategies(1_000);

        assertEverySlotRanExactlyOnce(1_000);

        // Every run's events reached Kafka, in order per strategy: the run, then the completion.
        Map<String, List<String>> events = consumeAll(2_000);
        assertThat(events).hasSize(1_000).containsOnlyKeys(ids.stream().map(UUID::toString).toList());
        assertThat(events.values()).allSatisfy(types ->
                assertThat(types).containsExactly("strategos.execution_completed", "strategos.strategy_stopped"));
    }

    @Test
    void aReplicaKilledWhileRecordingLosesNothing() throws Exception {
        ServiceProcess doomed = startExecutor("doomed");
        try (Connection blocker = bed.connect()) {
            // Hold the outbox so the replica's recording transaction waits, with its batch leased.
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("LOCK TABLE outbox_events IN ACCESS EXCLUSIVE MODE");
            insertDueOnceStrategies(300);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    bed.count("SELECT count(*) FROM strategy_run_state WHERE lease_owner IS NOT NULL") > 0);
            doomed.kill();
            blocker.rollback();
        }
        assertThat(bed.count("SELECT count(*) FROM executions")).isZero();

        startExecutor("survivor");
        assertEverySlotRanExactlyOnce(300);
    }

    @Test
    void aLiveReplicaKeepsTheLeasesOfRunsThatOutlastTheLease() throws Exception {
        // Market data that takes 8 s to answer, twice the lease: every run of the holder's batch outlasts it.
        HttpServer slowMarkets = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slowMarkets.createContext("/markets", exchange -> {
            try {
                Thread.sleep(8_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] none = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, none.length);
            exchange.getResponseBody().write(none);
            exchange.close();
        });
        slowMarkets.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        slowMarkets.start();
        try {
            Map<String, String> slow = Map.of(
                    "STRATEGOS_MARKET_DATA_PROVIDER", "gamma",
                    "QUARKUS_REST_CLIENT_GAMMA_URL", "http://127.0.0.1:" + slowMarkets.getAddress().getPort());
            startExecutor("holder", slow);
            insertDueOnceStrategies(50);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    bed.count("SELECT count(*) FROM strategy_run_state WHERE lease_owner LIKE 'holder-%'") == 50);
            startExecutor("rival", slow);
            Instant rivalReady = Instant.now();
            // Until the holder records them, its leases stay its own and alive, past the 4 s lease.
            while (bed.count("SELECT count(*) FROM executions") == 0) {
                long held = bed.count("SELECT count(*) FROM strategy_run_state WHERE lease_owner LIKE 'holder-%' "
                        + "AND lease_expires_at > now()");
                long recorded = bed.count("SELECT count(*) FROM executions");
                assertThat(recorded > 0 || held == 50).as("the holder's 50 leases, alive, while it runs").isTrue();
                Thread.sleep(250);
            }
            assertEverySlotRanExactlyOnce(50);
            assertThat(bed.count("SELECT count(*) FROM executions WHERE started_at >= '" + rivalReady + "'"))
                    .as("runs started by the rival").isZero();
        } finally {
            slowMarkets.stop(0);
        }
    }

    @Test
    void eventsWaitInTheOutboxWhileKafkaIsDownAndAllArriveAfter() throws Exception {
        startExecutor("steady");
        bed.kafka.close();
        List<UUID> ids = insertDueOnceStrategies(50);

        assertEverySlotRanExactlyOnce(50);
        assertThat(bed.count("SELECT count(*) FROM outbox_events")).isEqualTo(100);

        bed.kafka.start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> bed.count("SELECT count(*) FROM outbox_events") == 0);
        Map<String, List<String>> events = consumeAll(100);
        assertThat(events).containsOnlyKeys(ids.stream().map(UUID::toString).toList());
        assertThat(events.values()).allSatisfy(types ->
                assertThat(types).containsExactly("strategos.execution_completed", "strategos.strategy_stopped"));
    }

    /**
     * Event types per strategy, in topic order, once {@code expected} distinct events have been read.
     * Delivery is at least once, so a redelivered event (same id) is counted once, where it first came.
     */
    private Map<String, List<String>> consumeAll(int expected) {
        Map<String, List<String>> byStrategy = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bed.kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "verifier-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of("strategy-events"));
            java.util.Set<String> seen = new java.util.HashSet<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    String id = field(record.value(), "id");
                    if (seen.add(id)) {
                        byStrategy.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(field(record.value(), "type"));
                    }
                }
                return seen.size() >= expected;
            });
            assertThat(seen).hasSize(expected);
        }
        return byStrategy;
    }

    /** A top-level string field of an event (the envelope's fields come before {@code data}). */
    private static String field(String event, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(event);
        return m.find() ? m.group(1) : "";
    }
}

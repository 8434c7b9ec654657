package io.strategos.executor.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.strategos.executor.lab.TestRunResource;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged worker (the jar in CI, the native executable with -Dnative) as a separate process:
 * strategies are made due in PostgreSQL as strategy-api would, and what it did is read back from
 * the run tables and from Kafka, as strategy-api and notifier would.
 */
@QuarkusIntegrationTest
@WithTestResource(ExecutorWorkerIT.LabToken.class)
class ExecutorWorkerIT {

    private static final String LAB_TOKEN = "it-lab-token";

    /** The token strategy-api would present for test runs: the packaged worker runs in the prod profile, which has none. */
    public static final class LabToken implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            return Map.of("strategos.lab.internal-token", LAB_TOKEN);
        }

        @Override
        public void stop() {
        }
    }

    private static Vertx vertx;
    private static PgConnectOptions database;
    private static Pool pool;
    private static WorkerTables tables;
    private static String bootstrapServers;

    @BeforeAll
    static void connect() {
        // The test resources' settings, which the application got as its configuration, are system properties here.
        Config config = ConfigProvider.getConfig();
        vertx = Vertx.vertx();
        database = RunChangeAnnouncements.database(config);
        pool = PgBuilder.pool().connectingTo(database).using(vertx).build();
        tables = new WorkerTables(pool);
        bootstrapServers = config.getValue("kafka.bootstrap.servers", String.class);
    }

    @AfterAll
    static void disconnect() {
        pool.closeAndAwait();
        vertx.closeAndAwait();
    }

    @Test
    void runsADueStrategyRecordsItsNodesAndPublishesItsEvent() throws Exception {
        UUID id = tables.insertRunningStrategy("it-owner", ExecutorFlowTest.GOOD_GRAPH, 3600);

        await().atMost(Duration.ofSeconds(30)).until(() -> tables.strategy(id).getLong("total_executions") == 1);
        Row execution = tables.rows("SELECT id, status, trigger FROM executions WHERE strategy_id = $1", id).getFirst();
        assertThat(execution.getString("status")).isEqualTo("success");
        assertThat(execution.getString("trigger")).isEqualTo("interval");
        assertThat(nodeLogs(execution)).containsExactly("markets:success", "cheap:success");

        JsonNode event = StrategyEventsTopic.eventsFor(bootstrapServers, id, 1).getFirst();
        assertThat(event.get("type").asText()).isEqualTo("strategos.execution_completed");
        assertThat(event.at("/data/userId").asText()).isEqualTo("it-owner");
        assertThat(event.at("/data/executionId").asText()).isEqualTo(execution.getUUID("id").toString());
        // Published means relayed: the outbox row is gone once Kafka acknowledged it.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> tables.rows("SELECT 1 FROM outbox_events WHERE message_key = $1", id.toString()).isEmpty());
    }

    @Test
    void announcesARecordedRunToItsOwnersRunStreams() throws Exception {
        // RunChangeNotices' pg_notify goes out on the worker's reactive pool after the batch commits; strategy-api LISTENs.
        try (RunChangeAnnouncements announcements = new RunChangeAnnouncements(vertx, database)) {
            tables.insertRunningStrategy("it-announced-owner", ExecutorFlowTest.GOOD_GRAPH, 3600);
            assertThat(announcements.next("it-announced-owner", Duration.ofSeconds(30))).as("a notice for the run's owner")
                    .isEqualTo("it-announced-owner");
        }
    }

    @Test
    void runsADueCronStrategyAndSchedulesItsNextSlotInItsZone() {
        // Natively this needs Caffeine's cache classes (cron expressions and definitions are kept parsed) and the
        // image's time-zone data; India has no daylight saving, so the next slot's local time is always 09:30.
        UUID id = tables.insertRunningStrategy("it-owner", ExecutorFlowTest.GOOD_GRAPH,
                "{\"type\": \"cron\", \"expression\": \"30 9 * * *\", \"timezone\": \"Asia/Kolkata\"}");

        await().atMost(Duration.ofSeconds(30)).until(() -> tables.strategy(id).getLong("total_executions") == 1);
        assertThat(tables.rows("SELECT trigger FROM executions WHERE strategy_id = $1", id).getFirst().getString("trigger"))
                .isEqualTo("cron");
        OffsetDateTime next = tables.strategy(id).getOffsetDateTime("next_run_at");
        assertThat(next).isAfter(OffsetDateTime.now());
        assertThat(next.atZoneSameInstant(ZoneId.of("Asia/Kolkata")).toLocalTime()).isEqualTo(LocalTime.of(9, 30));
    }

    @Test
    void recordsAFailingNodeAndAnnouncesTheFailure() throws Exception {
        UUID id = tables.insertRunningStrategy("it-owner", ExecutorFlowTest.FAILING_GRAPH, 3600);

        await().atMost(Duration.ofSeconds(30)).until(() -> tables.strategy(id).getLong("failed_executions") == 1);
        Row execution = tables.rows("SELECT id, status, trigger FROM executions WHERE strategy_id = $1", id).getFirst();
        assertThat(execution.getString("status")).isEqualTo("failed");
        assertThat(nodeLogs(execution)).containsExactly("markets:success", "broken:error");

        JsonNode event = StrategyEventsTopic.eventsFor(bootstrapServers, id, 1).getFirst();
        assertThat(event.get("type").asText()).isEqualTo("strategos.execution_failed");
        assertThat(event.at("/data/message").asText()).contains("colour");
    }

    @Test
    void answersATestRunWithItsReport() {
        // The report leaves as a Response entity, which Quarkus does not register for reflection by itself.
        given().header(TestRunResource.TOKEN_HEADER, LAB_TOKEN).contentType(ContentType.JSON)
                .body("""
                        {"ownerId": "it-owner", "strategyVersion": 0, "graph": %s, "paperBankrollUsd": 1000}"""
                        .formatted(ExecutorFlowTest.GOOD_GRAPH))
                .post("/internal/v1/test-runs")
                .then().statusCode(200).body("status", equalTo("success")).body("nodes.nodeId", contains("markets", "cheap"));
    }

    @Test
    void reportsHealthAndMetrics() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("strategos_executor_due_backlog"));
    }

    private static List<String> nodeLogs(Row execution) {
        return tables.rows("SELECT unnest(node_ids) AS node_id, unnest(node_statuses) AS status FROM executions WHERE id = $1",
                        execution.getUUID("id")).stream()
                .map(log -> log.getString("node_id") + ":" + log.getString("status"))
                .toList();
    }
}

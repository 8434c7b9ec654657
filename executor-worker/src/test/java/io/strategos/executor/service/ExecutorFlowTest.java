package io.strategos.executor.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole worker against real PostgreSQL and Kafka: claim, run, record, publish. */
@QuarkusTest
class ExecutorFlowTest {

    static final String GOOD_GRAPH = """
            {"nodes": [{"id": "markets", "type": "polymarket-stream", "config": {"limit": 10}},
                       {"id": "cheap", "type": "filter", "config": {"conditions": [{"field": "price", "operator": "lt", "value": 0.9}]}}],
             "edges": [{"source": "markets", "target": "cheap"}]}""";

    static final String FAILING_GRAPH = """
            {"nodes": [{"id": "markets", "type": "polymarket-stream", "config": {}},
                       {"id": "broken", "type": "filter", "config": {"conditions": [{"field": "colour", "operator": "eq", "value": 1}]}}],
             "edges": [{"source": "markets", "target": "broken"}]}""";

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Vertx vertx;

    private WorkerTables tables;

    @BeforeEach
    void useInjectedPool() {
        tables = new WorkerTables(pool);
    }

    @Test
    void runsADueStrategyRecordsItAndPublishesItsEvent() throws Exception {
        UUID id = tables.insertRunningStrategy("flow-owner", GOOD_GRAPH, 3600);

        await().atMost(Duration.ofSeconds(20)).until(() -> tables.strategy(id).getLong("total_executions") == 1);
        Row strategy = tables.strategy(id);
        assertThat(strategy.getLong("successful_executions")).isEqualTo(1);
        assertThat(strategy.getString("lease_owner")).isNull();
        assertThat(strategy.getOffsetDateTime("next_run_at"))
                .isAfter(strategy.getOffsetDateTime("last_executed_at").plusMinutes(59));

        List<Row> executions = tables.rows("SELECT * FROM executions WHERE strategy_id = $1", id);
        assertThat(executions).hasSize(1);
        Row execution = executions.getFirst();
        assertThat(execution.getString("status")).isEqualTo("success");
        assertThat(execution.getString("trigger")).isEqualTo("interval");
        assertThat(execution.getInteger("nodes_executed")).isEqualTo(2);
        assertThat(tables.rows("""
                        SELECT l->>'nodeId' AS node_id, l->>'status' AS status, n.node_id AS indexed_id, n.status AS indexed_status
                          FROM executions e,
                               json_array_elements(e.node_logs) WITH ORDINALITY AS j(l, position),
                               unnest(e.node_ids, e.node_statuses) WITH ORDINALITY AS n(node_id, status, position)
                         WHERE e.id = $1 AND j.position = n.position
                         ORDER BY j.position""", execution.getUUID("id")))
                .extracting(r -> r.getString("node_id") + ":" + r.getString("status") + " " + r.getString("indexed_id") + ":"
                        + r.getString("indexed_status"))
                .containsExactly("markets:success markets:success", "cheap:success cheap:success");

        List<ConsumerRecord<String, String>> records = StrategyEventsTopic.recordsFor(bootstrapServers, id, 1);
        JsonNode event = new ObjectMapper().readTree(records.getFirst().value());
        // The run is a span, and its event carries it to the consumer as a W3C traceparent header.
        Header traceparent = records.getFirst().headers().lastHeader("traceparent");
        assertThat(traceparent).isNotNull();
        assertThat(new String(traceparent.value(), StandardCharsets.UTF_8)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("type").asText()).isEqualTo("strategos.execution_completed");
        assertThat(event.get("subject").asText()).isEqualTo(id.toString());
        assertThat(event.at("/data/userId").asText()).isEqualTo("flow-owner");
        assertThat(event.at("/data/executionId").asText()).isEqualTo(execution.getUUID("id").toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> tables.rows("SELECT 1 FROM outbox_events WHERE message_key = $1", id.toString()).isEmpty());
    }

    @Test
    void aRunWhoseConditionIsNotMetIsRecordedWithoutNodesBesideOneThatRan() {
        String never = "{\"marketId\": \"sim-3\", \"conditions\": [{\"field\": \"price\", \"operator\": \"gt\", \"value\": 2}]}";
        String hourly = "{\"type\": \"interval\", \"everySeconds\": 3600}";
        UUID waiting = tables.insertRunningStrategy("condition-owner", GOOD_GRAPH, hourly, never);
        UUID ran = tables.insertRunningStrategy("condition-owner", GOOD_GRAPH, hourly, null);

        await().atMost(Duration.ofSeconds(20)).until(() -> tables.strategy(waiting).getLong("total_executions") == 1
                && tables.strategy(ran).getLong("total_executions") == 1);
        Row unmet = tables.rows("SELECT * FROM executions WHERE strategy_id = $1", waiting).getFirst();
        assertThat(unmet.getString("status")).isEqualTo("condition_not_met");
        assertThat(unmet.getArrayOfStrings("node_ids")).isEmpty();
        assertThat(unmet.getArrayOfIntegers("node_durations_ms")).isEmpty();
        Row success = tables.rows("SELECT * FROM executions WHERE strategy_id = $1", ran).getFirst();
        assertThat(success.getArrayOfStrings("node_ids")).containsExactly("markets", "cheap");
        assertThat(success.getArrayOfStrings("node_statuses")).containsExactly("success", "success");
    }

    @Test
    void aRecordedRunIsAnnouncedToItsOwnersRunStreamsOnceCommitted() throws Exception {
        try (RunChangeAnnouncements announcements = new RunChangeAnnouncements(vertx,
                RunChangeAnnouncements.database(ConfigProvider.getConfig()))) {
            UUID id = tables.insertRunningStrategy("announced-owner", GOOD_GRAPH, 3600);
            assertThat(announcements.next("announced-owner", Duration.ofSeconds(20))).as("a notice for the run's owner")
                    .isEqualTo("announced-owner");
            // Sent after the commit: a stream woken by it reads the run.
            assertThat(tables.rows("SELECT 1 FROM run_changes WHERE strategy_id = $1 AND execution_id IS NOT NULL", id)).hasSize(1);
        }
    }

    @Test
    void autoPausesAfterThreeConsecutiveFailures() throws Exception {
        UUID id = tables.insertRunningStrategy("failing-owner", FAILING_GRAPH, 1);

        await().atMost(Duration.ofSeconds(30)).until(() -> "error".equals(tables.strategy(id).getString("status")));
        Row strategy = tables.strategy(id);
        assertThat(strategy.getInteger("consecutive_errors")).isEqualTo(3);
        assertThat(strategy.getLong("failed_executions")).isEqualTo(3);
        assertThat(tables.rows("SELECT status FROM executions WHERE strategy_id = $1", id))
                .extracting(r -> r.getString("status")).containsOnly("failed").hasSize(3);

        List<JsonNode> events = StrategyEventsTopic.eventsFor(bootstrapServers, id, 4);
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly(
                "strategos.execution_failed", "strategos.execution_failed", "strategos.execution_failed", "strategos.strategy_error");
        assertThat(events.getLast().at("/data/message").asText()).contains("colour");

        // The executor's status change is in the audit trail like the API's, and on the owner's run
        // stream (run_changes, V14), after the three runs that led to it.
        assertThat(tables.rows("SELECT from_status, to_status, action, owner_id FROM strategy_transitions WHERE strategy_id = $1", id))
                .extracting(r -> r.getString("from_status") + ">" + r.getString("to_status") + ":" + r.getString("action")
                        + ":" + r.getString("owner_id"))
                .containsExactly("running>error:auto_pause:failing-owner");
        assertThat(tables.rows("""
                SELECT c.owner_id, c.execution_id IS NOT NULL AS run, t.to_status
                  FROM run_changes c LEFT JOIN strategy_transitions t ON t.id = c.transition_id
                 WHERE c.strategy_id = $1 ORDER BY c.id""", id))
                .extracting(r -> r.getString("owner_id") + ":" + (r.getBoolean("run") ? "run" : r.getString("to_status")))
                .containsExactly("failing-owner:run", "failing-owner:run", "failing-owner:run", "failing-owner:error");
    }

    static final String WATCHING_GRAPH = """
            {"nodes": [{"id": "markets", "type": "polymarket-stream", "config": {"limit": 500}},
                       {"id": "four", "type": "filter", "config": {"conditions": [{"field": "id", "operator": "in", "value": ["sim-1", "sim-2", "sim-3", "sim-4"]}]}},
                       {"id": "watch", "type": "watchlist", "config": {"reason": "top volume"}},
                       {"id": "tell", "type": "notify", "config": {"message": "{count} markets on watch"}}],
             "edges": [{"source": "markets", "target": "four"}, {"source": "four", "target": "watch"}, {"source": "watch", "target": "tell"}]}""";

    @Test
    void watchlistAndNotifyNodesWriteWithTheRunAndAnnounceIt() throws Exception {
        UUID id = tables.insertRunningStrategy("watching-owner", WATCHING_GRAPH, 1);

        await().atMost(Duration.ofSeconds(20)).until(() -> tables.strategy(id).getLong("total_executions") >= 2);
        List<Row> entries = tables.rows("SELECT market_id, reason, metadata::text AS metadata, added_by_execution_id FROM watchlist_entries WHERE strategy_id = $1", id);
        assertThat(entries).hasSize(4).allSatisfy(entry -> {
            assertThat(entry.getString("reason")).isEqualTo("top volume");
            assertThat(entry.getString("metadata")).contains("\"price\"");
            assertThat(entry.getUUID("added_by_execution_id")).isNotNull();
        });
        // The same four markets every run: only the first run adds something new.
        List<JsonNode> events = StrategyEventsTopic.eventsFor(bootstrapServers, id, 5);
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly(
                "strategos.execution_completed", "strategos.custom", "strategos.watchlist_updated",
                "strategos.execution_completed", "strategos.custom");
        assertThat(events.get(1).at("/data/message").asText()).isEqualTo("4 markets on watch");
        assertThat(events.get(2).at("/data/message").asText()).startsWith("4 new market");
    }

    static final String TRADING_GRAPH = """
            {"nodes": [{"id": "markets", "type": "polymarket-stream", "config": {"limit": 500}},
                       {"id": "three", "type": "filter", "config": {"conditions": [{"field": "id", "operator": "in", "value": ["sim-1", "sim-2", "sim-3"]}]}},
                       {"id": "trade", "type": "orchestrator", "config": {"positionSizePct": 10, "maxOpenPositions": 5}}],
             "edges": [{"source": "markets", "target": "three"}, {"source": "three", "target": "trade"}]}""";

    @Test
    void theOrchestratorTradesOnPaperInTheRunsTransaction() {
        UUID id = tables.insertRunningStrategy("trading-owner", TRADING_GRAPH, 1);

        await().atMost(Duration.ofSeconds(20)).until(() -> tables.strategy(id).getLong("total_executions") >= 2);
        // Bankroll 1,000: three buys of 100 USD plus a 0.2% fee each; the second run holds them already.
        List<Row> trades = tables.rows("SELECT action, quantity, price, fee_usd FROM paper_trades WHERE strategy_id = $1", id);
        assertThat(trades).hasSize(3).allSatisfy(t -> {
            assertThat(t.getString("action")).isEqualTo("buy");
            assertThat(t.getBigDecimal("fee_usd")).isEqualByComparingTo("0.2");
            assertThat(t.getBigDecimal("quantity").multiply(t.getBigDecimal("price")).doubleValue()).isCloseTo(100, org.assertj.core.data.Offset.offset(0.01));
        });
        Row account = tables.rows("SELECT starting_cash, cash, realized_pnl FROM paper_portfolios WHERE strategy_id = $1", id).getFirst();
        assertThat(account.getBigDecimal("starting_cash")).isEqualByComparingTo("1000");
        assertThat(account.getBigDecimal("cash").doubleValue()).isCloseTo(1000 - 3 * 100.2, org.assertj.core.data.Offset.offset(0.05));
        assertThat(tables.rows("SELECT 1 FROM paper_positions WHERE strategy_id = $1", id)).hasSize(3);
        // The held markets' latest prices are kept for the API's valuation.
        assertThat(tables.rows("""
                SELECT 1 FROM paper_positions p JOIN market_prices m ON m.market_id = p.market_id
                 WHERE p.strategy_id = $1""", id)).hasSize(3);
    }

    @Test
    void theDatabaseRefusesToSpendMoreCashThanThereIs() {
        UUID id = tables.insertRunningStrategy("overspending-owner", GOOD_GRAPH, 3600);
        pool.preparedQuery("INSERT INTO paper_portfolios (strategy_id, owner_id, starting_cash, cash) VALUES ($1, 'x', 100, 50)")
                .execute(Tuple.of(id)).await().indefinitely();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pool
                        .preparedQuery("UPDATE paper_portfolios SET cash = cash - 60 WHERE strategy_id = $1")
                        .execute(Tuple.of(id)).await().indefinitely())
                .hasMessageContaining("paper_portfolios_cash_check");
    }

    @Test
    void aRequestedRunTakesTheSamePathWithItsGivenExecutionId() {
        UUID id = tables.insertRunningStrategy("manual-owner", GOOD_GRAPH, 3600);
        await().atMost(Duration.ofSeconds(20)).until(() -> tables.strategy(id).getLong("total_executions") == 1);
        var nextSlot = tables.strategy(id).getOffsetDateTime("next_run_at");

        UUID executionId = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO run_requests (execution_id, strategy_id, owner_id) VALUES ($1, $2, 'manual-owner')")
                .execute(Tuple.of(executionId, id)).await().indefinitely();

        await().atMost(Duration.ofSeconds(20)).until(() -> !tables.rows("SELECT 1 FROM executions WHERE id = $1", executionId).isEmpty());
        Row execution = tables.rows("SELECT trigger, status FROM executions WHERE id = $1", executionId).getFirst();
        assertThat(execution.getString("trigger")).isEqualTo("manual");
        assertThat(execution.getString("status")).isEqualTo("success");
        assertThat(tables.rows("SELECT 1 FROM run_requests WHERE execution_id = $1", executionId)).isEmpty();
        Row strategy = tables.strategy(id);
        assertThat(strategy.getLong("total_executions")).isEqualTo(2);
        assertThat(strategy.getOffsetDateTime("next_run_at")).isEqualTo(nextSlot);
    }

    @Test
    void completesWhenMaxExecutionsIsReached() throws Exception {
        UUID id = tables.insertRunningStrategy("completing-owner", GOOD_GRAPH, 1);
        pool.preparedQuery("UPDATE strategies SET max_executions = 2 WHERE id = $1").execute(Tuple.of(id)).await().indefinitely();

        await().atMost(Duration.ofSeconds(20)).until(() -> "completed".equals(tables.strategy(id).getString("status")));
        assertThat(tables.strategy(id).getLong("total_executions")).isEqualTo(2);
        assertThat(tables.strategy(id).getValue("next_run_at")).isNull();
        assertThat(StrategyEventsTopic.eventsFor(bootstrapServers, id, 3)).extracting(e -> e.get("type").asText()).containsExactly(
                "strategos.execution_completed", "strategos.execution_completed", "strategos.strategy_stopped");
        assertThat(tables.rows("SELECT to_status, action FROM strategy_transitions WHERE strategy_id = $1", id))
                .extracting(r -> r.getString("to_status") + ":" + r.getString("action")).containsExactly("completed:complete");
    }

    @Test
    void exportsRunMetrics() {
        UUID id = tables.insertRunningStrategy("metrics-owner", GOOD_GRAPH, 3600);
        await().atMost(Duration.ofSeconds(20)).until(() -> tables.strategy(id).getLong("total_executions") == 1);
        String metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("strategos_executor_runs_total{status=\"success\"}")
                .contains("strategos_executor_schedule_lag_seconds_bucket")
                .contains("strategos_executor_run_duration_seconds_count")
                .contains("strategos_executor_due_backlog")
                .contains("strategos_outbox_backlog");
    }
}

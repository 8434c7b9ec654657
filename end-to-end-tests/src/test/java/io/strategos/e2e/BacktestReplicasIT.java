package io.strategos.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strategos.localstack.ServiceProcess;
import io.strategos.localstack.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A backtest whose worker is killed (SIGKILL) mid-replay is resumed by another replica once the lease
 * expires, from its last checkpoint, and ends exactly as the same backtest run without interruption.
 */
class BacktestReplicasIT {

    static final String DATABASE = TestDatabases.name("strategos_backtests");

    static final String GRAPH = """
            {"nodes": [{"id": "markets", "type": "polymarket-stream", "config": {"limit": 20}},
                       {"id": "cheap", "type": "filter", "config": {"conditions": [{"field": "price", "operator": "lt", "value": 0.5}]}},
                       {"id": "trade", "type": "orchestrator",
                        "config": {"positionSizePct": 5, "maxOpenPositions": 5, "takeProfitPct": 3, "stopLossPct": 3}}],
             "edges": [{"source": "markets", "target": "cheap"}, {"source": "cheap", "target": "trade"}]}""";

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
        return bed.start("executor-worker", name, Map.of(
                "STRATEGOS_BACKTEST_LEASE", "3s",
                "STRATEGOS_BACKTEST_CHECKPOINT_INTERVAL", "200ms",
                "STRATEGOS_BACKTEST_POLL_INTERVAL", "1s",
                "STRATEGOS_EXECUTOR_WORKER_NAME", name));
    }

    /** A week of one-minute slots (10,080) of a three-node trading strategy. */
    private UUID insertBacktest(UUID strategy) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = bed.connect(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO backtests (id, owner_id, strategy_id, strategy_version, range_from, range_to, schedule, settings)
                VALUES (?, 'bt-owner', ?, 1, '2026-10-01T00:00:00Z', '2026-10-08T00:00:00Z',
                        '{"type": "cron", "expression": "* * * * *"}', '{"paperBankrollUsd": 10000}')""")) {
            insert.setObject(1, id);
            insert.setObject(2, strategy);
            insert.executeUpdate();
        }
        return id;
    }

    private UUID insertStrategy() throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = bed.connect(); PreparedStatement insert = c.prepareStatement("""
                WITH s AS (INSERT INTO strategies (id, owner_id, name, graph) VALUES (?, 'bt-owner', 'backtested', ?::jsonb)
                           RETURNING id, name, graph)
                INSERT INTO strategy_versions (strategy_id, version, name, graph) SELECT id, 1, name, graph FROM s""")) {
            insert.setObject(1, id);
            insert.setString(2, GRAPH);
            insert.executeUpdate();
        }
        return id;
    }

    private String text(String sql, UUID id) throws Exception {
        try (Connection c = bed.connect(); PreparedStatement query = c.prepareStatement(sql)) {
            query.setObject(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    @Test
    void aBacktestWhoseWorkerIsKilledIsResumedElsewhereWithTheSameResult() throws Exception {
        ServiceProcess doomed = startExecutor("doomed");
        UUID strategy = insertStrategy();
        UUID interrupted = insertBacktest(strategy);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                Long.parseLong(text("SELECT slots_done FROM backtests WHERE id = ?", interrupted)) > 0);
        doomed.kill();
        String statusAtKill = text("SELECT status FROM backtests WHERE id = ?", interrupted);
        long doneAtKill = Long.parseLong(text("SELECT slots_done FROM backtests WHERE id = ?", interrupted));
        assertThat(statusAtKill).isEqualTo("running");
        assertThat(doneAtKill).isLessThan(10_080);

        startExecutor("survivor");
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() ->
                "completed".equals(text("SELECT status FROM backtests WHERE id = ?", interrupted)));
        assertThat(text("SELECT slots_done::text FROM backtests WHERE id = ?", interrupted)).isEqualTo("10080");
        assertThat(bed.count("SELECT count(*) FROM backtest_runs WHERE backtest_id = '" + interrupted + "'")).isEqualTo(10_080);

        // The same backtest again, uninterrupted: the same result, run for run and trade for trade.
        UUID whole = insertBacktest(strategy);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() ->
                "completed".equals(text("SELECT status FROM backtests WHERE id = ?", whole)));
        assertThat(text("SELECT result::text FROM backtests WHERE id = ?", whole))
                .isEqualTo(text("SELECT result::text FROM backtests WHERE id = ?", interrupted));
        assertThat(bed.count("""
                SELECT count(*) FROM (SELECT slot, status, trades, equity FROM backtest_runs WHERE backtest_id = '%s'
                                      EXCEPT
                                      SELECT slot, status, trades, equity FROM backtest_runs WHERE backtest_id = '%s') d"""
                .formatted(interrupted, whole))).isZero();
        assertThat(bed.count("""
                SELECT count(*) FROM (SELECT seq, slot, market_id, action, quantity, price, cash_delta FROM backtest_trades WHERE backtest_id = '%s'
                                      EXCEPT
                                      SELECT seq, slot, market_id, action, quantity, price, cash_delta FROM backtest_trades WHERE backtest_id = '%s') d"""
                .formatted(interrupted, whole))).isZero();
        assertThat(bed.count("SELECT count(*) FROM backtest_trades WHERE backtest_id = '" + whole + "'"))
                .isEqualTo(bed.count("SELECT count(*) FROM backtest_trades WHERE backtest_id = '" + interrupted + "'"))
                .isPositive();
    }
}

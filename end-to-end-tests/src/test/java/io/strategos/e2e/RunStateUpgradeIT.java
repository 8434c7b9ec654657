package io.strategos.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strategos.localstack.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A database in use, at the previous release's schema (V11: run state in the strategies row), upgraded
 * by the new executor-worker's start-up migration (V12: the run state in a table of its own). What was
 * running runs on with its slot, lease and counters; what was not stays still.
 */
class RunStateUpgradeIT {

    private static final String DATABASE = TestDatabases.name("strategos_upgrade");
    private static final String GRAPH = """
            {"nodes": [{"id": "markets", "type": "polymarket-stream", "config": {"limit": 5}}], "edges": []}""";

    private ReplicaTestBed bed;

    @AfterEach
    void stopEverything() throws Exception {
        bed.close();
    }

    @Test
    void runningStrategiesRunOnWithTheirCountersAfterTheUpgrade() throws Exception {
        bed = new ReplicaTestBed(DATABASE);
        bed.migrateStrategySchemaTo("11");
        try (Connection c = bed.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO strategies (id, owner_id, name, graph, status, schedule, trading_mode, paper_bankroll_usd,
                                            deployed_at, next_execution_at, lease_owner, lease_expires_at, total_executions,
                                            successful_executions, failed_executions, consecutive_errors, avg_duration_ms,
                                            last_executed_at)
                    VALUES
                      -- due, its last lease long expired
                      ('00000000-0000-0000-0000-00000000000a', 'u', 'due', '%1$s', 'running', '{"type": "interval", "everySeconds": 3600}',
                       'paper', 1000, now(), now() - interval '1 minute', 'old-replica', now() - interval '1 minute', 41, 40, 1, 1, 12.5,
                       now() - interval '1 hour'),
                      -- paused: its stale slot must not run
                      ('00000000-0000-0000-0000-00000000000b', 'u', 'paused', '%1$s', 'paused', '{"type": "interval", "everySeconds": 60}',
                       'paper', 1000, now(), now() - interval '1 minute', NULL, NULL, 7, 7, 0, 0, 3.0, now() - interval '2 minutes'),
                      -- running, next slot in an hour
                      ('00000000-0000-0000-0000-00000000000c', 'u', 'later', '%1$s', 'running', '{"type": "interval", "everySeconds": 3600}',
                       'paper', 1000, now(), now() + interval '1 hour', NULL, NULL, 3, 3, 0, 0, 4.0, now()),
                      -- due, but an old replica holds its lease for a few more seconds
                      ('00000000-0000-0000-0000-00000000000d', 'u', 'leased', '%1$s', 'running', '{"type": "interval", "everySeconds": 3600}',
                       'paper', 1000, now(), now() - interval '1 minute', 'old-replica', now() + interval '8 seconds', 0, 0, 0, 0, NULL, NULL)
                    """.formatted(GRAPH));
        }

        String oldLeaseEnds;
        try (Connection c = bed.connect(); Statement s = c.createStatement(); ResultSet lease = s.executeQuery(
                "SELECT lease_expires_at::text FROM strategies WHERE id = '00000000-0000-0000-0000-00000000000d'")) {
            lease.next();
            oldLeaseEnds = lease.getString(1);
        }

        bed.start("executor-worker", "upgraded", Map.of("STRATEGOS_EXECUTOR_WORKER_NAME", "upgraded"));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> bed.count("SELECT count(*) FROM executions") == 2);
        try (Connection c = bed.connect(); Statement s = c.createStatement();
             ResultSet due = s.executeQuery("""
                     SELECT total_executions, successful_executions, failed_executions, consecutive_errors, lease_owner,
                            next_run_at > now() + interval '50 minutes' AS advanced
                       FROM strategy_run_state WHERE strategy_id = '00000000-0000-0000-0000-00000000000a'""")) {
            due.next();
            assertThat(due.getLong("total_executions")).isEqualTo(42);
            assertThat(due.getLong("successful_executions")).isEqualTo(41);
            assertThat(due.getLong("failed_executions")).isEqualTo(1);
            assertThat(due.getInt("consecutive_errors")).isZero();
            assertThat(due.getString("lease_owner")).isNull();
            assertThat(due.getBoolean("advanced")).isTrue();
        }
        assertThat(bed.count("""
                SELECT count(*) FROM executions e JOIN strategy_run_state rs ON rs.strategy_id = e.strategy_id
                 WHERE e.strategy_id = '00000000-0000-0000-0000-00000000000d'
                   AND e.started_at >= '%s' AND rs.total_executions = 1""".formatted(oldLeaseEnds)))
                .as("the leased strategy ran once its old lease had expired").isOne();
        assertThat(bed.count("""
                SELECT count(*) FROM strategy_run_state
                 WHERE strategy_id = '00000000-0000-0000-0000-00000000000b' AND next_run_at IS NULL AND total_executions = 7"""))
                .as("the paused strategy, not scheduled, its counters kept").isOne();
        assertThat(bed.count("""
                SELECT count(*) FROM strategy_run_state
                 WHERE strategy_id = '00000000-0000-0000-0000-00000000000c' AND next_run_at > now() + interval '50 minutes'
                   AND total_executions = 3 AND avg_duration_ms = 4.0"""))
                .as("the later strategy keeps its slot and counters").isOne();
        assertThat(bed.count("""
                SELECT count(*) FROM information_schema.columns
                 WHERE table_name = 'strategies' AND column_name IN ('next_execution_at', 'lease_owner', 'total_executions')"""))
                .as("run columns left in strategies").isZero();
    }
}

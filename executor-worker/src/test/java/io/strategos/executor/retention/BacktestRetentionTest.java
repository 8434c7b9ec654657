package io.strategos.executor.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.strategos.executor.backtest.BacktestRows;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Finished backtests past strategos.backtest.retention-days (30) go with their runs and trades; unfinished ones stay. */
@QuarkusTest
class BacktestRetentionTest {

    private static final String OWNER = "backtest-retention-owner";
    private static final Instant FROM = Instant.parse("2026-09-01T00:00:00Z");

    @Inject
    RetentionJob retention;

    @Inject
    Pool pool;

    @Inject
    Sql db;

    /**
     * A backtest {@code daysAgo} days old in {@code status} with {@code runs} runs and {@code trades} trades; a
     * finished one ended then. Unfinished ones are leased far ahead by another replica, so this one's worker leaves
     * them alone. Inserted as they are in one statement: inserted queued and changed after, a backtest could be
     * claimed and run by this replica's worker in between, which then records it as just completed.
     */
    private UUID backtest(UUID strategy, String status, int daysAgo, int runs, int trades) {
        UUID id = UUID.randomUUID();
        boolean finished = !status.equals("queued") && !status.equals("running");
        db.execute("""
                INSERT INTO backtests (id, owner_id, strategy_id, strategy_version, range_from, range_to, schedule, settings,
                                       status, created_at, completed_at, lease_owner, lease_expires_at)
                VALUES ($1, $2, $3, 1, $4, $5, '{"type": "interval", "everySeconds": 60}', $6::text::jsonb,
                        $7, now() - make_interval(days => $8), CASE WHEN $9 THEN now() - make_interval(days => $8) END,
                        CASE WHEN $9 THEN NULL ELSE 'another-replica' END,
                        CASE WHEN $9 THEN NULL ELSE now() + interval '1 hour' END)""",
                id, OWNER, strategy, FROM.atOffset(ZoneOffset.UTC), FROM.plusSeconds(3600).atOffset(ZoneOffset.UTC),
                BacktestRows.LIVE_FILLS, status, daysAgo, finished);
        db.execute("""
                INSERT INTO backtest_runs (backtest_id, slot, status, trades, equity)
                SELECT $1, $2::timestamptz + make_interval(mins => i), 'success', 0, 1000 FROM generate_series(1, $3) i""",
                id, FROM.atOffset(ZoneOffset.UTC), runs);
        db.execute("""
                INSERT INTO backtest_trades (backtest_id, seq, slot, market_id, outcome, action, quantity, price, fee_usd, cash_delta)
                SELECT $1, i, $2, '501', 'YES', 'buy', 1, 0.5, 0.01, -0.51 FROM generate_series(1, $3) i""",
                id, FROM.atOffset(ZoneOffset.UTC), trades);
        return id;
    }

    private long rowsOf(UUID backtest) {
        return db.count("""
                SELECT (SELECT count(*) FROM backtests WHERE id = $1) + (SELECT count(*) FROM backtest_runs WHERE backtest_id = $1)
                     + (SELECT count(*) FROM backtest_trades WHERE backtest_id = $1)""", backtest);
    }

    @Test
    void finishedBacktestsPastTheirRetentionGoWithTheirRunsAndTradesUnfinishedOnesStay() {
        UUID strategy = BacktestRows.strategy(pool, OWNER, "{\"nodes\": [], \"edges\": []}");
        UUID completed = backtest(strategy, "completed", 40, 5, 3);
        UUID failed = backtest(strategy, "failed", 31, 2, 0);
        UUID cancelled = backtest(strategy, "cancelled", 35, 0, 1);
        UUID recent = backtest(strategy, "completed", 29, 4, 2);
        UUID running = backtest(strategy, "running", 60, 3, 1);
        UUID queued = backtest(strategy, "queued", 60, 0, 0);
        try {
            retention.run();

            assertThat(rowsOf(completed)).isZero();
            assertThat(rowsOf(failed)).isZero();
            assertThat(rowsOf(cancelled)).isZero();
            assertThat(rowsOf(recent)).isEqualTo(1 + 4 + 2);
            assertThat(rowsOf(running)).as("a running backtest is never deleted, however old").isEqualTo(1 + 3 + 1);
            assertThat(rowsOf(queued)).isEqualTo(1);
        } finally {
            db.execute("DELETE FROM backtests WHERE id = ANY($1)", (Object) new UUID[] {recent, running, queued});
        }
    }

    @Test
    void rowsGoAChunkAtATimeAndTheBacktestOnlyOnceTheyAreGone() {
        UUID strategy = BacktestRows.strategy(pool, OWNER, "{\"nodes\": [], \"edges\": []}");
        UUID expired = backtest(strategy, "completed", 40, 5, 3);
        BacktestRetention twoRowsAStatement = new BacktestRetention(30, 2);
        SqlConnection conn = pool.getConnection().await().indefinitely();
        try {
            twoRowsAStatement.deleteExpired(conn);
        } finally {
            conn.closeAndAwait();
        }
        // 5 runs and 3 trades in chunks of 2 need several statements each; a loop that stopped early would leave
        // rows behind and with them the backtest.
        assertThat(rowsOf(expired)).isZero();
    }
}

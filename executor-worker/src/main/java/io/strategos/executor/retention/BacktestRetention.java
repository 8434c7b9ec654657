package io.strategos.executor.retention;

import io.strategos.executor.backtest.BacktestSettings;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes backtests that finished more than {@code strategos.backtest.retention-days} ago, with their runs and
 * trades. A month-long one-minute backtest has 43,200 runs, so deleting backtests a chunk at a time would
 * cascade to an unbounded number of rows: its runs and trades go first, a chunk of rows per statement, and the
 * backtest rows only once nothing is left to cascade to. A queued or running backtest is never deleted.
 * Called by {@link RetentionJob} under its lock.
 */
@ApplicationScoped
public class BacktestRetention {

    // Finished (completed_at is set with the final status) before the cutoff; $1 is the retention in days.
    private static final String EXPIRED = """
            SELECT id FROM backtests
             WHERE status IN ('completed', 'failed', 'cancelled') AND completed_at < now() - make_interval(days => $1)""";

    private static final String DELETE_RUNS = """
            DELETE FROM backtest_runs
             WHERE (backtest_id, slot) IN (SELECT backtest_id, slot FROM backtest_runs
                                            WHERE backtest_id IN (%s) LIMIT $2)
            """.formatted(EXPIRED);

    private static final String DELETE_TRADES = """
            DELETE FROM backtest_trades
             WHERE (backtest_id, seq) IN (SELECT backtest_id, seq FROM backtest_trades
                                           WHERE backtest_id IN (%s) LIMIT $2)
            """.formatted(EXPIRED);

    // Only those whose runs and trades are gone: one that expired since the deletes above waits for the next round.
    private static final String DELETE_BACKTESTS = """
            DELETE FROM backtests b
             WHERE b.id IN (SELECT e.id FROM (%s) e
                             WHERE NOT EXISTS (SELECT 1 FROM backtest_runs r WHERE r.backtest_id = e.id)
                               AND NOT EXISTS (SELECT 1 FROM backtest_trades t WHERE t.backtest_id = e.id)
                             LIMIT $2)
            """.formatted(EXPIRED);

    private final int retentionDays;
    private final int deleteChunk;

    @Inject
    public BacktestRetention(BacktestSettings settings, @ConfigProperty(name = "strategos.retention.delete-chunk") int deleteChunk) {
        this(settings.retentionDays(), deleteChunk);
    }

    BacktestRetention(int retentionDays, int deleteChunk) {
        this.retentionDays = retentionDays;
        this.deleteChunk = deleteChunk;
    }

    void deleteExpired(SqlConnection conn) {
        for (String delete : List.of(DELETE_RUNS, DELETE_TRADES, DELETE_BACKTESTS)) {
            RetentionJob.deleteInChunks(conn, delete, retentionDays, deleteChunk);
        }
    }
}

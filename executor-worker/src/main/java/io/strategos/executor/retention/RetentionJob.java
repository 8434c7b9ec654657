package io.strategos.executor.retention;

import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps run history to {@code strategos.retention.days}, market history to
 * {@code strategos.market-history.retention-days} and finished backtests to {@code strategos.backtest.retention-days}
 * ({@link BacktestRetention}): deletes older executions (node logs included) in bounded chunks, creates the
 * coming days' partitions of the day-partitioned market tables (snapshots and descriptions) ahead of time,
 * and drops the partitions that fell out of their window. One replica at a time, under an advisory lock.
 */
@ApplicationScoped
public class RetentionJob {

    private static final long RETENTION_LOCK = 0x5354_5241_5445_5245L;

    private static final String DELETE_OLD_EXECUTIONS = """
            DELETE FROM executions
             WHERE id IN (SELECT id FROM executions WHERE started_at < now() - make_interval(days => $1) LIMIT $2)
            """;

    private final Pool pool;
    private final int retentionDays;
    private final int deleteChunk;
    private final List<DailyPartitions> partitioned;
    private final BacktestRetention backtests;
    private final Clock clock = Clock.systemUTC();

    public RetentionJob(Pool pool,
                        @ConfigProperty(name = "strategos.retention.days") int retentionDays,
                        @ConfigProperty(name = "strategos.retention.delete-chunk") int deleteChunk,
                        @ConfigProperty(name = "strategos.market-history.retention-days") int marketHistoryDays,
                        BacktestRetention backtests) {
        this.pool = pool;
        this.backtests = backtests;
        this.retentionDays = retentionDays;
        this.deleteChunk = deleteChunk;
        this.partitioned = List.of(new DailyPartitions("market_snapshots", "period_start", marketHistoryDays),
                new DailyPartitions("market_descriptions", "recorded_at", marketHistoryDays));
    }

    @Scheduled(every = "${strategos.retention.interval}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        SqlConnection conn = pool.getConnection().await().indefinitely();
        try {
            boolean locked = conn.preparedQuery("SELECT pg_try_advisory_lock($1) AS locked").execute(Tuple.of(RETENTION_LOCK))
                    .await().indefinitely().iterator().next().getBoolean("locked");
            if (!locked) {
                return;
            }
            try {
                LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
                deleteInChunks(conn, DELETE_OLD_EXECUTIONS, retentionDays, deleteChunk);
                backtests.deleteExpired(conn);
                for (DailyPartitions table : partitioned) {
                    table.createAhead(conn, today);
                    table.dropExpired(conn, today);
                    table.deleteExpiredDefaultRows(conn, deleteChunk);
                }
            } finally {
                conn.preparedQuery("SELECT pg_advisory_unlock($1)").execute(Tuple.of(RETENTION_LOCK)).await().indefinitely();
            }
        } finally {
            conn.closeAndAwait();
        }
    }

    /** Runs {@code delete} (parameters: days, chunk) until a round deletes less than a chunk. */
    static void deleteInChunks(SqlConnection conn, String delete, int days, int chunk) {
        int deleted;
        do {
            deleted = conn.preparedQuery(delete).execute(Tuple.of(days, chunk)).await().indefinitely().rowCount();
        } while (deleted == chunk);
    }
}

package io.strategos.executor.retention;

import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps run history to {@code strategos.retention.days}: creates tomorrow's node-log partitions
 * ahead of time, drops the partitions that fell out of the window, and deletes older executions in
 * bounded chunks. One replica at a time, under an advisory lock.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);
    private static final long RETENTION_LOCK = 0x5354_5241_5445_5245L;
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final int DAYS_AHEAD = 3;

    private static final String DAILY_PARTITIONS = """
            SELECT c.relname AS name
              FROM pg_inherits i
              JOIN pg_class c ON c.oid = i.inhrelid
              JOIN pg_class p ON p.oid = i.inhparent
             WHERE p.relname = 'execution_node_logs' AND c.relname ~ '^execution_node_logs_p[0-9]{8}$'
            """;

    private static final String DELETE_OLD_EXECUTIONS = """
            DELETE FROM executions
             WHERE id IN (SELECT id FROM executions WHERE started_at < now() - make_interval(days => $1) LIMIT $2)
            """;

    private final Pool pool;
    private final int retentionDays;
    private final int deleteChunk;
    private final Clock clock = Clock.systemUTC();

    public RetentionJob(Pool pool,
                        @ConfigProperty(name = "strategos.retention.days") int retentionDays,
                        @ConfigProperty(name = "strategos.retention.delete-chunk") int deleteChunk) {
        this.pool = pool;
        this.retentionDays = retentionDays;
        this.deleteChunk = deleteChunk;
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
                createPartitions(conn, today);
                dropExpiredPartitions(conn, today.minusDays(retentionDays));
                deleteOldExecutions(conn);
            } finally {
                conn.preparedQuery("SELECT pg_advisory_unlock($1)").execute(Tuple.of(RETENTION_LOCK)).await().indefinitely();
            }
        } finally {
            conn.closeAndAwait();
        }
    }

    private void createPartitions(SqlConnection conn, LocalDate today) {
        for (int day = 0; day <= DAYS_AHEAD; day++) {
            LocalDate from = today.plusDays(day);
            // Dates are formatted by us, never taken from input, so building DDL from them is safe.
            String ddl = "CREATE TABLE IF NOT EXISTS execution_node_logs_p" + from.format(SUFFIX)
                    + " PARTITION OF execution_node_logs FOR VALUES FROM ('" + from + " 00:00:00+00') TO ('"
                    + from.plusDays(1) + " 00:00:00+00')";
            try {
                conn.query(ddl).execute().await().indefinitely();
            } catch (RuntimeException e) {
                // The default partition already holds rows of that day; they stay there until they expire.
                LOG.warnf("cannot create the node-log partition for %s: %s", from, e.getMessage());
            }
        }
    }

    private void dropExpiredPartitions(SqlConnection conn, LocalDate oldestKept) {
        for (Row row : conn.query(DAILY_PARTITIONS).execute().await().indefinitely()) {
            String name = row.getString("name");
            LocalDate day = LocalDate.parse(name.substring(name.length() - 8), SUFFIX);
            if (day.isBefore(oldestKept)) {
                conn.query("DROP TABLE " + name).execute().await().indefinitely();
                LOG.infof("dropped node logs of %s (older than %d days)", day, retentionDays);
            }
        }
    }

    private void deleteOldExecutions(SqlConnection conn) {
        int deleted;
        do {
            deleted = conn.preparedQuery(DELETE_OLD_EXECUTIONS).execute(Tuple.of(retentionDays, deleteChunk))
                    .await().indefinitely().rowCount();
        } while (deleted == deleteChunk);
    }
}

package io.strategos.executor.retention;

import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps run history to {@code strategos.retention.days}: creates the coming days' node-log
 * partitions ahead of time, drops the partitions that fell out of the window, and deletes older executions in
 * bounded chunks. One replica at a time, under an advisory lock.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);
    private static final long RETENTION_LOCK = 0x5354_5241_5445_5245L;
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final int DAYS_AHEAD = 3;
    private static final String PARTITION_PREFIX = "execution_node_logs_p";

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

    // Expired days' partitions are dropped whole; only node logs that landed in the default partition
    // are left to delete row by row (node logs have no foreign key to cascade from executions).
    private static final String DELETE_OLD_DEFAULT_NODE_LOGS = """
            DELETE FROM execution_node_logs_default
             WHERE ctid IN (SELECT ctid FROM execution_node_logs_default
                             WHERE started_at < now() - make_interval(days => $1) LIMIT $2)
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
                deleteOldHistory(conn);
            } finally {
                conn.preparedQuery("SELECT pg_advisory_unlock($1)").execute(Tuple.of(RETENTION_LOCK)).await().indefinitely();
            }
        } finally {
            conn.closeAndAwait();
        }
    }

    private void createPartitions(SqlConnection conn, LocalDate today) {
        for (int day = 0; day <= DAYS_AHEAD; day++) {
            LocalDate date = today.plusDays(day);
            String name = PARTITION_PREFIX + date.format(SUFFIX);
            boolean exists = conn.preparedQuery("SELECT to_regclass($1) IS NOT NULL AS present").execute(Tuple.of(name))
                    .await().indefinitely().iterator().next().getBoolean("present");
            if (!exists) {
                createPartition(conn, name, date);
            }
        }
    }

    /**
     * Rows of a day that has no partition yet land in the default partition: on a database migrated
     * to V10 that day, or when no replica ran this job for {@value #DAYS_AHEAD} days. PostgreSQL
     * refuses a partition for a day the default partition holds rows of, so the day's rows move into
     * the new table before it is attached. Recording waits meanwhile; normally the default partition is
     * empty, and it takes no time.
     */
    private void createPartition(SqlConnection conn, String name, LocalDate date) {
        // Dates are formatted by us, never taken from input, so building DDL from them is safe.
        String from = "'" + date + " 00:00:00+00'";
        String to = "'" + date.plusDays(1) + " 00:00:00+00'";
        Transaction tx = conn.begin().await().indefinitely();
        try {
            conn.query("LOCK TABLE execution_node_logs_default IN ACCESS EXCLUSIVE MODE").execute().await().indefinitely();
            conn.query("CREATE TABLE " + name + " (LIKE execution_node_logs INCLUDING DEFAULTS INCLUDING CONSTRAINTS)")
                    .execute().await().indefinitely();
            int moved = conn.query("WITH moved AS (DELETE FROM execution_node_logs_default WHERE started_at >= " + from
                    + " AND started_at < " + to + " RETURNING *) INSERT INTO " + name + " SELECT * FROM moved")
                    .execute().await().indefinitely().rowCount();
            conn.query("ALTER TABLE execution_node_logs ATTACH PARTITION " + name + " FOR VALUES FROM (" + from + ") TO (" + to + ")")
                    .execute().await().indefinitely();
            tx.commit().await().indefinitely();
            if (moved > 0) {
                LOG.infof("created the node-log partition for %s, moving %d rows into it from the default partition", date, moved);
            }
        } catch (RuntimeException e) {
            tx.rollback().await().indefinitely();
            LOG.warnf("cannot create the node-log partition for %s, will try again next round: %s", date, e.getMessage());
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

    private void deleteOldHistory(SqlConnection conn) {
        deleteInChunks(conn, DELETE_OLD_EXECUTIONS);
        deleteInChunks(conn, DELETE_OLD_DEFAULT_NODE_LOGS);
    }

    private void deleteInChunks(SqlConnection conn, String delete) {
        int deleted;
        do {
            deleted = conn.preparedQuery(delete).execute(Tuple.of(retentionDays, deleteChunk)).await().indefinitely().rowCount();
        } while (deleted == deleteChunk);
    }
}

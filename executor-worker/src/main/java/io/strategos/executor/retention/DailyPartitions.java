package io.strategos.executor.retention;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.jboss.logging.Logger;

/**
 * A table partitioned by day on a timestamp column, with a default partition (as V20 creates
 * them), kept for a number of days: its daily partitions {@code <table>_pYYYYMMDD} are created ahead and
 * dropped whole once expired; only rows that landed in the default partition are deleted row by row.
 * Table and column names are ours, never input, so building DDL from them is safe.
 */
record DailyPartitions(String table, String column, int retentionDays) {

    private static final Logger LOG = Logger.getLogger(DailyPartitions.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final int DAYS_AHEAD = 3;

    private static final String DAILY_PARTITIONS = """
            SELECT c.relname AS name
              FROM pg_inherits i
              JOIN pg_class c ON c.oid = i.inhrelid
              JOIN pg_class p ON p.oid = i.inhparent
             WHERE p.relname = $1 AND c.relname ~ ('^' || $1 || '_p[0-9]{8}$')
            """;

    // Formatted with the table (1), the column (2), the partition (3) and the day's bounds (4, 5).
    private static final String MOVE_FROM_DEFAULT = """
            WITH moved AS (DELETE FROM %1$s_default WHERE %2$s >= '%4$s' AND %2$s < '%5$s' RETURNING *)
            INSERT INTO %3$s SELECT * FROM moved
            """;

    // Formatted with the table (1) and the column (2).
    private static final String DELETE_EXPIRED_DEFAULT_ROWS = """
            DELETE FROM %1$s_default
             WHERE ctid IN (SELECT ctid FROM %1$s_default WHERE %2$s < now() - make_interval(days => $1) LIMIT $2)
            """;

    void createAhead(SqlConnection conn, LocalDate today) {
        for (int day = 0; day <= DAYS_AHEAD; day++) {
            LocalDate date = today.plusDays(day);
            String name = partition(date);
            boolean exists = conn.preparedQuery("SELECT to_regclass($1) IS NOT NULL AS present").execute(Tuple.of(name))
                    .await().indefinitely().iterator().next().getBoolean("present");
            if (!exists) {
                create(conn, name, date);
            }
        }
    }

    private String partition(LocalDate date) {
        return table + "_p" + date.format(SUFFIX);
    }

    /**
     * Rows of a day that has no partition yet land in the default partition: on a database migrated
     * that day, or when no replica ran the retention job for {@value #DAYS_AHEAD} days. PostgreSQL
     * refuses a partition for a day the default partition holds rows of, so the day's rows move into
     * the new table before it is attached. Writers wait meanwhile; normally the default partition is
     * empty, and it takes no time.
     */
    private void create(SqlConnection conn, String name, LocalDate date) {
        String from = date + " 00:00:00+00";
        String to = date.plusDays(1) + " 00:00:00+00";
        Transaction tx = conn.begin().await().indefinitely();
        try {
            conn.query("LOCK TABLE " + table + "_default IN ACCESS EXCLUSIVE MODE").execute().await().indefinitely();
            conn.query("CREATE TABLE " + name + " (LIKE " + table + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS)")
                    .execute().await().indefinitely();
            int moved = conn.query(MOVE_FROM_DEFAULT.formatted(table, column, name, from, to)).execute().await().indefinitely().rowCount();
            conn.query("ALTER TABLE " + table + " ATTACH PARTITION " + name + " FOR VALUES FROM ('" + from + "') TO ('" + to + "')")
                    .execute().await().indefinitely();
            tx.commit().await().indefinitely();
            if (moved > 0) {
                LOG.infof("created the %s partition for %s, moving %d rows into it from the default partition", table, date, moved);
            }
        } catch (RuntimeException e) {
            tx.rollback().await().indefinitely();
            LOG.warnf("cannot create the %s partition for %s, will try again next round: %s", table, date, e.getMessage());
        }
    }

    void dropExpired(SqlConnection conn, LocalDate today) {
        LocalDate oldestKept = today.minusDays(retentionDays);
        for (Row row : conn.preparedQuery(DAILY_PARTITIONS).execute(Tuple.of(table)).await().indefinitely()) {
            String name = row.getString("name");
            LocalDate day = LocalDate.parse(name.substring(name.length() - 8), SUFFIX);
            if (day.isBefore(oldestKept)) {
                conn.query("DROP TABLE " + name).execute().await().indefinitely();
                LOG.infof("dropped %s of %s (older than %d days)", table, day, retentionDays);
            }
        }
    }

    /** Expired rows of the default partition, deleted {@code chunk} at a time so no statement holds long locks. */
    void deleteExpiredDefaultRows(SqlConnection conn, int chunk) {
        RetentionJob.deleteInChunks(conn, DELETE_EXPIRED_DEFAULT_ROWS.formatted(table, column), retentionDays, chunk);
    }
}

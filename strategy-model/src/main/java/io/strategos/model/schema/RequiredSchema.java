package io.strategos.model.schema;

import io.quarkus.runtime.StartupEvent;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Refuses to start a service whose database lacks a migration the service was built with, so that a
 * release's replicas wait (restarting with back-off) for its migration Job instead of running new code
 * on an old schema. A database that is ahead is fine: during a rolling upgrade the old replicas run on
 * the new schema, which migrations keep compatible for one release.
 *
 * <p>This is what Flyway's validate-at-start did for the replicas, in one query on the reactive pool the
 * service has anyway; Flyway's validation took a JDBC connection, Flyway's set-up and a checksum of every
 * migration, about 100 ms of a native executable's start. The migration Job still runs Flyway in full,
 * checksums included.
 *
 * <p>A service's bean names its schema by extending this class. The observer method is public because
 * ArC calls it from the subclass's package, which would otherwise need reflection.
 */
public abstract class RequiredSchema {

    private static final Logger LOG = Logger.getLogger(RequiredSchema.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final String historyTable;
    private final int version;

    /**
     * @param historyTable Flyway's schema history table of the schema, as the service's database user
     *                     names it (schema-qualified unless it is on the search path)
     * @param version      the newest migration the service was built with
     */
    protected RequiredSchema(String historyTable, int version) {
        this.historyTable = historyTable;
        this.version = version;
    }

    public void check(@Observes StartupEvent started, Pool pool) {
        int reached = require(pool, historyTable, version);
        LOG.infof("database schema %s at version %d; this build needs %d", historyTable, reached, version);
    }

    /**
     * @return the version the database has reached
     * @throws IllegalStateException when the schema history says the database has not reached {@code version},
     *                               or there is no schema history at all
     */
    public static int require(Pool pool, String historyTable, int version) {
        int reached = reached(pool, historyTable);
        if (reached < version) {
            throw new IllegalStateException(("the database schema (%s) is at version %d and this build needs %d: "
                    + "run this release's migrations first (the migration Job, or quarkus.flyway.migrate-at-start=true)")
                    .formatted(historyTable, reached, version));
        }
        return reached;
    }

    private static int reached(Pool pool, String historyTable) {
        // Versions are whole numbers here (V1, V2, ...); failed and repeatable migrations do not count.
        String sql = "SELECT coalesce(max(version::int), 0) AS version FROM " + historyTable + " WHERE success";
        try {
            return pool.query(sql).execute().toCompletionStage().toCompletableFuture()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).iterator().next().getInteger("version");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PgException pg && "42P01".equals(pg.getSqlState())) {
                return 0; // no history table: nothing migrated yet
            }
            throw new IllegalStateException("cannot read the schema history " + historyTable + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the database did not answer within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the schema history", e);
        }
    }
}

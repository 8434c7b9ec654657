package io.strategos.executor.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How much work is waiting: strategies due now (strategos_executor_due_backlog, what autoscaling
 * follows) and events not yet in Kafka (strategos_outbox_backlog, which grows while Kafka is down).
 * Counted on a timer rather than per scrape, so scrapes never load the database.
 */
@ApplicationScoped
public class BacklogGauges {

    private static final String DUE = """
            SELECT count(*) AS n FROM strategy_run_state WHERE next_run_at <= now()
            """;
    private static final String OUTBOX = "SELECT count(*) AS n FROM outbox_events";
    // Both are counted through their indexes, in proportion to what is waiting, and by this backend alone.
    // Left to its statistics, the planner scanned whole tables: the due count whenever the statistics were
    // older than the schedule (with one-minute slots, half a minute after an ANALYZE they say half of all
    // strategies are due), and the outbox count always, over a table its churn keeps large (196 MB for 2,789
    // live events after a 100,000-strategy benchmark). Those scans ran in parallel workers that took both
    // cores for about 100 ms every interval on every replica, which showed as a schedule-lag spike every 5 s.
    // Only this transaction's plans are affected.
    private static final String USE_THE_INDEXES = "SET LOCAL enable_seqscan = off; SET LOCAL max_parallel_workers_per_gather = 0";

    private final Pool pool;
    private final AtomicLong due = new AtomicLong();
    private final AtomicLong outbox = new AtomicLong();

    public BacklogGauges(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        Gauge.builder("strategos.executor.due.backlog", due, AtomicLong::get)
                .description("Running strategies whose next slot has come").register(registry);
        Gauge.builder("strategos.outbox.backlog", outbox, AtomicLong::get)
                .description("Events written but not yet published to Kafka").register(registry);
    }

    @Scheduled(every = "${strategos.metrics.backlog-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        pool.withTransaction(conn -> conn.query(USE_THE_INDEXES).execute()
                        .flatMap(ignored -> count(conn, DUE)).invoke(due::set)
                        .flatMap(ignored -> count(conn, OUTBOX)).invoke(outbox::set))
                .await().indefinitely();
    }

    /** Strategies due now, as last counted. */
    long due() {
        return due.get();
    }

    private static Uni<Long> count(SqlConnection conn, String sql) {
        return conn.query(sql).execute().map(rows -> rows.iterator().next().getLong("n"));
    }
}

package io.strategos.executor.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Pool;
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
    // The due count is read through the due index, in proportion to the backlog. Left to its statistics,
    // the planner scanned the whole table whenever they were older than the schedule: with one-minute
    // slots, half a minute after an ANALYZE they say half of all strategies are due (60-110 ms per count at
    // 100,000 strategies, every interval, on every replica). Only this transaction's plan is affected.
    private static final String USE_THE_DUE_INDEX = "SET LOCAL enable_seqscan = off";
    private static final String OUTBOX = "SELECT count(*) AS n FROM outbox_events";

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
        due.set(pool.withTransaction(conn -> conn.query(USE_THE_DUE_INDEX).execute()
                        .flatMap(ignored -> conn.query(DUE).execute()))
                .await().indefinitely().iterator().next().getLong("n"));
        outbox.set(count(OUTBOX));
    }

    /** Strategies due now, as last counted. */
    long due() {
        return due.get();
    }

    private long count(String sql) {
        return pool.query(sql).execute().await().indefinitely().iterator().next().getLong("n");
    }
}

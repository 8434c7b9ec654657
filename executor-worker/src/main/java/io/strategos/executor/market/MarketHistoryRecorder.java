package io.strategos.executor.market;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps the Gamma provider's fetches as market history (V20) for backtests, off the runs' path: a fetch only
 * queues its snapshot, and a scheduled flush writes the queue, each snapshot in one transaction. A fetch
 * serves every run of its cache window, so this is one row per fetch whatever the number of runs. The key,
 * the {@code strategos.market-history.interval} a fetch fell in (by default the fetch interval, cache-ttl),
 * keeps at most one row per interval: this replica skips a fetch in an interval it recorded, and the key
 * drops the others' fetches there. A fetch that found the markets exactly as this replica last recorded them
 * is not recorded again either: the snapshot before it already tells a backtest how they were.
 */
@ApplicationScoped
public class MarketHistoryRecorder implements FetchRecorder {

    private static final Logger LOG = Logger.getLogger(MarketHistoryRecorder.class);
    /** Fetches waiting for a flush; with the database away longer than this many fetches, the oldest are let go. */
    private static final int QUEUE = 64;

    private static final String INSERT_SNAPSHOT = """
            INSERT INTO market_snapshots (period_start, fetched_at, market_ids, prices, volumes_24h, liquidity, momentum)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (period_start) DO NOTHING
            """;

    // Another replica may have described a market at the same instant: the first description is as good.
    private static final String INSERT_DESCRIPTIONS = """
            INSERT INTO market_descriptions (recorded_at, market_id, question, category, end_date)
            SELECT $1, market_id, question, category, end_date
              FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS d(market_id, question, category, end_date)
            ON CONFLICT DO NOTHING
            """;

    private record Fetch(Instant fetchedAt, List<Market> markets) {
    }

    private final Pool pool;
    private final Duration period;
    private final BlockingQueue<Fetch> pending = new ArrayBlockingQueue<>(QUEUE);
    private final MarketHistoryFormat.Ledger ledger = new MarketHistoryFormat.Ledger();
    private List<Market> lastRecorded = List.of();
    private Instant lastPeriod = Instant.MIN;

    public MarketHistoryRecorder(Pool pool, @ConfigProperty(name = "strategos.market-history.interval") Duration period) {
        this.pool = pool;
        this.period = period;
    }

    @Override
    public void fetched(Instant fetchedAt, List<Market> markets) {
        Fetch fetch = new Fetch(fetchedAt, markets);
        while (!pending.offer(fetch)) {
            pending.poll();
        }
    }

    @Scheduled(every = "${strategos.market-history.flush-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    synchronized void flush() {
        for (Fetch fetch = pending.poll(); fetch != null; fetch = pending.poll()) {
            try {
                write(fetch);
            } catch (RuntimeException e) {
                LOG.warnf("market snapshot fetched at %s not recorded (backtests will use the one before it): %s",
                        fetch.fetchedAt(), e.getMessage());
            }
        }
    }

    private void write(Fetch fetch) {
        Instant periodStart = MarketHistoryFormat.periodStart(fetch.fetchedAt(), period);
        if (periodStart.equals(lastPeriod) || fetch.markets().equals(lastRecorded)) {
            return;
        }
        MarketHistoryFormat.Columns columns = MarketHistoryFormat.Columns.of(fetch.markets());
        List<Market> undescribed = ledger.unwritten(fetch.fetchedAt(), fetch.markets());
        OffsetDateTime fetchedAt = utc(fetch.fetchedAt());
        Tuple snapshot = Tuple.from(List.of(utc(periodStart), fetchedAt, columns.ids(),
                columns.prices(), columns.volumes24h(), columns.liquidity(), columns.momentum()));
        boolean recorded = pool.withTransaction(c -> c.preparedQuery(INSERT_SNAPSHOT).execute(snapshot)
                        .flatMap(inserted -> inserted.rowCount() == 0 ? Uni.createFrom().item(false)
                                : describe(c, fetchedAt, undescribed).replaceWith(true)))
                .await().indefinitely();
        if (recorded) {
            ledger.written(undescribed);
            lastRecorded = fetch.markets();
            lastPeriod = periodStart;
        }
    }

    private static Uni<?> describe(SqlConnection c, OffsetDateTime recordedAt, List<Market> markets) {
        if (markets.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery(INSERT_DESCRIPTIONS).execute(Tuple.of(recordedAt,
                markets.stream().map(Market::id).toArray(String[]::new),
                markets.stream().map(Market::question).toArray(String[]::new),
                markets.stream().map(Market::category).toArray(String[]::new),
                markets.stream().map(m -> m.endDate() == null ? null : utc(m.endDate())).toArray(OffsetDateTime[]::new)));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

package io.strategos.executor.market;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The market history {@link MarketHistoryRecorder} keeps of a live provider's fetches: at a backtest's slot,
 * the latest snapshot fetched at or before it. A replay reads one snapshot per slot that needs a new one
 * (slots closer than the fetches reuse it), from the slot's day's partition unless the day has none before
 * the slot, and each day's descriptions once.
 */
public final class RecordedMarketHistory implements MarketHistory {

    // The latest snapshot at or before $1 from $2 on, and when the next one, before $3, was fetched: until then
    // it holds, and denser slots ask nothing more. The bounds let PostgreSQL read one day's partition, not all.
    private static final String SNAPSHOT_AT = """
            SELECT s.fetched_at, s.market_ids, s.prices, s.volumes_24h, s.liquidity, s.momentum,
                   (SELECT n.fetched_at FROM market_snapshots n
                     WHERE n.period_start > s.period_start AND n.period_start >= $2 AND n.period_start < $3
                     ORDER BY n.period_start
                     LIMIT 1) AS next_fetched_at
              FROM market_snapshots s
             WHERE s.period_start >= $2 AND s.period_start <= $1 AND s.fetched_at <= $1
             ORDER BY s.period_start DESC
             LIMIT 1
            """;

    private static final String DESCRIPTIONS_OF_DAY = """
            SELECT recorded_at, market_id, question, category, end_date
              FROM market_descriptions
             WHERE recorded_at >= $1 AND recorded_at < $2
            """;

    private final Pool pool;

    public RecordedMarketHistory(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Replay replay() {
        return new Replay() {
            private MarketSnapshot snapshot;
            private Instant fetchedAt;
            private Instant validUntil;
            private LocalDate day;
            private Map<String, NavigableMap<Instant, MarketHistoryFormat.Description>> descriptions;

            @Override
            public MarketSnapshot at(Instant instant) {
                if (snapshot != null && !instant.isBefore(fetchedAt) && instant.isBefore(validUntil)) {
                    return snapshot;
                }
                Instant dayStart = MarketHistoryFormat.day(instant).atStartOfDay(ZoneOffset.UTC).toInstant();
                Instant dayEnd = dayStart.plus(Duration.ofDays(1));
                RowSet<Row> rows = snapshotAt(instant, dayStart, dayEnd);
                if (rows.size() == 0) {
                    // Before the day's first fetch: the last snapshot of an earlier day.
                    rows = snapshotAt(instant, Instant.EPOCH, dayEnd);
                }
                if (rows.size() == 0) {
                    throw new Missing("no market history recorded at or before " + instant
                            + ": history starts with the first fetch recorded and is kept strategos.market-history.retention-days");
                }
                Row row = rows.iterator().next();
                fetchedAt = row.getOffsetDateTime("fetched_at").toInstant();
                OffsetDateTime next = row.getOffsetDateTime("next_fetched_at");
                validUntil = next == null ? dayEnd : next.toInstant();
                Map<String, NavigableMap<Instant, MarketHistoryFormat.Description>> described = describedOn(MarketHistoryFormat.day(fetchedAt));
                Instant at = fetchedAt;
                snapshot = new MarketSnapshot(new MarketHistoryFormat.Columns(row.getArrayOfStrings("market_ids"),
                        row.getArrayOfFloats("prices"), row.getArrayOfFloats("volumes_24h"), row.getArrayOfFloats("liquidity"),
                        row.getArrayOfFloats("momentum")).markets(id -> {
                            NavigableMap<Instant, MarketHistoryFormat.Description> versions = described.get(id);
                            var latest = versions == null ? null : versions.floorEntry(at);
                            return latest == null ? null : latest.getValue();
                        }));
                return snapshot;
            }

            private RowSet<Row> snapshotAt(Instant instant, Instant from, Instant nextBefore) {
                return pool.preparedQuery(SNAPSHOT_AT).execute(Tuple.of(utc(instant), utc(from), utc(nextBefore))).await().indefinitely();
            }

            /** Every description the day's partition holds, by market and time written. */
            private Map<String, NavigableMap<Instant, MarketHistoryFormat.Description>> describedOn(LocalDate date) {
                if (!date.equals(day)) {
                    descriptions = new HashMap<>();
                    Instant start = date.atStartOfDay(ZoneOffset.UTC).toInstant();
                    for (Row row : pool.preparedQuery(DESCRIPTIONS_OF_DAY).execute(Tuple.of(utc(start), utc(start.plus(Duration.ofDays(1)))))
                            .await().indefinitely()) {
                        OffsetDateTime endDate = row.getOffsetDateTime("end_date");
                        descriptions.computeIfAbsent(row.getString("market_id"), id -> new TreeMap<>())
                                .put(row.getOffsetDateTime("recorded_at").toInstant(), new MarketHistoryFormat.Description(
                                        row.getString("question"), row.getString("category"), endDate == null ? null : endDate.toInstant()));
                    }
                    day = date;
                }
                return descriptions;
            }
        };
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

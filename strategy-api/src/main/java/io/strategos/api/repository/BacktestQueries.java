package io.strategos.api.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.strategos.api.mapping.BacktestView;
import io.strategos.api.mapping.Cursor;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** The caller's backtests: submit, read, list, cancel, and their runs and trades. Plain SQL, scoped to the caller. */
@ApplicationScoped
public class BacktestQueries {

    private static final String COLUMNS = """
            id, strategy_id, strategy_version, range_from, range_to, schedule::text AS schedule, settings::text AS settings,
            status, progress_pct, slots_done, result::text AS result, error, created_at, started_at, completed_at""";

    private static final String INSERT = """
            INSERT INTO backtests (id, owner_id, strategy_id, strategy_version, range_from, range_to, schedule, settings)
            VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8::text::jsonb)
            RETURNING %s""".formatted(COLUMNS);

    private static final String ONE = "SELECT %s FROM backtests WHERE id = $1 AND owner_id = $2".formatted(COLUMNS);

    /** Newest first; keyset on (created_at, id). */
    private static final String LIST = """
            SELECT %s, created_at::text AS sort_key
              FROM backtests
             WHERE owner_id = $1
               AND ($2::uuid IS NULL OR strategy_id = $2)
               AND ($3::text IS NULL OR (created_at, id) < ($3::text::timestamptz, $4::uuid))
             ORDER BY created_at DESC, id DESC
             LIMIT $5""".formatted(COLUMNS);

    private static final String CANCEL = """
            UPDATE backtests SET status = 'cancelled', completed_at = now(), lease_owner = NULL, lease_expires_at = NULL
             WHERE id = $1 AND owner_id = $2 AND status IN ('queued', 'running')
            RETURNING %s""".formatted(COLUMNS);

    /**
     * A backtest's rows of one kind in their order, paged by one column: {@code $3} is the key of the
     * last row of the page before (null for the first page).
     */
    public record Detail<T>(String sql, Function<Row, T> row, Function<T, String> cursorKey, Function<String, Object> afterKey) {
    }

    /** Every slot's run, by slot. */
    public static final Detail<BacktestView.Run> RUNS = new Detail<>("""
            SELECT r.slot, r.status, r.error, r.trades, r.equity
              FROM backtest_runs r JOIN backtests b ON b.id = r.backtest_id
             WHERE r.backtest_id = $1 AND b.owner_id = $2 AND ($3::timestamptz IS NULL OR r.slot > $3)
             ORDER BY r.slot
             LIMIT $4""",
            r -> new BacktestView.Run(StrategyRows.instant(r, "slot"), r.getString("status"), r.getString("error"),
                    r.getInteger("trades"), r.getBigDecimal("equity")),
            run -> run.slot().toString(), key -> offset(Instant.parse(key)));

    /** Every simulated trade, by sequence number. */
    public static final Detail<BacktestView.Trade> TRADES = new Detail<>("""
            SELECT t.seq, t.slot, t.market_id, t.question, t.outcome, t.action, t.quantity, t.price, t.fee_usd, t.cash_delta,
                   t.realized_pnl, t.reason
              FROM backtest_trades t JOIN backtests b ON b.id = t.backtest_id
             WHERE t.backtest_id = $1 AND b.owner_id = $2 AND ($3::int IS NULL OR t.seq > $3)
             ORDER BY t.seq
             LIMIT $4""",
            t -> new BacktestView.Trade(t.getInteger("seq"), StrategyRows.instant(t, "slot"), t.getString("market_id"),
                    t.getString("question"), t.getString("outcome"), t.getString("action"), t.getBigDecimal("quantity"),
                    t.getBigDecimal("price"), t.getBigDecimal("fee_usd"), t.getBigDecimal("cash_delta"),
                    t.getBigDecimal("realized_pnl"), t.getString("reason")),
            trade -> Integer.toString(trade.seq()), Integer::valueOf);

    public record Found(BacktestView backtest, String sortKey) {
    }

    /** What a new backtest stores; {@code schedule} and {@code settings} are JSON. */
    public record NewBacktest(UUID id, UUID strategyId, int version, Instant from, Instant to, String schedule, String settings) {
    }

    private final CallerScope scope;
    private final ObjectMapper json;

    public BacktestQueries(CallerScope scope, ObjectMapper json) {
        this.scope = scope;
        this.json = json;
    }

    public Uni<BacktestView> insert(String ownerId, NewBacktest b) {
        Tuple args = Tuple.tuple().addUUID(b.id()).addString(ownerId).addUUID(b.strategyId()).addInteger(b.version())
                .addOffsetDateTime(offset(b.from())).addOffsetDateTime(offset(b.to())).addString(b.schedule()).addString(b.settings());
        return scope.run(ownerId, c -> c.preparedQuery(INSERT).execute(args).map(rows -> view(rows.iterator().next())));
    }

    /** @return the caller's backtest, or null */
    public Uni<BacktestView> find(String ownerId, UUID id) {
        return scope.run(ownerId, c -> c.preparedQuery(ONE).execute(Tuple.of(id, ownerId))
                .map(rows -> rows.size() == 0 ? null : view(rows.iterator().next())));
    }

    public Uni<List<Found>> list(String ownerId, UUID strategyId, Cursor after, int limit) {
        Tuple args = Tuple.tuple().addString(ownerId).addUUID(strategyId).addString(after == null ? null : after.key())
                .addUUID(after == null ? null : after.id()).addInteger(limit);
        return scope.run(ownerId, c -> c.preparedQuery(LIST).execute(args).map(rows -> {
            List<Found> found = new ArrayList<>(rows.size());
            rows.forEach(row -> found.add(new Found(view(row), row.getString("sort_key"))));
            return found;
        }));
    }

    /** @return the cancelled backtest, or null when the caller has none still queued or running with this id */
    public Uni<BacktestView> cancel(String ownerId, UUID id) {
        return scope.run(ownerId, c -> c.preparedQuery(CANCEL).execute(Tuple.of(id, ownerId))
                .map(rows -> rows.size() == 0 ? null : view(rows.iterator().next())));
    }

    /** @param afterKey the {@link Detail#afterKey} of the page before's cursor, or null for the first page */
    public <T> Uni<List<T>> detail(String ownerId, UUID id, Detail<T> detail, Object afterKey, int limit) {
        Tuple args = Tuple.tuple().addUUID(id).addString(ownerId).addValue(afterKey).addInteger(limit);
        return scope.run(ownerId, c -> c.preparedQuery(detail.sql()).execute(args).map(rows -> {
            List<T> found = new ArrayList<>(rows.size());
            rows.forEach(row -> found.add(detail.row().apply(row)));
            return found;
        }));
    }

    private BacktestView view(Row row) {
        return new BacktestView(row.getUUID("id"), row.getUUID("strategy_id"), row.getInteger("strategy_version"),
                StrategyRows.instant(row, "range_from"), StrategyRows.instant(row, "range_to"), parse(row.getString("schedule")),
                parse(row.getString("settings")), row.getString("status"), row.getBigDecimal("progress_pct"), row.getLong("slots_done"),
                parse(row.getString("result")), row.getString("error"), StrategyRows.instant(row, "created_at"),
                StrategyRows.instant(row, "started_at"), StrategyRows.instant(row, "completed_at"));
    }

    private JsonNode parse(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON in backtests", e);
        }
    }

    private static OffsetDateTime offset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}

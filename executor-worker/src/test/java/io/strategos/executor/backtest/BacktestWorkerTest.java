package io.strategos.executor.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Backtests claimed from the table, replayed on the simulated market history, and written back. */
@QuarkusTest
class BacktestWorkerTest {

    static final String GRAPH = """
            {"nodes": [{"id": "markets", "type": "polymarket-stream", "config": {"limit": 20}},
                       {"id": "cheap", "type": "filter", "config": {"conditions": [{"field": "price", "operator": "lt", "value": 0.5}]}},
                       {"id": "trade", "type": "orchestrator",
                        "config": {"positionSizePct": 5, "maxOpenPositions": 5, "takeProfitPct": 2, "stopLossPct": 2}}],
             "edges": [{"source": "markets", "target": "cheap"}, {"source": "cheap", "target": "trade"}]}""";

    static final Instant FROM = Instant.parse("2026-10-01T00:00:00Z");

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    private UUID strategy(String owner) {
        return BacktestRows.strategy(pool, owner, GRAPH);
    }

    private UUID backtest(String owner, UUID strategy, Duration length) {
        return BacktestRows.backtest(pool, owner, strategy, FROM, FROM.plus(length), 60, BacktestRows.LIVE_FILLS);
    }

    private Row row(UUID backtest) {
        return rows("SELECT status, progress_pct, slots_done, result::text AS result, error, lease_owner FROM backtests WHERE id = $1",
                backtest).getFirst();
    }

    private List<Row> rows(String sql, Object... args) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.from(args)).await().indefinitely().forEach(rows::add);
        return rows;
    }

    @Test
    void aBacktestReplaysEverySlotAndTheSameRequestGivesTheSameResult() throws Exception {
        UUID strategy = strategy("bt-owner");
        UUID first = backtest("bt-owner", strategy, Duration.ofHours(6));
        UUID second = backtest("bt-owner", strategy, Duration.ofHours(6));

        await().atMost(Duration.ofSeconds(60)).until(() -> row(first).getString("status").equals("completed")
                && row(second).getString("status").equals("completed"));
        Row done = row(first);
        assertThat(done.getLong("slots_done")).isEqualTo(360);
        assertThat(done.getBigDecimal("progress_pct")).isEqualByComparingTo("100");
        assertThat(done.getString("lease_owner")).isNull();
        JsonNode result = json.readTree(done.getString("result"));
        assertThat(result.get("runs").asLong()).isEqualTo(360);
        assertThat(result.get("trades").asLong()).isPositive();
        assertThat(result.has("totalReturnPct")).isTrue();
        assertThat(result.at("/baseline/markets").asInt()).isPositive();

        List<Row> runs = rows("SELECT slot, equity FROM backtest_runs WHERE backtest_id = $1 ORDER BY slot", first);
        assertThat(runs).hasSize(360);
        assertThat(runs.getFirst().getOffsetDateTime("slot").toInstant()).isEqualTo(FROM);
        assertThat(runs.getLast().getBigDecimal("equity")).isEqualByComparingTo(result.get("finalEquity").decimalValue());
        long trades = rows("SELECT count(*) FROM backtest_trades WHERE backtest_id = $1", first).getFirst().getLong(0);
        assertThat(trades).isEqualTo(result.get("trades").asLong());

        // Deterministic: the same request on the same data, however it was checkpointed.
        assertThat(json.readTree(row(second).getString("result"))).isEqualTo(result);
        assertThat(rows("""
                SELECT count(*) FROM backtest_trades a FULL JOIN backtest_trades b ON b.backtest_id = $2 AND a.seq = b.seq
                 WHERE a.backtest_id = $1 AND (b.seq IS NULL OR a.market_id <> b.market_id OR a.price <> b.price
                                               OR a.quantity <> b.quantity OR a.slot <> b.slot)""", first, second)
                .getFirst().getLong(0)).isZero();
        // Nothing live was touched.
        assertThat(rows("SELECT count(*) FROM paper_trades WHERE strategy_id = $1", strategy).getFirst().getLong(0)).isZero();
        assertThat(rows("SELECT count(*) FROM executions WHERE strategy_id = $1", strategy).getFirst().getLong(0)).isZero();
    }

    @Test
    void aCancelledBacktestStopsAndKeepsWhatItReplayed() {
        UUID strategy = strategy("bt-cancel");
        UUID backtest = backtest("bt-cancel", strategy, Duration.ofDays(60));
        await().atMost(Duration.ofSeconds(60)).until(() -> row(backtest).getLong("slots_done") > 0);
        pool.preparedQuery("UPDATE backtests SET status = 'cancelled', lease_owner = NULL, lease_expires_at = NULL WHERE id = $1")
                .execute(Tuple.of(backtest)).await().indefinitely();
        long replayed = row(backtest).getLong("slots_done");
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
        Row after = row(backtest);
        assertThat(after.getString("status")).isEqualTo("cancelled");
        assertThat(after.getLong("slots_done")).isEqualTo(replayed);
        assertThat(rows("SELECT count(*) FROM backtest_runs WHERE backtest_id = $1", backtest).getFirst().getLong(0)).isEqualTo(replayed);
    }
}

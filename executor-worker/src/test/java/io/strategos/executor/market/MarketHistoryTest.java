package io.strategos.executor.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.strategos.executor.backtest.BacktestRows;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Market history on the Gamma provider: what the executor's fetches leave behind, and backtests replaying it. */
@QuarkusTest
@TestProfile(MarketHistoryTest.RecordingGamma.class)
class MarketHistoryTest {

    /** Its own profile: a fresh application, so the recorder has recorded nothing yet. */
    public static class RecordingGamma implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("strategos.market-data.provider", "gamma",
                    "strategos.market-data.gamma.cache-ttl", "2s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(GammaFixtureServer.class));
        }
    }

    static final String RECORDED_GRAPH = """
            {"nodes": [{"id": "markets", "type": "polymarket-stream", "config": {"limit": 10}},
                       {"id": "cheap", "type": "filter", "config": {"conditions": [{"field": "price", "operator": "lt", "value": 0.5}]}},
                       {"id": "trade", "type": "orchestrator", "config": {"positionSizePct": 10, "maxOpenPositions": 5, "takeProfitPct": 5}}],
             "edges": [{"source": "markets", "target": "cheap"}, {"source": "cheap", "target": "trade"}]}""";

    static final String FRICTIONLESS = """
            {"paperBankrollUsd": 1000, "feeBps": 0, "slippageBps": 0, "triggerCondition": null}""";

    @Inject
    Pool pool;

    @Inject
    MarketHistoryRecorder recorder;

    @Inject
    ObjectMapper json;

    @Inject
    MarketHistory history;

    private List<Row> rows(String sql, Object... args) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.from(args)).await().indefinitely().forEach(rows::add);
        return rows;
    }

    private long count(String sql, Object... args) {
        return rows(sql, args).getFirst().getLong(0);
    }

    private UUID due(String owner) {
        return GammaMarketDataTest.insertDue(pool, owner, GammaMarketDataTest.GRAPH);
    }

    private void runAll(List<UUID> strategies) {
        await().atMost(Duration.ofSeconds(20)).until(() -> strategies.stream()
                .allMatch(s -> count("SELECT count(*) FROM executions WHERE strategy_id = $1", s) == 1));
    }

    @Test
    void aFetchSharedByManyRunsIsRecordedOnce() {
        Instant start = Instant.now();
        runAll(List.of(due("history-a"), due("history-b"), due("history-c")));
        recorder.flush();

        List<Row> snapshots = rows("""
                SELECT fetched_at, period_start, market_ids, prices FROM market_snapshots WHERE fetched_at >= $1""",
                start.atOffset(ZoneOffset.UTC));
        assertThat(snapshots).hasSize(1);
        Row snapshot = snapshots.getFirst();
        // The fixture's readable markets, most traded first; 503 and 505 have no price.
        assertThat(snapshot.getArrayOfStrings("market_ids")).containsExactly("501", "502", "504");
        assertThat(snapshot.getArrayOfFloats("prices")).containsExactly(0.62f, 0.21f, 0.0015f);
        assertThat(rows("SELECT market_id, question, category FROM market_descriptions WHERE recorded_at = $1 ORDER BY market_id",
                snapshot.getOffsetDateTime("fetched_at")))
                .extracting(r -> r.getString("market_id") + " " + r.getString("category") + " " + r.getString("question"))
                .containsExactly("501 economics Will the Fed cut rates in December?",
                        "502 crypto Will Bitcoin close above $150k this year?", "504 politics Will the incumbent win the election?");

        // The next window's fetch finds the markets unchanged: nothing new to record.
        await().pollDelay(Duration.ofMillis(2100)).until(() -> true);
        runAll(List.of(due("history-d")));
        recorder.flush();
        assertThat(count("SELECT count(*) FROM market_snapshots WHERE fetched_at >= $1", start.atOffset(ZoneOffset.UTC))).isEqualTo(1);

        // A later fetch in the interval it recorded is not recorded.
        Instant fetched = snapshot.getOffsetDateTime("fetched_at").toInstant();
        Market other = new Market("9", "Another fetch?", "", 0.5, 1, 1, 0, null);
        recorder.fetched(fetched.plusMillis(1), List.of(other));
        recorder.flush();
        assertThat(rows("SELECT fetched_at FROM market_snapshots WHERE fetched_at >= $1", start.atOffset(ZoneOffset.UTC)))
                .extracting(r -> r.getOffsetDateTime("fetched_at").toInstant()).containsExactly(fetched);

        // Nor is a fetch in an interval another replica recorded first: the key drops it, descriptions and all.
        Instant taken = LocalDate.now(ZoneOffset.UTC).minusDays(2).atTime(12, 0).toInstant(ZoneOffset.UTC);
        pool.preparedQuery("""
                        INSERT INTO market_snapshots (period_start, fetched_at, market_ids, prices, volumes_24h, liquidity, momentum)
                        VALUES ($1, $1, '{"x"}', '{0.5}', '{1}', '{1}', '{0}')""")
                .execute(Tuple.of(taken.atOffset(ZoneOffset.UTC))).await().indefinitely();
        recorder.fetched(taken.plusMillis(700), List.of(other));
        recorder.flush();
        assertThat(rows("SELECT market_ids FROM market_snapshots WHERE period_start = $1", taken.atOffset(ZoneOffset.UTC)))
                .extracting(r -> List.of(r.getArrayOfStrings("market_ids"))).containsExactly(List.of("x"));
        assertThat(count("SELECT count(*) FROM market_descriptions WHERE market_id = '9'")).isZero();
    }

    @Test
    void aBacktestOnGammaReplaysTheRecordedSnapshots() throws Exception {
        Instant base = LocalDate.now(ZoneOffset.UTC).minusDays(1).atTime(10, 0).toInstant(ZoneOffset.UTC);
        Market steady = new Market("h2", "Will the steady market move?", "science", 0.7, 5_000, 20_000, 0, null);
        recorder.fetched(base, List.of(new Market("h1", "Will the history hold?", "economics", 0.40, 9_000, 50_000, 0, null), steady));
        recorder.fetched(base.plus(Duration.ofMinutes(30)),
                List.of(new Market("h1", "Will the history hold, amended?", "economics", 0.55, 9_500, 50_000, 0.15, null), steady));
        recorder.flush();

        UUID strategy = BacktestRows.strategy(pool, "history-owner", RECORDED_GRAPH);
        UUID backtest = BacktestRows.backtest(pool, "history-owner", strategy, base, base.plus(Duration.ofHours(1)), 600, FRICTIONLESS);
        await().atMost(Duration.ofSeconds(30)).until(() -> !rows("SELECT status FROM backtests WHERE id = $1", backtest)
                .getFirst().getString("status").matches("queued|running"));

        Row done = rows("SELECT status, error, result::text AS result FROM backtests WHERE id = $1", backtest).getFirst();
        assertThat(done.getString("error")).isNull();
        assertThat(done.getString("status")).isEqualTo("completed");
        // 10 % of 1,000 USD buys 250 h1 at the first snapshot's 0.40 (h2 is too dear); the take-profit sells them at
        // the second snapshot's 0.55 at the first slot that sees it, 10:30: 1,000 - 100 + 137.50. Each trade names the
        // market as described at its snapshot.
        assertThat(rows("""
                SELECT slot, market_id, question, action, quantity, price FROM backtest_trades WHERE backtest_id = $1 ORDER BY seq""",
                backtest)).extracting(t -> t.getOffsetDateTime("slot").toInstant() + " " + t.getString("market_id") + " "
                        + t.getString("question") + " " + t.getString("action") + " " + t.getBigDecimal("quantity").stripTrailingZeros()
                        .toPlainString() + " @ " + t.getBigDecimal("price").stripTrailingZeros().toPlainString())
                .containsExactly(base + " h1 Will the history hold? buy 250 @ 0.4",
                        base.plus(Duration.ofMinutes(30)) + " h1 Will the history hold, amended? sell 250 @ 0.55");
        JsonNode result = json.readTree(done.getString("result"));
        assertThat(result.get("runs").asLong()).isEqualTo(6);
        assertThat(result.get("finalEquity").decimalValue()).isEqualByComparingTo("1037.50");
        assertThat(result.get("totalReturnPct").asDouble()).isEqualTo(3.75);
    }

    @Test
    void anInstantSeesTheLatestSnapshotFetchedAtOrBeforeItWhateverDayItIsOn() {
        Instant evening = LocalDate.now(ZoneOffset.UTC).minusDays(3).atTime(23, 0).toInstant(ZoneOffset.UTC).plusMillis(500);
        Instant nextDay = evening.plus(Duration.ofMinutes(90)).plusMillis(200);
        recorder.fetched(evening, List.of(new Market("d1", "Late?", "sports", 0.3, 1, 1, 0, null)));
        recorder.fetched(nextDay, List.of(new Market("d1", "Late?", "sports", 0.35, 1, 1, 0, null)));
        recorder.flush();

        // Its interval started before it, but the fetch answered only at `evening`.
        assertThatThrownBy(() -> history.replay().at(evening.minusMillis(300)))
                .isInstanceOf(MarketHistory.Missing.class);
        MarketHistory.Replay replay = history.replay();
        assertThat(replay.at(evening).markets()).extracting(Market::price).containsExactly(0.3);
        assertThat(replay.at(nextDay.minus(Duration.ofMinutes(20))).markets()).extracting(Market::price).containsExactly(0.3);
        assertThat(replay.at(nextDay).markets()).extracting(m -> m.question() + " " + m.price()).containsExactly("Late? 0.35");
        assertThat(replay.at(nextDay.plus(Duration.ofHours(5))).markets()).extracting(Market::price).containsExactly(0.35);
    }

    @Test
    void aBacktestBeforeAnyRecordedHistoryFailsSayingSo() {
        UUID strategy = BacktestRows.strategy(pool, "history-owner", RECORDED_GRAPH);
        Instant from = Instant.parse("2001-01-01T00:00:00Z");
        UUID backtest = BacktestRows.backtest(pool, "history-owner", strategy, from, from.plus(Duration.ofHours(1)), 600, FRICTIONLESS);

        await().atMost(Duration.ofSeconds(30)).until(() -> rows("SELECT status FROM backtests WHERE id = $1", backtest)
                .getFirst().getString("status").equals("failed"));
        assertThat(rows("SELECT error FROM backtests WHERE id = $1", backtest).getFirst().getString("error"))
                .startsWith("no market history recorded at or before 2001-01-01T00:00:00Z");
    }
}

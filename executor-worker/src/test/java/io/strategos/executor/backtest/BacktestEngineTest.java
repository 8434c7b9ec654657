package io.strategos.executor.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strategos.executor.market.Market;
import io.strategos.executor.market.MarketHistory;
import io.strategos.executor.market.MarketSnapshot;
import io.strategos.executor.paper.PaperTrade;
import io.strategos.executor.paper.PaperTradingSettings;
import io.strategos.executor.paper.PortfolioRepository;
import io.strategos.executor.pipeline.PipelineRunner;
import io.strategos.executor.pipeline.nodes.OrchestratorNode;
import io.strategos.executor.pipeline.nodes.PolymarketStreamNode;
import io.strategos.model.graph.StrategyGraph;
import io.strategos.model.schedule.IntervalSchedule;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A backtest on a fixed price series, checked against numbers worked out by hand. */
class BacktestEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    /** The one market's YES price at each minute from T0. */
    private static final double[] PRICES = {0.50, 0.55, 0.60, 0.40};

    private static final PaperTradingSettings FEES_ONLY = new PaperTradingSettings() {
        @Override
        public int feeBps() {
            return 20;
        }

        @Override
        public int slippageBps() {
            return 0;
        }
    };

    /** A history where the market "m" is at PRICES[minute since T0]. */
    private static final MarketHistory HISTORY = () -> at -> {
        int minute = (int) ((at.getEpochSecond() - T0.getEpochSecond()) / 60);
        return new MarketSnapshot(List.of(new Market("m", "Will m?", "politics", PRICES[minute], 10_000, 10_000, 0, T0.plusSeconds(86_400))));
    };

    private static final PipelineRunner RUNNER = new PipelineRunner(List.of(new PolymarketStreamNode(),
            // A backtest never reads the saved account: the repository would fail if it were asked.
            new OrchestratorNode(new PortfolioRepository(null), FEES_ONLY)), null, Clock.systemUTC());

    private static Backtest backtest(BacktestState checkpoint, Instant nextSlot) throws Exception {
        StrategyGraph graph = JSON.readValue("""
                {"nodes": [{"id": "markets", "type": "polymarket-stream", "config": {}},
                           {"id": "trade", "type": "orchestrator", "config": {"positionSizePct": 10, "takeProfitPct": 15}}],
                 "edges": [{"source": "markets", "target": "trade"}]}""", StrategyGraph.class);
        return new Backtest(UUID.randomUUID(), "owner", UUID.randomUUID(), 1, "fixed", graph, T0, T0.plusSeconds(240),
                new IntervalSchedule(60L), new Backtest.Settings(new BigDecimal("1000"), 20, 0, null, null), nextSlot, checkpoint);
    }

    @Test
    void tradesEquityAndMetricsMatchTheHandComputedOnes() throws Exception {
        BacktestEngine engine = new BacktestEngine(RUNNER, backtest(null, null), FEES_ONLY, HISTORY.replay());
        List<BacktestEngine.SlotRun> runs = new ArrayList<>();
        while (engine.nextSlot().isPresent()) {
            runs.add(engine.step());
        }

        assertThat(runs).extracting(BacktestEngine.SlotRun::slot)
                .containsExactly(T0, T0.plusSeconds(60), T0.plusSeconds(120), T0.plusSeconds(180));
        assertThat(runs).extracting(BacktestEngine.SlotRun::status).containsOnly("success");
        // Buy 10 % of 1,000 at 0.50: 200 shares for 100 + 0.20 fee. Hold at 0.55 (+10 %, under the 15 % take-profit).
        // Sell at 0.60 (+20 %): 120 - 0.24 fee = 119.76, a 19.76 profit; the sold market is not bought back that run.
        // Buy again at 0.40: 250 shares for 100.20.
        List<PaperTrade> trades = runs.stream().flatMap(r -> r.trades().stream()).toList();
        assertThat(trades).extracting(PaperTrade::action)
                .containsExactly(PaperTrade.Action.BUY, PaperTrade.Action.SELL, PaperTrade.Action.BUY);
        assertThat(trades.get(0).quantity()).isEqualByComparingTo("200");
        assertThat(trades.get(0).cashDelta()).isEqualByComparingTo("-100.20");
        assertThat(trades.get(1).cashDelta()).isEqualByComparingTo("119.76");
        assertThat(trades.get(1).realizedPnl()).isEqualByComparingTo("19.76");
        assertThat(trades.get(1).reason()).isEqualTo("take-profit");
        assertThat(trades.get(2).quantity()).isEqualByComparingTo("250");
        // Equity: 899.80 + 200 x 0.50, + 200 x 0.55, 1,019.56 in cash, 919.36 + 250 x 0.40.
        assertThat(runs).extracting(r -> r.equity().toPlainString()).containsExactly("999.80", "1009.80", "1019.56", "1019.36");

        BacktestState state = engine.state();
        BacktestResult result = BacktestResult.of(state, BacktestResult.baseline(state,
                BacktestEngine.sample(backtest(null, null), state.firstSlot(), state.lastSlot(), 1), HISTORY.replay()));
        assertThat(result.finalEquity()).isEqualByComparingTo("1019.36");
        assertThat(result.totalReturnPct()).isEqualTo(1.936);
        assertThat(result.maxDrawdownPct()).isEqualTo(0.02);          // 0.20 under the 1,000 start
        assertThat(result.winRatePct()).isEqualTo(100.0);             // one sell, at a profit
        assertThat(result.trades()).isEqualTo(3);
        assertThat(result.exposurePct()).isEqualTo(75.0);             // a position open after 3 of 4 runs
        assertThat(result.runs()).isEqualTo(4);
        // Buy and hold "m": 2,000 shares at 0.50, worth 1,000, 1,100, 1,200, 800.
        assertThat(result.baseline().totalReturnPct()).isEqualTo(-20.0);
        assertThat(result.baseline().maxDrawdownPct()).isEqualTo(33.3333);
        assertThat(result.baseline().winRatePct()).isEqualTo(0.0);
        assertThat(result.baseline().trades()).isEqualTo(1);
    }

    @Test
    void resumingFromACheckpointGivesTheSameResult() throws Exception {
        BacktestEngine whole = new BacktestEngine(RUNNER, backtest(null, null), FEES_ONLY, HISTORY.replay());
        while (whole.nextSlot().isPresent()) {
            whole.step();
        }
        BacktestEngine first = new BacktestEngine(RUNNER, backtest(null, null), FEES_ONLY, HISTORY.replay());
        first.step();
        first.step();
        // Through JSON, as the checkpoint is stored.
        BacktestState stored = JSON.findAndRegisterModules().readValue(JSON.writeValueAsString(first.state()), BacktestState.class);
        BacktestEngine resumed = new BacktestEngine(RUNNER, backtest(stored, first.nextSlot().orElseThrow()), FEES_ONLY, HISTORY.replay());
        while (resumed.nextSlot().isPresent()) {
            resumed.step();
        }
        assertThat(resumed.state()).isEqualTo(whole.state());
    }
}

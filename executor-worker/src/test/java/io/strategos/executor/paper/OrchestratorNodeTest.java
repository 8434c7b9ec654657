package io.strategos.executor.paper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategos.executor.claim.ClaimedRun;
import io.strategos.executor.market.Market;
import io.strategos.executor.market.MarketDataProvider;
import io.strategos.executor.market.MarketQuery;
import io.strategos.executor.pipeline.PipelineRunner;
import io.strategos.executor.pipeline.RunResult;
import io.strategos.executor.pipeline.nodes.OrchestratorNode;
import io.strategos.model.graph.GraphNode;
import io.strategos.model.graph.StrategyGraph;
import io.strategos.model.schedule.IntervalSchedule;
import io.strategos.model.schedule.MisfirePolicy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Paper-trading decisions and their accounting, on a fixed account and fixed prices. */
class OrchestratorNodeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Markets at fixed prices; the feed and the quotes agree. */
    private static final class FixedMarkets implements MarketDataProvider {
        final Map<String, Market> byId = new HashMap<>();

        FixedMarkets with(String id, double price) {
            byId.put(id, new Market(id, "Question " + id, "politics", price, 10_000, 10_000, 0, Instant.EPOCH));
            return this;
        }

        @Override
        public List<Market> markets(MarketQuery query) {
            return byId.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
        }

        @Override
        public Map<String, Market> quotes(Collection<String> marketIds) {
            Map<String, Market> found = new HashMap<>();
            marketIds.forEach(id -> { if (byId.containsKey(id)) found.put(id, byId.get(id)); });
            return found;
        }
    }

    /** The account as the database would return it. */
    private static PortfolioRepository account(BigDecimal cash, Position... positions) {
        return new PortfolioRepository(null) {
            @Override
            public PaperPortfolio load(UUID strategyId, BigDecimal bankroll) {
                return new PaperPortfolio(bankroll, cash, List.of(positions));
            }
        };
    }

    private static final PaperTradingSettings FEES = new PaperTradingSettings() {
        @Override
        public int feeBps() {
            return 20;
        }

        @Override
        public int slippageBps() {
            return 0;
        }
    };

    private static RunResult run(PortfolioRepository account, FixedMarkets markets, String config, String maxDrawdownPct)
            throws Exception {
        var node = new GraphNode("trade", "orchestrator", null, (ObjectNode) JSON.readTree(config));
        var source = new GraphNode("markets", "polymarket-stream", null, JSON.createObjectNode());
        var graph = new StrategyGraph(List.of(source, node), List.of(new io.strategos.model.graph.GraphEdge(null, "markets", "trade")));
        var runner = new PipelineRunner(List.of(new io.strategos.executor.pipeline.nodes.PolymarketStreamNode(),
                new OrchestratorNode(account, FEES)), markets, java.time.Clock.systemUTC());
        return runner.run(new ClaimedRun(UUID.randomUUID(), false, UUID.randomUUID(), "owner", "s", 1, graph,
                new IntervalSchedule(60L), MisfirePolicy.RUN_ONCE, 0, new BigDecimal("1000"),
                maxDrawdownPct == null ? null : new BigDecimal(maxDrawdownPct), null, Instant.now(),
                io.strategos.executor.claim.Standing.FRESH));
    }

    @Test
    void buysNewMarketsWithAShareOfTheBankrollPlusTheFee() throws Exception {
        RunResult result = run(account(new BigDecimal("1000")), new FixedMarkets().with("a", 0.5).with("b", 0.25),
                "{\"positionSizePct\": 10}", null);
        List<PaperTrade> trades = result.effects().trades();
        assertThat(trades).extracting(PaperTrade::marketId).containsExactly("a", "b");
        PaperTrade a = trades.getFirst();
        assertThat(a.action()).isEqualTo(PaperTrade.Action.BUY);
        assertThat(a.quantity()).isEqualByComparingTo("200");
        assertThat(a.feeUsd()).isEqualByComparingTo("0.2");
        assertThat(a.cashDelta()).isEqualByComparingTo("-100.20");
        assertThat(result.effects().prices()).containsOnlyKeys("a", "b");
    }

    @Test
    void stopsBuyingWhenCashOrPositionSlotsRunOut() throws Exception {
        FixedMarkets markets = new FixedMarkets().with("a", 0.5).with("b", 0.5).with("c", 0.5);
        assertThat(run(account(new BigDecimal("150")), markets, "{\"positionSizePct\": 10}", null).effects().trades())
                .hasSize(1);
        assertThat(run(account(new BigDecimal("1000")), markets, "{\"positionSizePct\": 10, \"maxOpenPositions\": 2}", null)
                .effects().trades()).hasSize(2);
    }

    @Test
    void closesPositionsAtTakeProfitAndStopLoss() throws Exception {
        FixedMarkets markets = new FixedMarkets().with("up", 0.66).with("down", 0.40).with("flat", 0.50);
        PortfolioRepository account = account(new BigDecimal("700"),
                new Position("up", "yes", new BigDecimal("200"), new BigDecimal("0.5")),
                new Position("down", "yes", new BigDecimal("200"), new BigDecimal("0.5")),
                new Position("flat", "yes", new BigDecimal("200"), new BigDecimal("0.5")));
        List<PaperTrade> trades = run(account, markets, "{\"takeProfitPct\": 30, \"stopLossPct\": 15}", null).effects().trades();

        assertThat(trades).extracting(PaperTrade::marketId, PaperTrade::action, PaperTrade::reason).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("up", PaperTrade.Action.SELL, "take-profit"),
                org.assertj.core.groups.Tuple.tuple("down", PaperTrade.Action.SELL, "stop-loss"));
        PaperTrade profit = trades.stream().filter(t -> t.marketId().equals("up")).findFirst().orElseThrow();
        // 200 shares from 0.50 to 0.66: 32 USD gross, less the 0.2% fee on 132 USD of proceeds.
        assertThat(profit.realizedPnl()).isEqualByComparingTo("31.74");
        assertThat(profit.cashDelta()).isEqualByComparingTo("131.73");
    }

    @Test
    void theDrawdownKillSwitchPausesTheStrategy() throws Exception {
        PortfolioRepository losing = account(new BigDecimal("500"), new Position("a", "yes", new BigDecimal("1000"), new BigDecimal("0.5")));
        FixedMarkets crashed = new FixedMarkets().with("a", 0.2);
        // Equity 500 + 1000 x 0.2 = 700, below (1 - 25%) x 1000.
        assertThat(run(losing, crashed, "{\"maxOpenPositions\": 1}", "25").effects().pauseReason()).contains("drawdown");
        assertThat(run(losing, crashed, "{\"maxOpenPositions\": 1}", "40").effects().pauseReason()).isNull();
    }
}

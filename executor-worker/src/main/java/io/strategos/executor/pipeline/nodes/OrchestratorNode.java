package io.strategos.executor.pipeline.nodes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategos.executor.claim.ClaimedRun;
import io.strategos.executor.market.Market;
import io.strategos.executor.paper.PaperPortfolio;
import io.strategos.executor.paper.PaperTrade;
import io.strategos.executor.paper.PaperTradingSettings;
import io.strategos.executor.paper.PortfolioRepository;
import io.strategos.executor.paper.Position;
import io.strategos.executor.pipeline.NodeExecutor;
import io.strategos.executor.pipeline.NodeFailure;
import io.strategos.executor.pipeline.RunContext;
import io.strategos.model.graph.NodeType;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Paper-trading decisions. First it closes open positions that hit their take-profit or stop-loss,
 * then it buys the incoming markets it does not hold yet, while positions and cash allow.
 * Config: {@code outcome} (yes or no, default yes), {@code positionSizePct} (share of the bankroll
 * per position, default 5), {@code maxOpenPositions} (default 10), {@code maxPerMarketPct} (cap per
 * market, default positionSizePct), {@code takeProfitPct} and {@code stopLossPct} (optional).
 * Passes on the markets it bought. With the deployment's maxDrawdownPct, equity below
 * (1 - maxDrawdownPct) x bankroll pauses the strategy.
 */
@ApplicationScoped
public class OrchestratorNode implements NodeExecutor {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal BASIS_POINTS = BigDecimal.valueOf(10_000);
    private static final BigDecimal MIN_PRICE = new BigDecimal("0.000001");
    private static final BigDecimal MAX_PRICE = new BigDecimal("0.999999");

    private final PortfolioRepository portfolios;
    private final PaperTradingSettings liveFills;

    public OrchestratorNode(PortfolioRepository portfolios, PaperTradingSettings fills) {
        this.portfolios = portfolios;
        this.liveFills = fills;
    }

    @Override
    public NodeType type() {
        return NodeType.ORCHESTRATOR;
    }

    @Override
    public List<Market> execute(ObjectNode config, List<Market> input, RunContext run) throws NodeFailure {
        ClaimedRun strategy = run.run();
        if (strategy.paperBankrollUsd() == null) {
            throw new NodeFailure("the strategy has no paper bankroll; deploy it in paper mode first");
        }
        Rules rules = Rules.from(config);
        BigDecimal bankroll = strategy.paperBankrollUsd();
        PaperPortfolio portfolio = run.simulatedPortfolio().orElseGet(() -> portfolios.load(strategy.strategyId(), bankroll));
        PaperTradingSettings fills = run.simulatedFills().orElse(liveFills);
        Map<String, Market> quotes = run.marketData().quotes(portfolio.positions().stream().map(Position::marketId).toList());

        BigDecimal cash = portfolio.cash();
        List<Position> open = new ArrayList<>();
        Set<String> touched = new HashSet<>();
        for (Position position : portfolio.positions()) {
            Market market = quotes.get(position.marketId());
            String exit = market == null ? null : rules.exitReason(position, price(market, position.outcome()));
            if (exit == null) {
                open.add(position);
                continue;
            }
            PaperTrade sell = sell(position, market, exit, fills);
            run.trade(sell);
            cash = cash.add(sell.cashDelta());
            touched.add(position.marketId());
        }

        List<Market> bought = new ArrayList<>();
        open.forEach(p -> touched.add(p.marketId()));
        BigDecimal notional = bankroll.multiply(BigDecimal.valueOf(Math.min(rules.positionSizePct, rules.maxPerMarketPct)))
                .divide(HUNDRED, 2, RoundingMode.DOWN);
        for (Market market : input) {
            if (open.size() >= rules.maxOpenPositions) {
                break;
            }
            if (!touched.add(market.id())) {
                continue;
            }
            BigDecimal fill = price(market, rules.outcome).multiply(slip(1, fills)).setScale(6, RoundingMode.UP);
            if (fill.compareTo(MAX_PRICE) > 0) {
                continue;
            }
            BigDecimal fee = fee(notional, fills);
            if (cash.compareTo(notional.add(fee)) < 0) {
                break;
            }
            BigDecimal quantity = notional.divide(fill, 6, RoundingMode.DOWN);
            BigDecimal cost = quantity.multiply(fill).add(fee).setScale(2, RoundingMode.UP);
            run.trade(new PaperTrade(market.id(), market.question(), rules.outcome, PaperTrade.Action.BUY, quantity, fill, fee,
                    cost.negate(), null, "entry"));
            cash = cash.subtract(cost);
            open.add(new Position(market.id(), rules.outcome, quantity, fill));
            bought.add(market);
        }

        Map<String, Market> latest = new HashMap<>(quotes);
        input.forEach(m -> latest.put(m.id(), m));
        open.forEach(p -> {
            Market market = latest.get(p.marketId());
            if (market != null) {
                run.observePrice(market.id(), market.price());
            }
        });
        if (strategy.maxDrawdownPct() != null) {
            checkDrawdown(run, portfolio.startingCash(), cash, open, strategy.maxDrawdownPct(), latest);
        }
        return bought;
    }

    private static PaperTrade sell(Position position, Market market, String reason, PaperTradingSettings fills) {
        BigDecimal fill = price(market, position.outcome()).multiply(slip(-1, fills)).setScale(6, RoundingMode.DOWN).max(MIN_PRICE);
        BigDecimal gross = position.quantity().multiply(fill);
        BigDecimal fee = fee(gross, fills);
        BigDecimal proceeds = gross.subtract(fee).setScale(2, RoundingMode.DOWN).max(BigDecimal.ZERO);
        BigDecimal realized = fill.subtract(position.avgPrice()).multiply(position.quantity()).subtract(fee).setScale(2, RoundingMode.HALF_EVEN);
        return new PaperTrade(position.marketId(), market.question(), position.outcome(), PaperTrade.Action.SELL,
                position.quantity(), fill, fee, proceeds, realized, reason);
    }

    private void checkDrawdown(RunContext run, BigDecimal startingCash, BigDecimal cash, List<Position> open,
                               BigDecimal maxDrawdownPct, Map<String, Market> quotes) {
        BigDecimal equity = cash;
        for (Position position : open) {
            Market market = quotes.get(position.marketId());
            BigDecimal price = market == null ? position.avgPrice() : price(market, position.outcome());
            equity = equity.add(position.quantity().multiply(price));
        }
        BigDecimal floor = startingCash.multiply(HUNDRED.subtract(maxDrawdownPct)).divide(HUNDRED, 2, RoundingMode.HALF_EVEN);
        if (equity.compareTo(floor) < 0) {
            run.pause("drawdown kill switch: equity " + equity.setScale(2, RoundingMode.HALF_EVEN) + " USD is below "
                    + floor + " USD (" + maxDrawdownPct + "% under the bankroll)");
        }
    }

    private static BigDecimal slip(int direction, PaperTradingSettings fills) {
        return BigDecimal.ONE.add(BigDecimal.valueOf(direction * (long) fills.slippageBps()).divide(BASIS_POINTS));
    }

    private static BigDecimal fee(BigDecimal notional, PaperTradingSettings fills) {
        return notional.multiply(BigDecimal.valueOf(fills.feeBps())).divide(BASIS_POINTS, 4, RoundingMode.UP);
    }

    /** The price of one outcome: YES trades at the market price, NO at its complement. */
    private static BigDecimal price(Market market, String outcome) {
        BigDecimal yes = BigDecimal.valueOf(market.price());
        return "no".equals(outcome) ? BigDecimal.ONE.subtract(yes) : yes;
    }

    /** The node's configuration, checked. */
    record Rules(String outcome, double positionSizePct, int maxOpenPositions, double maxPerMarketPct,
                 Double takeProfitPct, Double stopLossPct) {

        static Rules from(ObjectNode config) throws NodeFailure {
            String outcome = config.path("outcome").asText("yes");
            if (!outcome.equals("yes") && !outcome.equals("no")) {
                throw new NodeFailure("outcome must be yes or no");
            }
            double size = config.path("positionSizePct").asDouble(5);
            if (size <= 0 || size > 100) {
                throw new NodeFailure("positionSizePct must be above 0 and at most 100");
            }
            int maxOpen = config.path("maxOpenPositions").asInt(10);
            if (maxOpen < 1) {
                throw new NodeFailure("maxOpenPositions must be at least 1");
            }
            double perMarket = config.path("maxPerMarketPct").asDouble(size);
            Double takeProfit = config.hasNonNull("takeProfitPct") ? config.get("takeProfitPct").asDouble() : null;
            Double stopLoss = config.hasNonNull("stopLossPct") ? config.get("stopLossPct").asDouble() : null;
            return new Rules(outcome, size, maxOpen, perMarket, takeProfit, stopLoss);
        }

        /** @return why the position should close now, or null to keep it */
        String exitReason(Position position, BigDecimal price) {
            double change = price.subtract(position.avgPrice()).doubleValue() / position.avgPrice().doubleValue() * 100;
            if (takeProfitPct != null && change >= takeProfitPct) {
                return "take-profit";
            }
            if (stopLossPct != null && change <= -stopLossPct) {
                return "stop-loss";
            }
            return null;
        }
    }
}

package io.strategos.executor.backtest;

import io.strategos.executor.claim.ClaimedRun;
import io.strategos.executor.claim.Standing;
import io.strategos.executor.market.Market;
import io.strategos.executor.market.MarketHistory;
import io.strategos.executor.market.MarketSnapshot;
import io.strategos.executor.paper.PaperPortfolio;
import io.strategos.executor.paper.PaperTrade;
import io.strategos.executor.paper.PaperTradingSettings;
import io.strategos.executor.paper.Position;
import io.strategos.executor.pipeline.PipelineRunner;
import io.strategos.executor.pipeline.RunContext;
import io.strategos.executor.pipeline.RunResult;
import io.strategos.model.schedule.MisfirePolicy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Replays a strategy over its backtest's slots, one slot at a time, in the executor's own pipeline
 * ({@link PipelineRunner#dryRun}): each slot's run sees the markets as they were at that slot and the
 * paper account as the previous slots left it, in memory, with the paper-trading rules of live runs.
 * Nothing it does is written anywhere but the backtest's own rows. Deterministic: the same backtest on the
 * same market history gives the same runs, trades and metrics, however often it is checkpointed.
 */
public final class BacktestEngine {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final PipelineRunner runner;
    private final Backtest backtest;
    private final PaperTradingSettings fills;
    private final MarketHistory.Replay replay;
    private final Slots slots;
    private BacktestState state;
    private Instant next;

    /** One slot's run as the backtest keeps it: the equity after it is a point of the equity curve. */
    public record SlotRun(Instant slot, String status, String error, List<PaperTrade> trades, BigDecimal equity) {
    }

    public BacktestEngine(PipelineRunner runner, Backtest backtest, PaperTradingSettings fills, MarketHistory.Replay replay) {
        this.runner = runner;
        this.backtest = backtest;
        this.fills = fills;
        this.replay = replay;
        this.slots = new Slots(backtest.schedule());
        this.state = backtest.checkpoint() == null ? BacktestState.fresh(backtest.settings().paperBankrollUsd()) : backtest.checkpoint();
        this.next = backtest.checkpoint() == null ? slots.first(backtest.from()) : backtest.nextSlot();
    }

    /** The next slot to run, or empty when the backtest is done (range exhausted or the strategy stopped). */
    public Optional<Instant> nextSlot() {
        return next == null || !next.isBefore(backtest.to()) || state.stoppedBy() != null ? Optional.empty() : Optional.of(next);
    }

    public BacktestState state() {
        return state;
    }

    /** Runs the next slot; call only while {@link #nextSlot()} has one. */
    public SlotRun step() {
        Instant slot = next;
        MarketSnapshot markets = replay.at(slot);
        PaperPortfolio before = state.portfolio();
        ClaimedRun run = new ClaimedRun(UUID.randomUUID(), false, backtest.strategyId(), backtest.ownerId(), backtest.strategyName(),
                backtest.strategyVersion(), backtest.graph(), backtest.schedule(), MisfirePolicy.RUN_ONCE, 0,
                backtest.settings().paperBankrollUsd(), backtest.settings().maxDrawdownPct(), backtest.settings().triggerCondition(),
                slot, Standing.FRESH);
        RunResult result = runner.dryRun(run, new RunContext.DryRun(markets, before, fills));
        List<PaperTrade> trades = result.effects().trades();
        PaperPortfolio after = before.after(trades);
        BigDecimal equity = equity(after, markets);

        Set<BacktestState.Traded> traded = new LinkedHashSet<>(state.tradedMarkets());
        long sells = state.sells();
        long wins = state.wins();
        for (PaperTrade trade : trades) {
            if (trade.action() == PaperTrade.Action.BUY) {
                traded.add(new BacktestState.Traded(trade.marketId(), trade.outcome()));
            } else {
                sells++;
                if (trade.realizedPnl() != null && trade.realizedPnl().signum() > 0) {
                    wins++;
                }
            }
        }
        BigDecimal peak = state.peakEquity().max(equity);
        double drawdown = peak.subtract(equity).multiply(HUNDRED).divide(peak, 6, RoundingMode.HALF_EVEN).doubleValue();
        state = new BacktestState(state.startingCash(), after.cash(), after.positions(), state.slotsDone() + 1,
                state.failedRuns() + (result.failed() ? 1 : 0), state.exposedRuns() + (after.positions().isEmpty() ? 0 : 1),
                state.trades() + trades.size(), sells, wins, peak, Math.max(state.maxDrawdownPct(), drawdown), equity,
                List.copyOf(traded), state.firstSlot() == null ? slot : state.firstSlot(), slot, result.effects().pauseReason());
        next = slots.after(slot);
        return new SlotRun(slot, result.status().dbValue(), result.error(), trades, equity);
    }

    /** Cash plus each open position at its outcome's price in this slot's markets (its entry price if the market is gone). */
    static BigDecimal equity(PaperPortfolio portfolio, MarketSnapshot markets) {
        Map<String, Market> quotes = markets.quotes(portfolio.positions().stream().map(Position::marketId).toList());
        BigDecimal equity = portfolio.cash();
        for (Position position : portfolio.positions()) {
            Market market = quotes.get(position.marketId());
            BigDecimal price = market == null ? position.avgPrice() : outcomePrice(market, position.outcome());
            equity = equity.add(position.quantity().multiply(price));
        }
        return equity.setScale(2, RoundingMode.HALF_EVEN);
    }

    static BigDecimal outcomePrice(Market market, String outcome) {
        BigDecimal yes = BigDecimal.valueOf(market.price());
        return "no".equals(outcome) ? BigDecimal.ONE.subtract(yes) : yes;
    }

    /** Makes the list of slots to sample for the baseline: every {@code every}-th slot from the first, and the last. */
    static List<Instant> sample(Backtest backtest, Instant first, Instant last, long every) {
        List<Instant> sampled = new ArrayList<>();
        Slots slots = new Slots(backtest.schedule());
        Instant slot = first;
        for (long i = 0; slot != null && !slot.isAfter(last); i++) {
            if (i % every == 0 || slot.equals(last)) {
                sampled.add(slot);
            }
            slot = slots.after(slot);
        }
        return sampled;
    }
}

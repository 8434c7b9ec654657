package io.strategos.executor.backtest;

import io.strategos.executor.market.Market;
import io.strategos.executor.market.MarketHistory;
import io.strategos.executor.market.MarketSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A finished backtest's metrics, and the same for the baseline: buying the outcomes the strategy traded,
 * the bankroll split equally, at the first slot, and holding them to the last, without fees or slippage.
 *
 * @param winRatePct share of sells that realised a profit (null without sells); for the baseline, share of
 *                   the held outcomes worth more at the end than at the start
 * @param exposurePct share of runs after which a position was open
 */
public record BacktestResult(BigDecimal startingEquity, BigDecimal finalEquity, double totalReturnPct, double maxDrawdownPct,
                             Double winRatePct, long trades, double exposurePct, long runs, long failedRuns, String stoppedBy,
                             Baseline baseline) {

    public record Baseline(int markets, BigDecimal finalEquity, double totalReturnPct, double maxDrawdownPct, Double winRatePct,
                           long trades, double exposurePct, int sampledSlots) {
    }

    static BacktestResult of(BacktestState state, Baseline baseline) {
        return new BacktestResult(state.startingCash(), state.equity(), percent(state.equity().subtract(state.startingCash()), state.startingCash()),
                round(state.maxDrawdownPct()), state.sells() == 0 ? null : round(100.0 * state.wins() / state.sells()), state.trades(),
                state.slotsDone() == 0 ? 0 : round(100.0 * state.exposedRuns() / state.slotsDone()), state.slotsDone(),
                state.failedRuns(), state.stoppedBy(), baseline);
    }

    /**
     * The baseline, valued at {@code slots} (the first and last slot and a sample between): quantities
     * bought at the first slot's prices, the bankroll split equally between the outcomes traded.
     */
    static Baseline baseline(BacktestState state, List<Instant> slots, MarketHistory.Replay replay) {
        List<BacktestState.Traded> held = state.tradedMarkets();
        BigDecimal bankroll = state.startingCash();
        if (held.isEmpty() || slots.isEmpty()) {
            return new Baseline(0, bankroll, 0, 0, null, 0, 0, 0);
        }
        List<String> ids = held.stream().map(BacktestState.Traded::marketId).toList();
        BigDecimal share = bankroll.divide(BigDecimal.valueOf(held.size()), 6, RoundingMode.DOWN);
        List<BigDecimal> quantities = new ArrayList<>();
        List<BigDecimal> entries = new ArrayList<>();
        BigDecimal cash = bankroll;
        BigDecimal peak = bankroll;
        BigDecimal equity = bankroll;
        double maxDrawdown = 0;
        List<BigDecimal> finals = new ArrayList<>();
        for (int s = 0; s < slots.size(); s++) {
            MarketSnapshot markets = replay.at(slots.get(s));
            Map<String, Market> quotes = markets.quotes(ids);
            if (s == 0) {
                for (BacktestState.Traded t : held) {
                    Market market = quotes.get(t.marketId());
                    BigDecimal price = market == null ? BigDecimal.ZERO : BacktestEngine.outcomePrice(market, t.outcome());
                    BigDecimal quantity = price.signum() == 0 ? BigDecimal.ZERO : share.divide(price, 6, RoundingMode.DOWN);
                    quantities.add(quantity);
                    entries.add(price);
                    cash = cash.subtract(quantity.multiply(price));
                }
            }
            equity = cash;
            finals.clear();
            for (int i = 0; i < held.size(); i++) {
                Market market = quotes.get(held.get(i).marketId());
                BigDecimal price = market == null ? entries.get(i) : BacktestEngine.outcomePrice(market, held.get(i).outcome());
                finals.add(price);
                equity = equity.add(quantities.get(i).multiply(price));
            }
            peak = peak.max(equity);
            maxDrawdown = Math.max(maxDrawdown, peak.subtract(equity).multiply(BigDecimal.valueOf(100))
                    .divide(peak, 6, RoundingMode.HALF_EVEN).doubleValue());
        }
        long up = 0;
        for (int i = 0; i < held.size(); i++) {
            if (finals.get(i).compareTo(entries.get(i)) > 0) {
                up++;
            }
        }
        BigDecimal finalEquity = equity.setScale(2, RoundingMode.HALF_EVEN);
        return new Baseline(held.size(), finalEquity, percent(finalEquity.subtract(bankroll), bankroll), round(maxDrawdown),
                round(100.0 * up / held.size()), held.size(), 100, slots.size());
    }

    private static double percent(BigDecimal change, BigDecimal base) {
        return change.multiply(BigDecimal.valueOf(100)).divide(base, 4, RoundingMode.HALF_EVEN).doubleValue();
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}

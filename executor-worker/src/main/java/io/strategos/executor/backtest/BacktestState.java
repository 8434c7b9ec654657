package io.strategos.executor.backtest;

import io.strategos.executor.paper.PaperPortfolio;
import io.strategos.executor.paper.Position;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Everything a backtest has accumulated up to a slot: the simulated paper account and the running
 * metrics. Stored as the checkpoint, so a replica taking the backtest over continues with exactly this.
 *
 * @param exposedRuns   runs after which a position was open
 * @param sells         sells so far; {@code wins} of them realised a profit
 * @param tradedMarkets the outcomes bought, in order of their first buy (the baseline holds them)
 * @param firstSlot     the first slot replayed, where the baseline buys
 * @param lastSlot      the last slot replayed so far
 * @param stoppedBy     why the strategy stopped early (the drawdown kill switch), or null
 */
public record BacktestState(BigDecimal startingCash, BigDecimal cash, List<Position> positions, long slotsDone,
                            long failedRuns, long exposedRuns, long trades, long sells, long wins,
                            BigDecimal peakEquity, double maxDrawdownPct, BigDecimal equity, List<Traded> tradedMarkets,
                            Instant firstSlot, Instant lastSlot, String stoppedBy) {

    public BacktestState {
        positions = List.copyOf(positions);
        tradedMarkets = List.copyOf(tradedMarkets);
    }

    /** An outcome of a market the strategy bought. */
    public record Traded(String marketId, String outcome) {
    }

    static BacktestState fresh(BigDecimal bankroll) {
        return new BacktestState(bankroll, bankroll, List.of(), 0, 0, 0, 0, 0, 0, bankroll, 0, bankroll, List.of(), null, null, null);
    }

    PaperPortfolio portfolio() {
        return new PaperPortfolio(startingCash, cash, positions);
    }
}

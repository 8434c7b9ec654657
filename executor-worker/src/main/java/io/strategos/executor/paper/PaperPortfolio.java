package io.strategos.executor.paper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** A strategy's paper account as a run finds it. */
public record PaperPortfolio(BigDecimal startingCash, BigDecimal cash, List<Position> positions) {

    public PaperPortfolio {
        positions = List.copyOf(positions);
    }

    /**
     * The account after a run's trades, in memory, as {@link PaperTradeWriter} leaves it in the tables:
     * cash moves by each trade's cash delta, a sell closes its position, a buy opens one at its fill.
     */
    public PaperPortfolio after(List<PaperTrade> trades) {
        if (trades.isEmpty()) {
            return this;
        }
        BigDecimal newCash = cash;
        List<Position> open = new ArrayList<>(positions);
        for (PaperTrade trade : trades) {
            newCash = newCash.add(trade.cashDelta());
            if (trade.action() == PaperTrade.Action.SELL) {
                open.removeIf(p -> p.marketId().equals(trade.marketId()) && p.outcome().equals(trade.outcome()));
            } else {
                open.add(new Position(trade.marketId(), trade.outcome(), trade.quantity(), trade.price()));
            }
        }
        return new PaperPortfolio(startingCash, newCash, open);
    }
}

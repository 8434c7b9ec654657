package io.strategos.api.mapping;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A strategy's paper account. Positions are valued at the latest known market price; a position
 * whose market has no known price is valued at its average price (no unrealized P&L).
 */
public record PortfolioView(
        BigDecimal startingCash,
        BigDecimal cash,
        BigDecimal positionsValue,
        BigDecimal equity,
        BigDecimal realizedPnl,
        BigDecimal unrealizedPnl,
        Double roiPct,
        Double winRate,
        long closedTrades,
        List<Position> positions,
        Instant updatedAt) {

    public record Position(String marketId, String outcome, String question, BigDecimal quantity, BigDecimal avgPrice,
                           BigDecimal latestPrice, Instant priceUpdatedAt, BigDecimal value, BigDecimal unrealizedPnl,
                           Instant openedAt) {
    }
}

package io.strategos.executor.paper;

import java.math.BigDecimal;

/**
 * A paper fill decided by a run. {@code cashDelta} is what it does to cash (negative for a buy,
 * fee included); {@code realizedPnl} is set on sells.
 */
public record PaperTrade(String marketId, String question, String outcome, Action action, BigDecimal quantity,
                         BigDecimal price, BigDecimal feeUsd, BigDecimal cashDelta, BigDecimal realizedPnl, String reason) {

    public enum Action {
        BUY, SELL;

        public String dbValue() {
            return name().toLowerCase();
        }
    }
}

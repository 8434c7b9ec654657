package io.strategos.executor.paper;

import java.math.BigDecimal;

/** An open paper position: {@code quantity} shares of one outcome of a market, bought at {@code avgPrice} on average. */
public record Position(String marketId, String outcome, BigDecimal quantity, BigDecimal avgPrice) {

    public String key() {
        return marketId + "/" + outcome;
    }
}

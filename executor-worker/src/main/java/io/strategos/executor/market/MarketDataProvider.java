package io.strategos.executor.market;

import java.util.List;

/** Where markets and their current prices come from. */
public interface MarketDataProvider {

    /** Active markets matching {@code query}, most traded first, at most {@code query.limit()}. */
    List<Market> markets(MarketQuery query);
}

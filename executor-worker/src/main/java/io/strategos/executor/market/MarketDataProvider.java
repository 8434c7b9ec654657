package io.strategos.executor.market;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Where markets and their current prices come from. */
public interface MarketDataProvider {

    /** Active markets matching {@code query}, most traded first, at most {@code query.limit()}. */
    List<Market> markets(MarketQuery query);

    /** The current state of the given markets; markets the provider no longer knows are left out. */
    Map<String, Market> quotes(Collection<String> marketIds);
}

package io.strategos.executor.market;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The markets as they were at one instant, most traded first: what a backtest's slot runs against.
 * Answers queries like a live provider, from its fixed list.
 */
public record MarketSnapshot(List<Market> markets) implements MarketDataProvider {

    public MarketSnapshot {
        markets = List.copyOf(markets);
    }

    @Override
    public List<Market> markets(MarketQuery query) {
        return markets.stream().filter(query::matches).limit(query.limit()).toList();
    }

    @Override
    public Map<String, Market> quotes(Collection<String> marketIds) {
        Map<String, Market> byId = new HashMap<>();
        for (Market market : markets) {
            if (marketIds.contains(market.id())) {
                byId.put(market.id(), market);
            }
        }
        return byId;
    }
}

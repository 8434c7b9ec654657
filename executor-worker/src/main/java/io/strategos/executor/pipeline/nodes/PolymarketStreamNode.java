package io.strategos.executor.pipeline.nodes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategos.executor.market.Market;
import io.strategos.executor.market.MarketQuery;
import io.strategos.executor.pipeline.NodeExecutor;
import io.strategos.executor.pipeline.NodeFailure;
import io.strategos.executor.pipeline.RunContext;
import io.strategos.model.graph.NodeType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Source node: markets from the market-data provider. Config: {@code categories}, {@code keywords}
 * (any of them in the question), {@code minLiquidity}, {@code minVolume24h}, {@code limit} (1 to 500).
 */
@ApplicationScoped
public class PolymarketStreamNode implements NodeExecutor {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    @Override
    public NodeType type() {
        return NodeType.POLYMARKET_STREAM;
    }

    @Override
    public List<Market> execute(ObjectNode config, List<Market> input, RunContext run) throws NodeFailure {
        int limit = config.path("limit").asInt(DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new NodeFailure("limit must be between 1 and " + MAX_LIMIT);
        }
        MarketQuery query = new MarketQuery(strings(config, "categories"), strings(config, "keywords"),
                config.path("minLiquidity").asDouble(0), config.path("minVolume24h").asDouble(0), limit);
        try {
            return run.marketData().markets(query);
        } catch (RuntimeException e) {
            throw new NodeFailure("market data unavailable: " + e.getMessage(), e);
        }
    }

    private static List<String> strings(ObjectNode config, String field) {
        List<String> values = new ArrayList<>();
        config.path(field).forEach(v -> values.add(v.asText()));
        return values;
    }
}

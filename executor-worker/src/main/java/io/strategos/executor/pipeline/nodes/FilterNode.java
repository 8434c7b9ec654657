package io.strategos.executor.pipeline.nodes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategos.executor.market.Market;
import io.strategos.executor.pipeline.NodeExecutor;
import io.strategos.executor.pipeline.NodeFailure;
import io.strategos.executor.pipeline.RunContext;
import io.strategos.model.graph.NodeType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the markets that satisfy its conditions. Config:
 * {@code {"match": "all"|"any", "conditions": [{"field": "volume24h", "operator": "gt", "value": 5000}]}}.
 * The operators are {@link MarketCondition}'s.
 */
@ApplicationScoped
public class FilterNode implements NodeExecutor {

    @Override
    public NodeType type() {
        return NodeType.FILTER;
    }

    @Override
    public List<Market> execute(ObjectNode config, List<Market> input, RunContext run) throws NodeFailure {
        MarketCondition.Conditions conditions = MarketCondition.Conditions.of(config);
        List<Market> kept = new ArrayList<>();
        for (Market market : input) {
            if (conditions.test(market)) {
                kept.add(market);
            }
        }
        return kept;
    }
}

package io.strategos.executor.pipeline.nodes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategos.executor.market.Market;
import io.strategos.executor.pipeline.NodeExecutor;
import io.strategos.executor.pipeline.RunContext;
import io.strategos.model.graph.NodeType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Puts every incoming market on the strategy's watchlist, with a reason and a snapshot of the
 * market as it is now, and passes the markets on. Config: {@code reason} (default: the node's
 * upstream matched it). A watchlist_updated event goes out when a run adds something new.
 */
@ApplicationScoped
public class WatchlistNode implements NodeExecutor {

    static final String DEFAULT_REASON = "matched the strategy's conditions";

    private final ObjectMapper json;

    public WatchlistNode(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public NodeType type() {
        return NodeType.WATCHLIST;
    }

    @Override
    public List<Market> execute(ObjectNode config, List<Market> input, RunContext run) {
        String reason = config.path("reason").asText(DEFAULT_REASON);
        for (Market market : input) {
            run.addToWatchlist(market.id(), reason, json.valueToTree(market));
        }
        return input;
    }
}

package io.strategos.executor.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategos.executor.market.Market;
import io.strategos.model.graph.NodeType;
import java.util.List;

/**
 * Runs one type of node. Adding a node type is one implementation of this interface plus its entry
 * in {@link NodeType}. Implementations are stateless application-scoped beans.
 */
public interface NodeExecutor {

    NodeType type();

    /**
     * @param config the node's configuration from the graph (never null)
     * @param input  the markets its upstream nodes produced, in edge order
     * @param run    the run this node belongs to, for nodes that emit events
     * @return the markets this node passes downstream
     * @throws NodeFailure when the node cannot do its work; downstream nodes are then skipped
     */
    List<Market> execute(ObjectNode config, List<Market> input, RunContext run) throws NodeFailure;
}

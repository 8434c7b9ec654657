package io.strategos.model.graph;

import java.util.List;

/**
 * A strategy's node graph as the builder sends it: nodes wired by directed edges, data flowing
 * from source to target.
 */
public record StrategyGraph(List<GraphNode> nodes, List<GraphEdge> edges) {

    public StrategyGraph {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        edges = edges == null ? List.of() : List.copyOf(edges);
    }
}

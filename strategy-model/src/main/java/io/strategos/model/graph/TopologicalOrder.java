package io.strategos.model.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kahn's algorithm over a strategy graph. Ties are broken by the order nodes appear in the
 * graph, so the same graph always runs in the same order.
 */
public final class TopologicalOrder {

    private TopologicalOrder() {
    }

    /**
     * @return the nodes, every node after all of its upstream nodes
     * @throws IllegalArgumentException when the graph has a cycle or an edge to a missing node
     */
    public static List<GraphNode> of(StrategyGraph graph) {
        List<GraphNode> order = sort(graph);
        if (order.size() != graph.nodes().size()) {
            throw new IllegalArgumentException("the graph has a cycle");
        }
        return order;
    }

    /** @return some node that lies on a cycle, if the graph has one */
    static Optional<String> cycleMember(StrategyGraph graph) {
        List<GraphNode> order = sort(graph);
        if (order.size() == graph.nodes().size()) {
            return Optional.empty();
        }
        return graph.nodes().stream().filter(n -> !order.contains(n)).map(GraphNode::id).findFirst();
    }

    private static List<GraphNode> sort(StrategyGraph graph) {
        Map<String, Integer> index = GraphValidator.indexById(graph);
        int n = graph.nodes().size();
        int[] inDegree = new int[n];
        List<List<Integer>> downstream = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            downstream.add(new ArrayList<>());
        }
        for (GraphEdge edge : graph.edges()) {
            Integer from = index.get(edge.source());
            Integer to = index.get(edge.target());
            if (from == null || to == null) {
                throw new IllegalArgumentException("edge " + edge.source() + " -> " + edge.target() + " names a missing node");
            }
            downstream.get(from).add(to);
            inDegree[to]++;
        }
        Deque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            if (inDegree[i] == 0) {
                ready.add(i);
            }
        }
        List<GraphNode> order = new ArrayList<>(n);
        while (!ready.isEmpty()) {
            int next = ready.poll();
            order.add(graph.nodes().get(next));
            for (int target : downstream.get(next)) {
                if (--inDegree[target] == 0) {
                    ready.add(target);
                }
            }
        }
        return order;
    }

    /** @return the ids of the nodes whose output feeds {@code nodeId}, in edge order */
    public static List<String> upstreamOf(StrategyGraph graph, String nodeId) {
        return graph.edges().stream().filter(e -> e.target().equals(nodeId)).map(GraphEdge::source).toList();
    }
}

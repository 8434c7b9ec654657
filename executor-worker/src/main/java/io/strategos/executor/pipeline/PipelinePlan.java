package io.strategos.executor.pipeline;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategos.model.graph.GraphNode;
import io.strategos.model.graph.StrategyGraph;
import io.strategos.model.graph.TopologicalOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A graph's nodes in the order they run, each with its upstream nodes, its failure settings and its
 * config. It depends on the graph alone, so the runner works it out once per parsed graph instead of
 * at every run.
 */
record PipelinePlan(List<Step> steps) {

    record Step(int seq, GraphNode node, List<String> upstream, NodeSettings settings, ObjectNode config) {
    }

    /** @throws IllegalArgumentException when the graph has a cycle or an edge to a missing node */
    static PipelinePlan of(StrategyGraph graph) {
        List<GraphNode> order = TopologicalOrder.of(graph);
        List<Step> steps = new ArrayList<>(order.size());
        for (int seq = 0; seq < order.size(); seq++) {
            GraphNode node = order.get(seq);
            ObjectNode config = node.config() == null ? JsonNodeFactory.instance.objectNode() : node.config();
            steps.add(new Step(seq, node, TopologicalOrder.upstreamOf(graph, node.id()), NodeSettings.of(node), config));
        }
        return new PipelinePlan(List.copyOf(steps));
    }
}

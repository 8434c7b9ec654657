package io.strategos.model.graph;

import io.strategos.model.FieldError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the structure of a strategy graph, and each node's config against its type's schema, and
 * reports every problem at once, so the builder can mark all offending nodes in one round trip.
 */
public final class GraphValidator {

    /** More nodes than this is almost certainly a mistake and makes runs needlessly slow. */
    public static final int MAX_NODES = 200;

    private GraphValidator() {
    }

    /**
     * @param graph   the graph to check
     * @param pointer JSON pointer of the graph inside the request body, for example {@code /graph}
     * @return the problems found; empty when the graph is valid
     */
    public static List<FieldError> validate(StrategyGraph graph, String pointer) {
        List<FieldError> problems = new ArrayList<>();
        if (graph == null) {
            problems.add(new FieldError(pointer, "graph is required"));
            return problems;
        }
        if (graph.nodes().isEmpty()) {
            problems.add(new FieldError(pointer + "/nodes", "a graph needs at least one node"));
            return problems;
        }
        if (graph.nodes().size() > MAX_NODES) {
            problems.add(new FieldError(pointer + "/nodes",
                    "a graph may have at most " + MAX_NODES + " nodes, this one has " + graph.nodes().size()));
        }

        Set<String> ids = new HashSet<>();
        boolean hasSource = false;
        for (int i = 0; i < graph.nodes().size(); i++) {
            GraphNode node = graph.nodes().get(i);
            String at = pointer + "/nodes/" + i;
            if (node == null) {
                problems.add(new FieldError(at, "node must not be null"));
                continue;
            }
            if (node.id() == null || node.id().isBlank()) {
                problems.add(new FieldError(at + "/id", "node id is required"));
            } else if (!ids.add(node.id())) {
                problems.add(new FieldError(at + "/id", "duplicate node id '" + node.id() + "'"));
            }
            var type = NodeType.fromWireName(node.type());
            if (type.isEmpty()) {
                problems.add(new FieldError(at + "/type", "unknown node type '" + node.type() + "'"));
            } else {
                hasSource |= type.get().isSource();
                problems.addAll(NodeConfigSchemas.validate(type.get(), node.config(), at + "/config"));
            }
        }
        if (!hasSource) {
            problems.add(new FieldError(pointer + "/nodes", "a graph needs a source node (for example polymarket-stream)"));
        }

        List<GraphEdge> soundEdges = new ArrayList<>();
        for (int i = 0; i < graph.edges().size(); i++) {
            GraphEdge edge = graph.edges().get(i);
            String at = pointer + "/edges/" + i;
            if (edge == null) {
                problems.add(new FieldError(at, "edge must not be null"));
                continue;
            }
            boolean sound = true;
            if (!ids.contains(edge.source())) {
                problems.add(new FieldError(at + "/source", "edge source '" + edge.source() + "' is not a node of this graph"));
                sound = false;
            }
            if (!ids.contains(edge.target())) {
                problems.add(new FieldError(at + "/target", "edge target '" + edge.target() + "' is not a node of this graph"));
                sound = false;
            }
            if (sound) {
                soundEdges.add(edge);
            }
        }
        // Over the edges between known nodes, whatever else is wrong, so that a cycle is reported with
        // every other problem instead of after they are fixed.
        TopologicalOrder.cycleMember(new StrategyGraph(firstOfEachId(graph.nodes()), soundEdges)).ifPresent(nodeId ->
                problems.add(new FieldError(pointer + "/edges", "the graph has a cycle through node '" + nodeId + "'")));
        return problems;
    }

    /** The nodes that have an id, each id once (its first node): what the edges can refer to. */
    private static List<GraphNode> firstOfEachId(List<GraphNode> nodes) {
        Set<String> seen = new HashSet<>();
        return nodes.stream()
                .filter(node -> node != null && node.id() != null && !node.id().isBlank() && seen.add(node.id()))
                .toList();
    }

    /** Index of each node id in {@code graph.nodes()}. */
    static Map<String, Integer> indexById(StrategyGraph graph) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < graph.nodes().size(); i++) {
            index.put(graph.nodes().get(i).id(), i);
        }
        return index;
    }
}

package io.strategos.model.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strategos.model.FieldError;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GraphValidatorTest {

    private static GraphNode node(String id, String type) {
        return new GraphNode(id, type, null, null);
    }

    private static GraphEdge edge(String source, String target) {
        return new GraphEdge(null, source, target);
    }

    @Test
    void acceptsASourceFeedingAFilter() {
        var graph = new StrategyGraph(List.of(node("a", "polymarket-stream"), node("b", "filter")), List.of(edge("a", "b")));
        assertThat(GraphValidator.validate(graph, "/graph")).isEmpty();
        assertThat(TopologicalOrder.of(graph)).extracting(GraphNode::id).containsExactly("a", "b");
    }

    @Test
    void reportsEveryProblemAtOnceWithPointers() {
        var graph = new StrategyGraph(
                List.of(node("a", "filter"), node("a", "teleport")),
                List.of(edge("a", "ghost"), edge("nobody", "a")));
        assertThat(GraphValidator.validate(graph, "/graph")).extracting(FieldError::pointer).containsExactlyInAnyOrder(
                "/graph/nodes/1/id", "/graph/nodes/1/type", "/graph/nodes", "/graph/edges/0/target", "/graph/edges/1/source");
    }

    @Test
    void reportsACycleAlongsideEveryOtherProblem() {
        var graph = new StrategyGraph(
                List.of(node("s", "polymarket-stream"), node("f1", "filter"), node("f2", "filter"), node("x", "teleport"),
                        node("f1", "filter")),
                List.of(edge("s", "f1"), edge("f1", "f2"), edge("f2", "ghost"), edge("f2", "f1")));
        List<FieldError> problems = GraphValidator.validate(graph, "/graph");
        assertThat(problems).extracting(FieldError::pointer).containsExactly(
                "/graph/nodes/3/type", "/graph/nodes/4/id", "/graph/edges/2/target", "/graph/edges");
        assertThat(problems.getLast().message()).contains("cycle");
    }

    @Test
    void aSelfLoopIsACycle() {
        var graph = new StrategyGraph(List.of(node("s", "polymarket-stream"), node("f", "filter")),
                List.of(edge("s", "f"), edge("f", "f")));
        assertThat(GraphValidator.validate(graph, "/graph")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("cycle through node 'f'"));
    }

    @Test
    void aDanglingEdgeIsNoCycle() {
        var graph = new StrategyGraph(List.of(node("s", "polymarket-stream"), node("f", "filter")),
                List.of(edge("s", "f"), edge("f", "ghost"), edge("ghost", "s")));
        assertThat(GraphValidator.validate(graph, "/graph")).extracting(FieldError::pointer)
                .containsExactly("/graph/edges/1/target", "/graph/edges/2/source");
    }

    @Test
    void findsCycles() {
        var graph = new StrategyGraph(
                List.of(node("s", "polymarket-stream"), node("f1", "filter"), node("f2", "filter")),
                List.of(edge("s", "f1"), edge("f1", "f2"), edge("f2", "f1")));
        assertThat(GraphValidator.validate(graph, "/graph")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("cycle"));
        assertThatThrownBy(() -> TopologicalOrder.of(graph)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void limitsTheNumberOfNodes() {
        var nodes = IntStream.range(0, GraphValidator.MAX_NODES + 1).mapToObj(i -> node("n" + i, "polymarket-stream")).toList();
        assertThat(GraphValidator.validate(new StrategyGraph(nodes, List.of()), "/graph"))
                .extracting(FieldError::message).anyMatch(m -> m.contains("at most 200"));
    }

    @Test
    void ordersDiamondsStably() {
        var graph = new StrategyGraph(
                List.of(node("join", "filter"), node("left", "filter"), node("src", "polymarket-stream"), node("right", "filter")),
                List.of(edge("src", "left"), edge("src", "right"), edge("left", "join"), edge("right", "join")));
        assertThat(TopologicalOrder.of(graph)).extracting(GraphNode::id).containsExactly("src", "left", "right", "join");
        assertThat(TopologicalOrder.upstreamOf(graph, "join")).containsExactly("left", "right");
    }

    @Test
    void checksEachConfigAgainstItsTypesSchema() {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var stream = (com.fasterxml.jackson.databind.node.ObjectNode) json.createObjectNode().put("limit", 0);
        var filter = json.createObjectNode();
        filter.putArray("conditions").addObject().put("field", "colour").put("operator", "gt");
        var graph = new StrategyGraph(
                List.of(new GraphNode("s", "polymarket-stream", null, stream), new GraphNode("f", "filter", null, filter)),
                List.of(edge("s", "f")));
        assertThat(GraphValidator.validate(graph, "/graph")).extracting(FieldError::pointer).containsExactlyInAnyOrder(
                "/graph/nodes/0/config/limit", "/graph/nodes/1/config/conditions/0/field",
                "/graph/nodes/1/config/conditions/0/value");
    }

    @Test
    void everyNodeTypeHasASchema() {
        for (NodeType type : NodeType.values()) {
            assertThat(NodeConfigSchemas.schemaOf(type).path("type").asText()).isEqualTo("object");
            assertThat(NodeConfigSchemas.validate(type, null, "/c")).isEmpty();
        }
    }
}

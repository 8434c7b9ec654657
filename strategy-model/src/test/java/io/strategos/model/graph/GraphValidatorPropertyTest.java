package io.strategos.model.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.strategos.model.FieldError;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Graph validation on random graphs. */
class GraphValidatorPropertyTest {

    private static final List<String> TYPES = java.util.Arrays.stream(NodeType.values()).map(NodeType::wireName).toList();

    /** A random DAG: a source first, then nodes of any type, every edge going from an earlier node to a later one. */
    @Provide
    Arbitrary<StrategyGraph> acyclicGraphs() {
        return Arbitraries.integers().between(1, 40).flatMap(size -> {
            Arbitrary<List<String>> types = Arbitraries.of(TYPES).list().ofSize(size - 1);
            Arbitrary<List<int[]>> pairs = Combinators.combine(
                            Arbitraries.integers().between(0, size - 1), Arbitraries.integers().between(0, size - 1))
                    .as((a, b) -> new int[] {Math.min(a, b), Math.max(a, b)})
                    .filter(p -> p[0] != p[1])
                    .list().ofMaxSize(size * 2);
            return Combinators.combine(types, pairs).as((restTypes, edgePairs) -> {
                List<GraphNode> nodes = new ArrayList<>();
                nodes.add(new GraphNode("n0", "polymarket-stream", null, null));
                for (int i = 1; i < size; i++) {
                    nodes.add(new GraphNode("n" + i, restTypes.get(i - 1), null, null));
                }
                List<GraphEdge> edges = new ArrayList<>();
                for (int i = 1; i < size; i++) {
                    // A chain through every node, so a back edge always closes a cycle.
                    edges.add(new GraphEdge(null, "n" + (i - 1), "n" + i));
                }
                edgePairs.forEach(p -> edges.add(new GraphEdge(null, "n" + p[0], "n" + p[1])));
                return new StrategyGraph(nodes, edges);
            });
        });
    }

    @Property
    void acyclicGraphsWithASourceAreValid(@ForAll("acyclicGraphs") StrategyGraph graph) {
        assertThat(GraphValidator.validate(graph, "/graph")).isEmpty();
        assertThat(TopologicalOrder.of(graph)).hasSameSizeAs(graph.nodes());
    }

    @Property
    void aBackEdgeIsReportedAsACycle(@ForAll("acyclicGraphs") StrategyGraph graph,
                                     @ForAll @IntRange(min = 0, max = 1000) int from, @ForAll @IntRange(min = 0, max = 1000) int to) {
        int size = graph.nodes().size();
        if (size < 2) {
            return;
        }
        int later = 1 + from % (size - 1);
        int earlier = to % later;
        List<GraphEdge> edges = new ArrayList<>(graph.edges());
        edges.add(new GraphEdge(null, "n" + later, "n" + earlier));
        List<FieldError> problems = GraphValidator.validate(new StrategyGraph(graph.nodes(), edges), "/graph");
        assertThat(problems).extracting(FieldError::pointer).containsExactly("/graph/edges");
        assertThat(problems.getFirst().message()).contains("cycle");
    }

    /** A cycle is found whatever else is wrong: an unknown type, a duplicate id and a dangling edge with it. */
    @Property
    void aCycleIsReportedWithEveryOtherProblem(@ForAll("acyclicGraphs") StrategyGraph graph,
                                               @ForAll @IntRange(min = 0, max = 1000) int from,
                                               @ForAll @IntRange(min = 0, max = 1000) int to) {
        int size = graph.nodes().size();
        if (size < 2) {
            return;
        }
        int later = 1 + from % (size - 1);
        int earlier = to % later;
        List<GraphNode> nodes = new ArrayList<>(graph.nodes());
        nodes.add(new GraphNode("stranger", "teleport", null, null));
        nodes.add(new GraphNode("n0", "filter", null, null));
        List<GraphEdge> edges = new ArrayList<>(graph.edges());
        edges.add(new GraphEdge(null, "n" + earlier, "ghost"));
        edges.add(new GraphEdge(null, "n" + later, "n" + earlier));
        List<FieldError> problems = GraphValidator.validate(new StrategyGraph(nodes, edges), "/graph");
        assertThat(problems).extracting(FieldError::pointer).contains(
                "/graph/nodes/" + size + "/type", "/graph/nodes/" + (size + 1) + "/id",
                "/graph/edges/" + graph.edges().size() + "/target", "/graph/edges");
        assertThat(problems.getLast().message()).contains("cycle");
    }

    @Property
    void everyEdgeToAMissingNodeIsReported(@ForAll("acyclicGraphs") StrategyGraph graph,
                                           @ForAll @IntRange(min = 1, max = 5) int dangling) {
        List<GraphEdge> edges = new ArrayList<>(graph.edges());
        for (int i = 0; i < dangling; i++) {
            edges.add(new GraphEdge(null, "n0", "ghost" + i));
        }
        List<FieldError> problems = GraphValidator.validate(new StrategyGraph(graph.nodes(), edges), "/graph");
        assertThat(problems).hasSize(dangling);
        for (int i = 0; i < dangling; i++) {
            assertThat(problems.get(i).pointer()).isEqualTo("/graph/edges/" + (graph.edges().size() + i) + "/target");
        }
    }

    /** Whatever the builder sends, validation answers with problems and never throws. */
    @Property
    void arbitraryGraphsNeverThrow(@ForAll @IntRange(min = 0, max = 30) int size,
                                   @ForAll("anyTypes") List<String> types, @ForAll("anyIds") List<String> ids,
                                   @ForAll("anyIds") List<String> sources, @ForAll("anyIds") List<String> targets) {
        List<GraphNode> nodes = new ArrayList<>();
        for (int i = 0; i < Math.min(size, Math.min(types.size(), ids.size())); i++) {
            nodes.add(new GraphNode(ids.get(i), types.get(i), null, null));
        }
        List<GraphEdge> edges = new ArrayList<>();
        for (int i = 0; i < Math.min(sources.size(), targets.size()); i++) {
            edges.add(new GraphEdge(null, sources.get(i), targets.get(i)));
        }
        List<FieldError> problems = GraphValidator.validate(new StrategyGraph(nodes, edges), "/graph");
        assertThat(problems).allSatisfy(p -> assertThat(p.pointer()).startsWith("/graph"));
        if (problems.isEmpty()) {
            assertThat(TopologicalOrder.of(new StrategyGraph(nodes, edges))).hasSameSizeAs(nodes);
        }
    }

    @Provide
    Arbitrary<List<String>> anyTypes() {
        return Arbitraries.oneOf(Arbitraries.of(TYPES), Arbitraries.strings().alpha().ofMaxLength(8), Arbitraries.just(null))
                .list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<String>> anyIds() {
        return Arbitraries.oneOf(Arbitraries.of("a", "b", "c", "d", "e", "f"), Arbitraries.strings().alpha().ofMaxLength(3),
                Arbitraries.just(""), Arbitraries.just(null)).list().ofMaxSize(30);
    }
}

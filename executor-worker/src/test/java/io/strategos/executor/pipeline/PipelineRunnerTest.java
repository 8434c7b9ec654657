package io.strategos.executor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategos.executor.claim.ClaimedRun;
import io.strategos.executor.claim.Standing;
import io.strategos.executor.pipeline.nodes.FilterNode;
import io.strategos.executor.pipeline.nodes.PolymarketStreamNode;
import io.strategos.executor.market.SimulatedMarketData;
import io.strategos.model.graph.GraphEdge;
import io.strategos.model.graph.GraphNode;
import io.strategos.model.graph.StrategyGraph;
import io.strategos.model.schedule.IntervalSchedule;
import io.strategos.model.schedule.MisfirePolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PipelineRunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

    private static final SimulatedMarketData MARKETS = new SimulatedMarketData(7, 50, Duration.ofSeconds(10), CLOCK);

    private final PipelineRunner runner = new PipelineRunner(
            List.of(new PolymarketStreamNode(), new FilterNode()), MARKETS, CLOCK);

    private static GraphNode node(String id, String type, String config) throws Exception {
        return new GraphNode(id, type, null, (ObjectNode) JSON.readTree(config));
    }

    private static ClaimedRun run(StrategyGraph graph) {
        return run(graph, null);
    }

    private static ClaimedRun run(StrategyGraph graph, String triggerCondition) {
        try {
            return new ClaimedRun(UUID.randomUUID(), false, UUID.randomUUID(), "owner", "test", 1, graph, new IntervalSchedule(60L),
                    MisfirePolicy.RUN_ONCE, 0, null, null, triggerCondition == null ? null : JSON.readTree(triggerCondition),
                    CLOCK.instant(), Standing.FRESH);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void feedsEachNodeItsUpstreamOutput() throws Exception {
        var graph = new StrategyGraph(List.of(
                node("cheap", "filter", "{\"conditions\": [{\"field\": \"price\", \"operator\": \"lt\", \"value\": 0.5}]}"),
                node("markets", "polymarket-stream", "{\"limit\": 30}")),
                List.of(new GraphEdge(null, "markets", "cheap")));
        RunResult result = runner.run(run(graph));

        assertThat(result.status()).isEqualTo(RunResult.Status.SUCCESS);
        assertThat(result.nodes()).extracting(NodeResult::nodeId).containsExactly("markets", "cheap");
        assertThat(result.nodes().get(0).output().outputCount()).isEqualTo(30);
        int kept = result.nodes().get(1).output().outputCount();
        assertThat(result.nodes().get(1).output().inputCount()).isEqualTo(30);
        assertThat(kept).isBetween(1, 29);
        assertThat(result.nodesExecuted()).isEqualTo(2);
    }

    @Test
    void aFailedNodeFailsTheRunAndSkipsWhatDependsOnIt() throws Exception {
        var graph = new StrategyGraph(List.of(
                node("markets", "polymarket-stream", "{}"),
                node("broken", "filter", "{\"conditions\": [{\"field\": \"colour\", \"operator\": \"eq\", \"value\": 1}]}"),
                node("after", "filter", "{}"),
                node("sibling", "filter", "{}")),
                List.of(new GraphEdge(null, "markets", "broken"), new GraphEdge(null, "broken", "after"),
                        new GraphEdge(null, "markets", "sibling")));
        RunResult result = runner.run(run(graph));

        assertThat(result.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(result.error()).contains("broken").contains("colour");
        assertThat(result.nodes()).extracting(NodeResult::nodeId, NodeResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("markets", NodeResult.Status.SUCCESS),
                org.assertj.core.groups.Tuple.tuple("broken", NodeResult.Status.ERROR),
                org.assertj.core.groups.Tuple.tuple("sibling", NodeResult.Status.SUCCESS),
                org.assertj.core.groups.Tuple.tuple("after", NodeResult.Status.SKIPPED));
    }

    @Test
    void aNodeTypeThisExecutorLacksFailsCleanly() throws Exception {
        var graph = new StrategyGraph(List.of(node("markets", "polymarket-stream", "{}"), node("trade", "orchestrator", "{}")),
                List.of(new GraphEdge(null, "markets", "trade")));
        RunResult result = runner.run(run(graph));
        assertThat(result.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(result.nodes().get(1).error()).contains("not supported");
    }

    @Test
    void aNodeThatMayContinueOnFailDoesNotFailTheRun() throws Exception {
        var graph = new StrategyGraph(List.of(
                node("markets", "polymarket-stream", "{}"),
                node("broken", "filter", "{\"continueOnFail\": true, \"maxTries\": 2, \"retryBackoffMs\": 1, \"conditions\": [{\"field\": \"colour\", \"operator\": \"eq\", \"value\": 1}]}"),
                node("after", "filter", "{}")),
                List.of(new GraphEdge(null, "markets", "broken"), new GraphEdge(null, "broken", "after")));
        RunResult result = runner.run(run(graph));

        assertThat(result.status()).isEqualTo(RunResult.Status.SUCCESS);
        assertThat(result.nodes()).extracting(NodeResult::status)
                .containsExactly(NodeResult.Status.SUCCESS, NodeResult.Status.ERROR, NodeResult.Status.SUCCESS);
        assertThat(result.nodes().get(2).output().inputCount()).isZero();
    }

    @Test
    void aTriggerConditionThatDoesNotHoldSkipsTheNodes() throws Exception {
        var graph = new StrategyGraph(List.of(node("markets", "polymarket-stream", "{}")), List.of());
        RunResult unmet = runner.run(run(graph,
                "{\"marketId\": \"sim-3\", \"conditions\": [{\"field\": \"price\", \"operator\": \"gt\", \"value\": 2}]}"));
        assertThat(unmet.status()).isEqualTo(RunResult.Status.CONDITION_NOT_MET);
        assertThat(unmet.nodes()).isEmpty();
        assertThat(unmet.failed()).isFalse();

        RunResult met = runner.run(run(graph,
                "{\"marketId\": \"sim-3\", \"conditions\": [{\"field\": \"price\", \"operator\": \"lt\", \"value\": 2}]}"));
        assertThat(met.status()).isEqualTo(RunResult.Status.SUCCESS);
        assertThat(met.nodes()).hasSize(1);
    }
}

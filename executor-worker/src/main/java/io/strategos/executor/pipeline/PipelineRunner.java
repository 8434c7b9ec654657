package io.strategos.executor.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategos.executor.claim.ClaimedRun;
import io.strategos.executor.market.Market;
import io.strategos.model.graph.GraphNode;
import io.strategos.model.graph.NodeType;
import io.strategos.model.graph.TopologicalOrder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.MDC;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Runs a strategy's node graph in topological order, feeding each node the markets of its upstream
 * nodes. A failed node fails the run, and every node downstream of it is recorded as skipped.
 */
@ApplicationScoped
public class PipelineRunner {

    /** How many market ids a node log keeps; the count is always exact. */
    static final int LOGGED_MARKETS = 20;

    private final Map<NodeType, NodeExecutor> executors = new EnumMap<>(NodeType.class);
    private final ObjectMapper json;
    private final Clock clock;

    @Inject
    public PipelineRunner(Instance<NodeExecutor> executors, ObjectMapper json) {
        this(executors.stream().toList(), json, Clock.systemUTC());
    }

    PipelineRunner(List<NodeExecutor> executors, ObjectMapper json, Clock clock) {
        executors.forEach(e -> this.executors.put(e.type(), e));
        this.json = json;
        this.clock = clock;
    }

    public RunResult run(ClaimedRun run) {
        UUID executionId = UUID.randomUUID();
        MDC.put("strategyId", run.strategyId().toString());
        MDC.put("executionId", executionId.toString());
        try {
            return runNodes(run, executionId);
        } finally {
            MDC.remove("strategyId");
            MDC.remove("executionId");
        }
    }

    private RunResult runNodes(ClaimedRun run, UUID executionId) {
        RunContext context = new RunContext(run, executionId);
        Instant started = clock.instant();
        List<NodeResult> results = new ArrayList<>();
        Map<String, List<Market>> outputs = new HashMap<>();
        Set<String> failedOrSkipped = new HashSet<>();
        String runError = null;

        List<GraphNode> order = TopologicalOrder.of(run.graph());
        for (int seq = 0; seq < order.size(); seq++) {
            GraphNode node = order.get(seq);
            List<String> upstream = TopologicalOrder.upstreamOf(run.graph(), node.id());
            Instant nodeStarted = clock.instant();
            if (upstream.stream().anyMatch(failedOrSkipped::contains)) {
                failedOrSkipped.add(node.id());
                results.add(new NodeResult(seq, node.id(), node.type(), NodeResult.Status.SKIPPED, null,
                        "skipped: an upstream node did not succeed", nodeStarted, nodeStarted));
                continue;
            }
            List<Market> input = new ArrayList<>();
            upstream.forEach(id -> input.addAll(outputs.get(id)));
            try {
                List<Market> output = execute(node, input, context);
                outputs.put(node.id(), output);
                results.add(new NodeResult(seq, node.id(), node.type(), NodeResult.Status.SUCCESS,
                        summary(input, output), null, nodeStarted, clock.instant()));
            } catch (NodeFailure | RuntimeException e) {
                failedOrSkipped.add(node.id());
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                results.add(new NodeResult(seq, node.id(), node.type(), NodeResult.Status.ERROR, null, message,
                        nodeStarted, clock.instant()));
                if (runError == null) {
                    runError = "node '" + node.id() + "' failed: " + message;
                }
            }
        }
        RunResult.Status status = runError == null ? RunResult.Status.SUCCESS : RunResult.Status.FAILED;
        return new RunResult(executionId, run, status, started, clock.instant(), results, runError, context.effects());
    }

    private List<Market> execute(GraphNode node, List<Market> input, RunContext context) throws NodeFailure {
        NodeType type = NodeType.fromWireName(node.type())
                .orElseThrow(() -> new NodeFailure("unknown node type '" + node.type() + "'"));
        NodeExecutor executor = executors.get(type);
        if (executor == null) {
            throw new NodeFailure("node type '" + node.type() + "' is not supported by this executor version");
        }
        ObjectNode config = node.config() == null ? json.createObjectNode() : node.config();
        return executor.execute(config, input, context);
    }

    private JsonNode summary(List<Market> input, List<Market> output) {
        ObjectNode summary = json.createObjectNode();
        summary.put("inputCount", input.size());
        summary.put("outputCount", output.size());
        ArrayNode ids = summary.putArray("marketIds");
        output.stream().limit(LOGGED_MARKETS).forEach(m -> ids.add(m.id()));
        return summary;
    }
}

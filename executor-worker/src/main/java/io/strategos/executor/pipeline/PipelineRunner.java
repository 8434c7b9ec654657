package io.strategos.executor.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.strategos.executor.claim.ClaimedRun;
import io.strategos.executor.market.Market;
import io.strategos.executor.market.MarketDataProvider;
import io.strategos.executor.market.MarketQuery;
import io.strategos.executor.pipeline.nodes.MarketCondition;
import io.strategos.model.graph.GraphNode;
import io.strategos.model.graph.NodeType;
import io.strategos.model.graph.StrategyGraph;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs a strategy's node graph in topological order, feeding each node the markets of its upstream
 * nodes. A node is tried up to its {@code maxTries}; a node that still fails fails the run and every
 * node downstream of it is recorded as skipped, unless it says {@code continueOnFail}, in which case
 * it passes nothing on and the run goes on. A strategy's trigger condition is checked first: when it
 * does not hold, the run is recorded as condition_not_met without running a node.
 */
@ApplicationScoped
public class PipelineRunner {

    /** How many market ids a node log keeps; the count is always exact. */
    static final int LOGGED_MARKETS = 20;
    /** Markets a trigger condition without a marketId looks at. */
    static final int TRIGGER_UNIVERSE = 500;

    private final Map<NodeType, NodeExecutor> executors = new EnumMap<>(NodeType.class);
    /**
     * Plans by graph instance (ParsedDefinitions hands out one instance per definition text): comparing
     * graphs by value would cost more than planning them.
     */
    private final Cache<SameGraph, PipelinePlan> plans;
    private final MarketDataProvider marketData;
    private final Clock clock;

    @Inject
    public PipelineRunner(Instance<NodeExecutor> executors, MarketDataProvider marketData,
                          @ConfigProperty(name = "strategos.executor.definition-cache-size") long plansKept) {
        this(executors.stream().toList(), marketData, Clock.systemUTC(), plansKept);
    }

    public PipelineRunner(List<NodeExecutor> executors, MarketDataProvider marketData, Clock clock) {
        this(executors, marketData, clock, 1_000);
    }

    private PipelineRunner(List<NodeExecutor> executors, MarketDataProvider marketData, Clock clock, long plansKept) {
        this.plans = Caffeine.newBuilder().maximumSize(plansKept).build();
        executors.forEach(e -> this.executors.put(e.type(), e));
        this.marketData = marketData;
        this.clock = clock;
    }

    public RunResult run(ClaimedRun run) {
        return run(run, null);
    }

    /**
     * Runs the graph once without it ever being recorded: the strategy lab's test runs and each slot
     * of a backtest. Its effects (trades, watchlist, events, a pause) come back in the result only.
     */
    public RunResult dryRun(ClaimedRun run, RunContext.DryRun dryRun) {
        return run(run, dryRun);
    }

    private RunResult run(ClaimedRun run, RunContext.DryRun dryRun) {
        UUID executionId = run.executionId();
        MDC.put("strategyId", run.strategyId().toString());
        MDC.put("executionId", executionId.toString());
        try {
            MarketDataProvider source = dryRun == null || dryRun.marketData() == null ? marketData : dryRun.marketData();
            return runNodes(run, new RunContext(run, executionId, source, dryRun));
        } finally {
            MDC.remove("strategyId");
            MDC.remove("executionId");
        }
    }

    private RunResult runNodes(ClaimedRun run, RunContext context) {
        UUID executionId = context.executionId();
        Instant started = clock.instant();
        if (run.triggerCondition() != null) {
            try {
                String unmet = unmetTrigger(run.triggerCondition(), context.marketData());
                if (unmet != null) {
                    return RunResult.conditionNotMet(executionId, run, started, unmet);
                }
            } catch (NodeFailure e) {
                return new RunResult(executionId, run, RunResult.Status.FAILED, started, clock.instant(), List.of(),
                        "trigger condition: " + e.getMessage(), context.effects());
            }
        }
        List<NodeResult> results = new ArrayList<>();
        Map<String, List<Market>> outputs = new HashMap<>();
        Set<String> failedOrSkipped = new HashSet<>();
        String runError = null;

        for (PipelinePlan.Step step : plans.get(new SameGraph(run.graph()), same -> PipelinePlan.of(same.graph())).steps()) {
            GraphNode node = step.node();
            Instant nodeStarted = clock.instant();
            if (step.upstream().stream().anyMatch(failedOrSkipped::contains)) {
                failedOrSkipped.add(node.id());
                results.add(new NodeResult(step.seq(), node.id(), node.type(), NodeResult.Status.SKIPPED, null,
                        "skipped: an upstream node did not succeed", nodeStarted, nodeStarted));
                continue;
            }
            List<Market> input = new ArrayList<>();
            step.upstream().forEach(id -> input.addAll(outputs.get(id)));
            try {
                List<Market> output = executeWithRetries(step, input, context);
                outputs.put(node.id(), output);
                results.add(new NodeResult(step.seq(), node.id(), node.type(), NodeResult.Status.SUCCESS,
                        summary(input, output), null, nodeStarted, clock.instant()));
            } catch (NodeFailure | RuntimeException e) {
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                results.add(new NodeResult(step.seq(), node.id(), node.type(), NodeResult.Status.ERROR, null, message,
                        nodeStarted, clock.instant()));
                if (step.settings().continueOnFail()) {
                    outputs.put(node.id(), List.of());
                } else {
                    failedOrSkipped.add(node.id());
                    if (runError == null) {
                        runError = "node '" + node.id() + "' failed: " + message;
                    }
                }
            }
        }
        RunResult.Status status = runError == null ? RunResult.Status.SUCCESS : RunResult.Status.FAILED;
        return new RunResult(executionId, run, status, started, clock.instant(), results, runError, context.effects());
    }

    /** Tries a node up to its {@code maxTries}, waiting longer after each failure. */
    private List<Market> executeWithRetries(PipelinePlan.Step step, List<Market> input, RunContext context) throws NodeFailure {
        NodeSettings settings = step.settings();
        for (int attempt = 1; ; attempt++) {
            try {
                return execute(step, input, context);
            } catch (NodeFailure | RuntimeException e) {
                if (attempt >= settings.maxTries()) {
                    throw e;
                }
                backOff(settings.retryBackoff().multipliedBy(1L << (attempt - 1)));
            }
        }
    }

    /** Runs are on virtual threads, so waiting out a backoff costs no platform thread. */
    private static void backOff(Duration delay) throws NodeFailure {
        try {
            TimeUnit.MILLISECONDS.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeFailure("interrupted while retrying (the run timed out)");
        }
    }

    /**
     * The trigger condition is one condition ({@code field}, {@code operator}, {@code value}) or a
     * list ({@code match}, {@code conditions}), on the market {@code marketId}, or on any market the
     * provider has when no market is named.
     *
     * @return why the trigger condition does not hold, or null when it does
     */
    private static String unmetTrigger(JsonNode condition, MarketDataProvider marketData) throws NodeFailure {
        String marketId = condition.path("marketId").asText(null);
        List<Market> candidates = marketId == null
                ? marketData.markets(new MarketQuery(null, null, 0, 0, TRIGGER_UNIVERSE))
                : marketData.quotes(List.of(marketId)).values().stream().toList();
        Predicate<Market> holds = condition.has("conditions")
                ? MarketCondition.Conditions.of(condition)::test
                : MarketCondition.parse(condition)::test;
        if (candidates.stream().anyMatch(holds)) {
            return null;
        }
        return marketId == null ? "no market meets the trigger condition" : "the trigger condition does not hold on market " + marketId;
    }

    private List<Market> execute(PipelinePlan.Step step, List<Market> input, RunContext context) throws NodeFailure {
        String type = step.node().type();
        NodeExecutor executor = executors.get(NodeType.fromWireName(type)
                .orElseThrow(() -> new NodeFailure("unknown node type '" + type + "'")));
        if (executor == null) {
            throw new NodeFailure("node type '" + type + "' is not supported by this executor version");
        }
        return executor.execute(step.config(), input, context);
    }

    private static NodeSummary summary(List<Market> input, List<Market> output) {
        List<String> ids = new ArrayList<>(Math.min(output.size(), LOGGED_MARKETS));
        for (Market market : output) {
            if (ids.size() == LOGGED_MARKETS) {
                break;
            }
            ids.add(market.id());
        }
        return new NodeSummary(input.size(), output.size(), ids);
    }

    /** A graph compared by identity. */
    private record SameGraph(StrategyGraph graph) {

        @Override
        public boolean equals(Object other) {
            return other instanceof SameGraph same && same.graph == graph;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(graph);
        }
    }
}

package io.strategos.executor.lab;

import io.smallrye.common.annotation.RunOnVirtualThread;
import io.strategos.executor.claim.ClaimedRun;
import io.strategos.executor.claim.Standing;
import io.strategos.executor.paper.PaperTrade;
import io.strategos.executor.pipeline.PipelineRunner;
import io.strategos.executor.pipeline.RunContext;
import io.strategos.executor.pipeline.RunResult;
import io.strategos.executor.service.ExecutorSettings;
import io.strategos.model.FieldError;
import io.strategos.model.lab.TestRunReport;
import io.strategos.model.lab.TestRunRequest;
import io.strategos.model.rest.InvalidInputException;
import io.strategos.model.rest.Problem;
import io.strategos.model.schedule.IntervalSchedule;
import io.strategos.model.schedule.MisfirePolicy;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The strategy lab's test run, for strategy-api only: runs a graph once in this worker's pipeline, with
 * its node implementations, and records nothing (no execution, statistics, watchlist, portfolio, outbox
 * or notification). Orders are decided on the strategy's paper account as it stands, read only, or an
 * empty one with the bankroll given. Not reachable from outside the cluster (a ClusterIP Service, no
 * Ingress) and guarded by a token shared with strategy-api ({@code strategos.lab.internal-token}): the
 * request names its owner and strategy, which only strategy-api has checked.
 */
@Path("/internal/v1/test-runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TestRunResource {

    public static final String TOKEN_HEADER = "X-Strategos-Internal-Token";

    private final PipelineRunner runner;
    private final ExecutorSettings settings;
    private final Optional<String> token;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    public TestRunResource(PipelineRunner runner, ExecutorSettings settings,
                           @ConfigProperty(name = "strategos.lab.internal-token") Optional<String> token) {
        this.runner = runner;
        this.settings = settings;
        this.token = token;
    }

    @POST
    @RunOnVirtualThread
    public Response run(@HeaderParam(TOKEN_HEADER) String presented, TestRunRequest request) {
        if (token.isEmpty()) {
            return Problem.response(503, "Service Unavailable", "test runs are off: strategos.lab.internal-token is not set", null);
        }
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                token.get().getBytes(StandardCharsets.UTF_8))) {
            return Problem.response(403, "Forbidden", "only strategy-api may ask for test runs", null);
        }
        if (request == null || request.graph() == null || request.ownerId() == null) {
            throw new InvalidInputException(List.of(new FieldError(request == null ? "" : "/graph", "a graph and its owner are required")));
        }
        ClaimedRun run = new ClaimedRun(UUID.randomUUID(), true,
                request.strategyId() == null ? UUID.randomUUID() : request.strategyId(), request.ownerId(),
                request.strategyName() == null ? "test run" : request.strategyName(), request.strategyVersion(), request.graph(),
                new IntervalSchedule(60L), MisfirePolicy.RUN_ONCE, 0, request.paperBankrollUsd(), request.maxDrawdownPct(),
                request.triggerCondition(), Clock.systemUTC().instant(), Standing.FRESH);
        Future<RunResult> result = threads.submit(() -> runner.dryRun(run, new RunContext.DryRun(null, null, null)));
        try {
            return Response.ok(report(result.get(settings.runTimeout().toMillis(), TimeUnit.MILLISECONDS))).build();
        } catch (TimeoutException e) {
            result.cancel(true);
            return Response.ok(report(RunResult.timedOut(run, settings.runTimeout()))).build();
        } catch (ExecutionException e) {
            return Response.ok(report(RunResult.crashed(run, e.getCause()))).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Problem.response(503, "Service Unavailable", "interrupted", null);
        }
    }

    static TestRunReport report(RunResult result) {
        var effects = result.effects();
        return new TestRunReport(result.status().dbValue(), result.error(), result.startedAt(), result.durationMs(),
                result.nodes().stream().map(n -> new TestRunReport.Node(n.seq(), n.nodeId(), n.nodeType(), n.status().dbValue(),
                        n.output() == null ? null : n.output().toTree(), n.error(), n.durationMs())).toList(),
                effects.trades().stream().map(TestRunResource::order).toList(),
                effects.events().stream().map(e -> new TestRunReport.Event(e.type().typeName(), e.message())).toList(),
                effects.watchlist().stream().map(w -> new TestRunReport.WatchlistAddition(w.marketId(), w.reason())).toList(),
                effects.pauseReason(), false);
    }

    static TestRunReport.Order order(PaperTrade t) {
        return new TestRunReport.Order(t.marketId(), t.question(), t.outcome(), t.action().dbValue(), t.quantity(), t.price(),
                t.feeUsd(), t.cashDelta(), t.realizedPnl(), t.reason());
    }
}

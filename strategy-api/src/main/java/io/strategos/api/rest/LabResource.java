package io.strategos.api.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.strategos.api.mapping.BacktestRequest;
import io.strategos.api.mapping.BacktestView;
import io.strategos.api.mapping.TestRunBody;
import io.strategos.api.service.BacktestService;
import io.strategos.api.service.TestRunService;
import io.strategos.model.lab.TestRunReport;
import io.strategos.model.rest.Callers;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The strategy lab on a strategy: test runs (try a graph once before deploying it) and submitting backtests. */
@Path("/api/v1/strategies")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Strategy lab")
@SecurityRequirement(name = "jwt")
public class LabResource {

    private static final String RUN_DESCRIPTION = "Runs the graph once against current market data, in executor-worker's pipeline"
            + " (the node implementations of scheduled runs), and answers each node's status, output, error and duration, and"
            + " the orders the orchestrator would place with their fills and fees, the events and watchlist additions it would"
            + " make. Nothing is recorded: no run history, statistics, watchlist, portfolio, outbox or notification. Lists are"
            + " cut at strategos.lab.max-items (truncated: true). Limited per user (strategos.lab.test-runs.*).";

    private final TestRunService testRuns;
    private final BacktestService backtests;
    private final JsonWebToken token;

    public LabResource(TestRunService testRuns, BacktestService backtests, JsonWebToken token) {
        this.testRuns = testRuns;
        this.backtests = backtests;
        this.token = token;
    }

    @POST
    @Path("/test-runs")
    @Operation(summary = "Test-run a graph, saved or not, from an empty paper account", description = RUN_DESCRIPTION)
    @APIResponse(responseCode = "200", description = "How the run went")
    @APIResponse(responseCode = "400", description = "Invalid graph, as for a create: every problem with its JSON pointer")
    @APIResponse(responseCode = "429", description = "Too many test runs; Retry-After says when to try again")
    @APIResponse(responseCode = "503", description = "No executor can take it now; Retry-After says when to try again")
    public Uni<TestRunReport> runGraph(TestRunBody body) {
        return testRuns.runGraph(Callers.id(token), body);
    }

    @POST
    @Path("/{id}/test-runs")
    @Operation(summary = "Test-run a saved version with its deployment's settings and paper account (read, never changed)",
            description = RUN_DESCRIPTION)
    @APIResponse(responseCode = "200", description = "How the run went")
    @APIResponse(responseCode = "404", description = "The caller has no such strategy, or it has no such version")
    @APIResponse(responseCode = "429", description = "Too many test runs; Retry-After says when to try again")
    @APIResponse(responseCode = "503", description = "No executor can take it now; Retry-After says when to try again")
    public Uni<TestRunReport> runSaved(@PathParam("id") UUID id,
            @Parameter(description = "The version to run; default the current one",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @QueryParam("version") String version) {
        return testRuns.runSaved(Callers.id(token), id, QueryParams.positive("version", version));
    }

    @POST
    @Path("/{id}/backtests")
    @Operation(summary = "Backtest a saved strategy over [from, to)",
            description = "executor-worker replays the graph at every slot of the schedule in the range, against the market"
                    + " data as it was at that slot, with live paper trading's rules (fees, slippage, take-profit, stop-loss,"
                    + " drawdown kill switch, position limits) on an account kept in memory: nothing touches the strategy's"
                    + " paper portfolio, history or notifications. Poll GET /api/v1/backtests/{id} for progress and results.")
    @APIResponse(responseCode = "202", description = "Queued; Location names it",
            content = @Content(schema = @Schema(implementation = BacktestView.class)))
    @APIResponse(responseCode = "400", description = "Invalid range, schedule or settings, each by JSON pointer")
    @APIResponse(responseCode = "404", description = "The caller has no such strategy, or it has no such version")
    public Uni<Response> submit(@PathParam("id") UUID id, BacktestRequest request, @Context UriInfo uri) {
        return backtests.submit(Callers.id(token), id, request).map(view -> Response.accepted(view)
                .location(uri.getBaseUriBuilder().path("api/v1/backtests").path(view.id().toString()).build()).build());
    }
}

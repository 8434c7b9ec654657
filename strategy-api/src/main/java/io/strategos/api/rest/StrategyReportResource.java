package io.strategos.api.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.strategos.api.mapping.ExecutionView;
import io.strategos.api.mapping.Page;
import io.strategos.api.mapping.PortfolioView;
import io.strategos.api.mapping.StatsView;
import io.strategos.api.mapping.TradeView;
import io.strategos.api.repository.ExecutionQueries;
import io.strategos.api.service.StrategyReads;
import io.strategos.model.rest.Callers;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Run history, statistics and the paper account of a strategy. */
@Path("/api/v1/strategies")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Runs and performance")
@SecurityRequirement(name = "jwt")
public class StrategyReportResource {

    private static final List<String> EXECUTION_STATUSES = List.of("success", "failed", "skipped", "condition_not_met", "timed_out");

    private final StrategyReads reads;
    private final JsonWebToken token;

    public StrategyReportResource(StrategyReads reads, JsonWebToken token) {
        this.reads = reads;
        this.token = token;
    }

    @GET
    @Path("/{id}/executions")
    @Operation(summary = "The strategy's runs, newest first")
    public Uni<Page<ExecutionView>> executions(
            @PathParam("id") UUID id,
            @Parameter(schema = @Schema(enumeration = {"success", "failed", "skipped", "condition_not_met", "timed_out"}))
            @QueryParam("status") String status,
            @Parameter(description = "Runs started at or after this instant", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("from") String from,
            @Parameter(description = "Runs started before this instant", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("to") String to,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        var filter = new ExecutionQueries.Filter(QueryParams.oneOf("status", status, EXECUTION_STATUSES),
                QueryParams.instant("from", from), QueryParams.instant("to", to));
        return reads.executions(Callers.id(token), id, filter, cursor, QueryParams.limit(limit));
    }

    @GET
    @Path("/{id}/stats")
    @Operation(summary = "Run statistics and per-node performance over all recorded runs",
            description = "successRate is successful runs over runs that were not skipped.")
    public Uni<StatsView> stats(@PathParam("id") UUID id) {
        return reads.stats(Callers.id(token), id);
    }

    @GET
    @Path("/{id}/portfolio")
    @Operation(summary = "The paper portfolio: cash, positions at the latest prices, P&L, ROI and win rate")
    public Uni<PortfolioView> portfolio(@PathParam("id") UUID id) {
        return reads.portfolio(Callers.id(token), id);
    }

    @GET
    @Path("/{id}/trades")
    @Operation(summary = "The paper trades, newest first")
    public Uni<Page<TradeView>> trades(@PathParam("id") UUID id, @QueryParam("limit") String limit,
                                       @QueryParam("cursor") String cursor) {
        return reads.trades(Callers.id(token), id, cursor, QueryParams.limit(limit));
    }
}

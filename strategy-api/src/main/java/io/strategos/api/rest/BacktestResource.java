package io.strategos.api.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.strategos.api.mapping.BacktestView;
import io.strategos.api.mapping.Page;
import io.strategos.api.service.BacktestService;
import io.strategos.model.rest.Callers;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The strategy lab's backtests: read, list and cancel (they are submitted on the strategy, {@link LabResource}). */
@Path("/api/v1/backtests")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Strategy lab")
@SecurityRequirement(name = "jwt")
public class BacktestResource {

    private final BacktestService backtests;
    private final JsonWebToken token;

    public BacktestResource(BacktestService backtests, JsonWebToken token) {
        this.backtests = backtests;
        this.token = token;
    }

    @GET
    @Operation(summary = "The caller's backtests, newest first")
    public Uni<Page<BacktestView>> list(
            @Parameter(description = "Only this strategy's") @QueryParam("strategyId") String strategyId,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50"))
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return backtests.list(Callers.id(token), QueryParams.uuid("strategyId", strategyId), cursor, QueryParams.limit(limit));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A backtest: status, progress, and once completed its metrics and the buy-and-hold baseline")
    @APIResponse(responseCode = "404", description = "The caller has no such backtest")
    public Uni<BacktestView> get(@PathParam("id") UUID id) {
        return backtests.get(Callers.id(token), id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Cancel a queued or running backtest; what it replayed so far stays readable")
    @APIResponse(responseCode = "200", description = "Cancelled")
    @APIResponse(responseCode = "404", description = "The caller has no such backtest")
    @APIResponse(responseCode = "409", description = "It has already completed, failed or been cancelled")
    public Uni<BacktestView> cancel(@PathParam("id") UUID id) {
        return backtests.cancel(Callers.id(token), id);
    }

    @GET
    @Path("/{id}/runs")
    @Operation(summary = "Every slot's run in order, with the equity after it: the equity curve")
    @APIResponse(responseCode = "404", description = "The caller has no such backtest")
    public Uni<Page<BacktestView.Run>> runs(@PathParam("id") UUID id,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50"))
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return backtests.runs(Callers.id(token), id, cursor, QueryParams.limit(limit));
    }

    @GET
    @Path("/{id}/trades")
    @Operation(summary = "Every simulated trade in order, with its fill and fee")
    @APIResponse(responseCode = "404", description = "The caller has no such backtest")
    public Uni<Page<BacktestView.Trade>> trades(@PathParam("id") UUID id,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50"))
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return backtests.trades(Callers.id(token), id, cursor, QueryParams.limit(limit));
    }
}

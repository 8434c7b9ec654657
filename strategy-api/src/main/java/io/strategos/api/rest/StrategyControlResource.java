package io.strategos.api.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.strategos.api.domain.Action;
import io.strategos.api.mapping.DeployRequest;
import io.strategos.api.mapping.RunAccepted;
import io.strategos.api.mapping.StrategyView;
import io.strategos.api.mapping.TransitionView;
import io.strategos.api.service.IdempotentRequests;
import io.strategos.api.service.LifecycleService;
import io.strategos.api.service.StrategyReads;
import io.strategos.api.service.TemplateService;
import io.strategos.model.rest.Callers;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;

/**
 * Deployment and control. The state machine is documented on {@link Action}; a change the current
 * state does not allow is answered with 409 naming that state.
 */
@Path("/api/v1/strategies")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Deployment and control")
@SecurityRequirement(name = "jwt")
public class StrategyControlResource {

    private final LifecycleService lifecycle;
    private final TemplateService templates;
    private final StrategyReads reads;
    private final IdempotentRequests idempotent;
    private final JsonWebToken token;

    public StrategyControlResource(LifecycleService lifecycle, TemplateService templates, StrategyReads reads,
                                   IdempotentRequests idempotent, JsonWebToken token) {
        this.lifecycle = lifecycle;
        this.templates = templates;
        this.reads = reads;
        this.idempotent = idempotent;
        this.token = token;
    }

    @POST
    @Path("/{id}/deploy")
    @Operation(summary = "Set schedule and trading settings; with autoStart the strategy starts running",
            description = "tradingMode live is refused with 422 until live trading exists.")
    @APIResponse(responseCode = "200", description = "Deployed",
            content = @Content(schema = @Schema(implementation = StrategyView.class)))
    @APIResponse(responseCode = "422", description = "Live trading requested, or Idempotency-Key already used for another request")
    public Uni<Response> deploy(@PathParam("id") UUID id, DeployRequest request, @Context UriInfo uri,
            @Parameter(name = IdempotentRequests.HEADER, description = IdempotencyKey.DESCRIPTION,
                    schema = @Schema(maxLength = 255)) @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        String caller = Callers.id(token);
        return idempotent.once(caller, idempotencyKey, "POST " + uri.getPath(), request,
                () -> lifecycle.deploy(caller, id, request).map(view -> Response.ok(view).build()));
    }

    @POST
    @Path("/{id}/start")
    @Operation(summary = "Start a stopped, completed or failed strategy (emits strategy_started)")
    @APIResponse(responseCode = "409", description = "Not allowed in the current state")
    public Uni<StrategyView> start(@PathParam("id") UUID id) {
        return lifecycle.apply(Callers.id(token), id, Action.START);
    }

    @POST
    @Path("/{id}/pause")
    @Operation(summary = "Pause a running strategy (emits strategy_paused)")
    @APIResponse(responseCode = "409", description = "Not allowed in the current state")
    public Uni<StrategyView> pause(@PathParam("id") UUID id) {
        return lifecycle.apply(Callers.id(token), id, Action.PAUSE);
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a paused strategy, or one paused by errors (emits strategy_started)")
    @APIResponse(responseCode = "409", description = "Not allowed in the current state")
    public Uni<StrategyView> resume(@PathParam("id") UUID id) {
        return lifecycle.apply(Callers.id(token), id, Action.RESUME);
    }

    @POST
    @Path("/{id}/stop")
    @Operation(summary = "Stop a running, paused or failed strategy (emits strategy_stopped)")
    @APIResponse(responseCode = "409", description = "Not allowed in the current state")
    public Uni<StrategyView> stop(@PathParam("id") UUID id) {
        return lifecycle.apply(Callers.id(token), id, Action.STOP);
    }

    @POST
    @Path("/{id}/archive")
    @Operation(summary = "Archive (soft-delete) a strategy that is not running")
    @APIResponse(responseCode = "409", description = "Running, or already archived")
    public Uni<StrategyView> archive(@PathParam("id") UUID id) {
        return lifecycle.apply(Callers.id(token), id, Action.ARCHIVE);
    }

    @POST
    @Path("/{id}/unarchive")
    @Operation(summary = "Bring an archived strategy back, stopped (or draft when never deployed)")
    @APIResponse(responseCode = "409", description = "Not archived")
    public Uni<StrategyView> unarchive(@PathParam("id") UUID id) {
        return lifecycle.apply(Callers.id(token), id, Action.UNARCHIVE);
    }

    @POST
    @Path("/{id}/runs")
    @Operation(summary = "Run now, outside the schedule",
            description = "Queued for executor-worker; the run is recorded as the execution with the returned id.")
    @APIResponse(responseCode = "202", description = "Accepted; Location is the future execution")
    @APIResponse(responseCode = "409", description = "Archived or never deployed")
    @APIResponse(responseCode = "422", description = "Idempotency-Key already used for another request")
    public Uni<Response> runNow(@PathParam("id") UUID id, @Context UriInfo uri,
            @Parameter(name = IdempotentRequests.HEADER, description = IdempotencyKey.DESCRIPTION,
                    schema = @Schema(maxLength = 255)) @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        String caller = Callers.id(token);
        return idempotent.once(caller, idempotencyKey, "POST " + uri.getPath(), null,
                () -> lifecycle.runNow(caller, id).map((RunAccepted accepted) -> Response.accepted(accepted)
                        .location(uri.getBaseUriBuilder().path("api/v1/executions").path(accepted.executionId().toString()).build())
                        .build()));
    }

    @GET
    @Path("/{id}/transitions")
    @Operation(summary = "The strategy's latest status changes, newest first")
    public Uni<List<TransitionView>> transitions(@PathParam("id") UUID id, @QueryParam("limit") String limit) {
        return reads.transitions(Callers.id(token), id, QueryParams.limit(limit));
    }

    @POST
    @Path("/{id}/publish")
    @Operation(summary = "Publish the current version as a public template (again, to publish a newer version)")
    public Uni<StrategyView> publish(@PathParam("id") UUID id) {
        return templates.publish(Callers.id(token), id);
    }

    @DELETE
    @Path("/{id}/publish")
    @Operation(summary = "Withdraw the public template")
    @APIResponse(responseCode = "204", description = "Unpublished")
    public Uni<Response> unpublish(@PathParam("id") UUID id) {
        return templates.unpublish(Callers.id(token), id).map(ignored -> Response.noContent().build());
    }
}

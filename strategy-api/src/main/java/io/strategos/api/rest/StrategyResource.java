package io.strategos.api.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.strategos.api.mapping.DeployRequest;
import io.strategos.api.mapping.ExecutionView;
import io.strategos.api.mapping.StrategyRequest;
import io.strategos.api.mapping.StrategyView;
import io.strategos.api.repository.ExecutionQueries;
import io.strategos.api.service.StrategyService;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.List;
import java.util.UUID;
import io.strategos.model.rest.Callers;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/strategies")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Strategies")
@SecurityRequirement(name = "jwt")
public class StrategyResource {

    private final StrategyService strategies;
    private final ExecutionQueries executions;
    private final JsonWebToken token;

    public StrategyResource(StrategyService strategies, ExecutionQueries executions, JsonWebToken token) {
        this.strategies = strategies;
        this.executions = executions;
        this.token = token;
    }

    @POST
    @Operation(summary = "Create a strategy (version 1, status draft)")
    public Uni<Response> create(StrategyRequest request, @Context UriInfo uri) {
        return strategies.create(Callers.id(token), request).map(view -> Response
                .created(uri.getAbsolutePathBuilder().path(view.id().toString()).build())
                .tag(etag(view))
                .entity(view)
                .build());
    }

    @GET
    @Operation(summary = "The caller's strategies, newest first")
    public Uni<List<StrategyView>> list(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return strategies.list(Callers.id(token), limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One strategy")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return strategies.get(Callers.id(token), id).map(view -> Response.ok(view).tag(etag(view)).build());
    }

    @POST
    @Path("/{id}/deploy")
    @Operation(summary = "Set schedule and trading settings; with autoStart the strategy starts running")
    public Uni<StrategyView> deploy(@PathParam("id") UUID id, DeployRequest request) {
        return strategies.deploy(Callers.id(token), id, request);
    }

    @GET
    @Path("/{id}/executions")
    @Operation(summary = "The strategy's runs, newest first")
    public Uni<List<ExecutionView>> executions(@PathParam("id") UUID id,
                                               @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        String owner = Callers.id(token);
        // The strategy lookup makes another user's strategy a 404 rather than an empty list.
        return strategies.get(owner, id).flatMap(ignored -> executions.listForStrategy(id, owner, limit));
    }

    private static EntityTag etag(StrategyView view) {
        return new EntityTag(Integer.toString(view.version()));
    }
}

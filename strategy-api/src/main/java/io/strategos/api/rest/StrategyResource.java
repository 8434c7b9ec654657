package io.strategos.api.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.strategos.api.domain.StrategyStatus;
import io.strategos.api.mapping.Page;
import io.strategos.api.mapping.StrategyRequest;
import io.strategos.api.mapping.StrategyView;
import io.strategos.api.mapping.VersionView;
import io.strategos.api.repository.StrategyQueries;
import io.strategos.api.service.IdempotentRequests;
import io.strategos.api.service.Preconditions;
import io.strategos.api.service.StrategyService;
import io.strategos.model.rest.Callers;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.util.UUID;

/** Strategy definitions: create, search, read, replace, delete, copy, favourite, versions. */
@Path("/api/v1/strategies")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Strategies")
@SecurityRequirement(name = "jwt")
public class StrategyResource {

    private final StrategyService strategies;
    private final IdempotentRequests idempotent;
    private final JsonWebToken token;

    public StrategyResource(StrategyService strategies, IdempotentRequests idempotent, JsonWebToken token) {
        this.strategies = strategies;
        this.idempotent = idempotent;
        this.token = token;
    }

    @POST
    @Operation(summary = "Create a strategy (version 1, status draft)")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag name it")
    @APIResponse(responseCode = "400", description = "Invalid body: every problem, each with a JSON pointer")
    @APIResponse(responseCode = "422", description = "Idempotency-Key already used for another request")
    public Uni<Response> create(StrategyRequest request, @Context UriInfo uri,
            @Parameter(name = IdempotentRequests.HEADER, description = IdempotencyKey.DESCRIPTION,
                    schema = @Schema(maxLength = 255)) @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        String caller = Callers.id(token);
        return idempotent.once(caller, idempotencyKey, "POST " + uri.getPath(), request,
                () -> strategies.create(caller, request).map(view -> CreatedStrategy.of(view, uri)));
    }

    @GET
    @Operation(summary = "Search the caller's strategies",
            description = "Archived strategies are left out unless archived=true or status=archived is asked for.")
    public Uni<Page<StrategyView>> list(
            @Parameter(description = "Full-text search over name and description (web search syntax)") @QueryParam("q") String q,
            @QueryParam("tag") String tag,
            @QueryParam("folder") String folder,
            @Parameter(schema = @Schema(enumeration = {"draft", "stopped", "running", "paused", "error", "completed", "archived"}))
            @QueryParam("status") String status,
            @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("favorite") String favorite,
            @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("archived") String archived,
            @Parameter(schema = @Schema(enumeration = {"created", "updated", "name"}, defaultValue = "created"))
            @QueryParam("sort") String sort,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50"))
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        String statusFilter = QueryParams.oneOf("status", status, QueryParams.names(StrategyStatus.values()));
        Boolean archivedFilter = QueryParams.bool("archived", archived);
        if (archivedFilter == null && statusFilter == null) {
            archivedFilter = false;
        }
        String sortBy = QueryParams.oneOf("sort", sort, QueryParams.names(StrategyQueries.Sort.values()));
        var filter = new StrategyQueries.Filter(QueryParams.text("q", q), QueryParams.text("tag", tag), QueryParams.text("folder", folder),
                statusFilter, QueryParams.bool("favorite", favorite), archivedFilter);
        return strategies.search(Callers.id(token), filter,
                sortBy == null ? StrategyQueries.Sort.CREATED : StrategyQueries.Sort.valueOf(sortBy.toUpperCase()),
                cursor, QueryParams.limit(limit));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One strategy; its ETag is its version",
            description = "With If-None-Match naming the current version, 304 and no body.")
    @APIResponse(responseCode = "304", description = "Not modified since the version in If-None-Match")
    public Uni<Response> get(@PathParam("id") UUID id, @Context Request request) {
        return strategies.get(Callers.id(token), id).map(view -> {
            Response.ResponseBuilder notModified = request.evaluatePreconditions(Preconditions.etag(view.version()));
            return notModified != null ? notModified.build() : withEtag(view);
        });
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace the definition, saved as the next version",
            description = "With If-Match, refused with 412 when the strategy is no longer at that version.")
    @APIResponse(responseCode = "412", description = "If-Match names a version that is no longer current")
    @APIResponse(responseCode = "409", description = "The strategy is archived")
    public Uni<Response> replace(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                 StrategyRequest request) {
        return strategies.replace(Callers.id(token), id, ifMatch, request).map(StrategyResource::withEtag);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete the strategy for good, with its versions, runs, watchlist and portfolio",
            description = "A running strategy must be stopped first (409). If-Match is honoured.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Response> delete(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return strategies.delete(Callers.id(token), id, ifMatch).map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/duplicate")
    @Operation(summary = "Copy the strategy's definition into a new draft")
    @APIResponse(responseCode = "201", description = "The copy")
    @APIResponse(responseCode = "422", description = "Idempotency-Key already used for another request")
    public Uni<Response> duplicate(@PathParam("id") UUID id, @Context UriInfo uri,
            @Parameter(name = IdempotentRequests.HEADER, description = IdempotencyKey.DESCRIPTION,
                    schema = @Schema(maxLength = 255)) @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        String caller = Callers.id(token);
        return idempotent.once(caller, idempotencyKey, "POST " + uri.getPath(), null,
                () -> strategies.duplicate(caller, id).map(view -> CreatedStrategy.of(view, uri)));
    }

    @PUT
    @Path("/{id}/favorite")
    @Operation(summary = "Star the strategy")
    @APIResponse(responseCode = "204", description = "Starred")
    public Uni<Response> star(@PathParam("id") UUID id) {
        return strategies.setFavorite(Callers.id(token), id, true).map(ignored -> Response.noContent().build());
    }

    @DELETE
    @Path("/{id}/favorite")
    @Operation(summary = "Unstar the strategy")
    @APIResponse(responseCode = "204", description = "Unstarred")
    public Uni<Response> unstar(@PathParam("id") UUID id) {
        return strategies.setFavorite(Callers.id(token), id, false).map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("/{id}/versions")
    @Operation(summary = "Version history, newest first (graphs left out)")
    public Uni<Page<VersionView>> versions(@PathParam("id") UUID id, @QueryParam("limit") String limit,
                                           @QueryParam("cursor") String cursor) {
        return strategies.versions(Callers.id(token), id, cursor, QueryParams.limit(limit));
    }

    @GET
    @Path("/{id}/versions/{version}")
    @Operation(summary = "One version with its graph")
    public Uni<VersionView> version(@PathParam("id") UUID id, @PathParam("version") int version) {
        return strategies.version(Callers.id(token), id, version);
    }

    @POST
    @Path("/{id}/versions/{version}/restore")
    @Operation(summary = "Make an old version current again, saved as a new version; If-Match is honoured")
    public Uni<Response> restore(@PathParam("id") UUID id, @PathParam("version") int version,
                                 @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return strategies.restore(Callers.id(token), id, version, ifMatch).map(StrategyResource::withEtag);
    }

    private static Response withEtag(StrategyView view) {
        return Response.ok(view).tag(Preconditions.etag(view.version())).build();
    }
}

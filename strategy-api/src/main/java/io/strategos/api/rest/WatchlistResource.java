package io.strategos.api.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.strategos.api.mapping.Page;
import io.strategos.api.mapping.WatchlistEntryView;
import io.strategos.api.mapping.WatchlistRequest;
import io.strategos.api.service.WatchlistService;
import io.strategos.model.rest.Callers;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A strategy's watched markets. */
@Path("/api/v1/strategies/{id}/watchlist")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Watchlist")
@SecurityRequirement(name = "jwt")
public class WatchlistResource {

    private final WatchlistService watchlist;
    private final JsonWebToken token;

    public WatchlistResource(WatchlistService watchlist, JsonWebToken token) {
        this.watchlist = watchlist;
        this.token = token;
    }

    @GET
    @Operation(summary = "Watched markets, newest first")
    public Uni<Page<WatchlistEntryView>> list(@PathParam("id") UUID id, @QueryParam("limit") String limit,
                                              @QueryParam("cursor") String cursor) {
        return watchlist.list(Callers.id(token), id, cursor, QueryParams.limit(limit));
    }

    @POST
    @Operation(summary = "Watch a market; a market already watched gives back its existing entry")
    @APIResponse(responseCode = "201", description = "Added")
    @APIResponse(responseCode = "200", description = "Already on the watchlist; the existing entry, unchanged")
    public Uni<Response> add(@PathParam("id") UUID id, WatchlistRequest request) {
        return watchlist.add(Callers.id(token), id, request)
                .map(added -> Response.status(added.created() ? 201 : 200).entity(added.entry()).build());
    }

    @DELETE
    @Path("/{marketId}")
    @Operation(summary = "Stop watching a market")
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Response> remove(@PathParam("id") UUID id, @PathParam("marketId") String marketId) {
        return watchlist.remove(Callers.id(token), id, marketId).map(ignored -> Response.noContent().build());
    }
}

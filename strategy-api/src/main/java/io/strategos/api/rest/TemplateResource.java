package io.strategos.api.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.strategos.api.mapping.Page;
import io.strategos.api.mapping.TemplateView;
import io.strategos.api.service.IdempotentRequests;
import io.strategos.api.service.TemplateService;
import io.strategos.model.rest.Callers;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.util.UUID;

/** Public templates, readable by every user; publishing is on the strategy (POST /strategies/{id}/publish). */
@Path("/api/v1/templates")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Templates")
@SecurityRequirement(name = "jwt")
public class TemplateResource {

    private final TemplateService templates;
    private final IdempotentRequests idempotent;
    private final JsonWebToken token;

    public TemplateResource(TemplateService templates, IdempotentRequests idempotent, JsonWebToken token) {
        this.templates = templates;
        this.idempotent = idempotent;
        this.token = token;
    }

    @GET
    @Operation(summary = "Public templates, most recently published first")
    public Uni<Page<TemplateView>> list(@QueryParam("q") String q, @QueryParam("tag") String tag,
                                        @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return templates.list(Callers.id(token), QueryParams.text("q", q), QueryParams.text("tag", tag), cursor, QueryParams.limit(limit));
    }

    @POST
    @Path("/{id}/copy")
    @Operation(summary = "Copy a template into a new draft strategy of the caller's")
    @APIResponse(responseCode = "201", description = "The new strategy")
@APIResponse(responseCode = "422", description = "Idempotency-Key already used for another request")
    public Uni<Response> copy(@PathParam("id") UUID id, @Context UriInfo uri,
            @Parameter(name = IdempotentRequests.HEADER, description = IdempotencyKey.DESCRIPTION,
                    schema = @Schema(maxLength = 255)) @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        String caller = Callers.id(token);
        return idempotent.once(caller, idempotencyKey, "POST " + uri.getPath(), null,
                () -> templates.copy(caller, id).map(view -> CreatedStrategy.of(view, uri)));
    }
}

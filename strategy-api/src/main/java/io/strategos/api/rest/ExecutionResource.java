package io.strategos.api.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.strategos.api.mapping.ExecutionView;
import io.strategos.api.repository.ExecutionQueries;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import io.strategos.model.rest.Callers;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/executions")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Executions")
@SecurityRequirement(name = "jwt")
public class ExecutionResource {

    private final ExecutionQueries executions;
    private final JsonWebToken token;

    public ExecutionResource(ExecutionQueries executions, JsonWebToken token) {
        this.executions = executions;
        this.token = token;
    }

    @GET
    @Path("/{executionId}")
    @Operation(summary = "One run with its node logs in run order")
    public Uni<ExecutionView> get(@PathParam("executionId") UUID executionId) {
        return executions.find(executionId, Callers.id(token)).onItem().ifNull()
                .failWith(() -> new NotFoundException("no execution " + executionId));
    }
}

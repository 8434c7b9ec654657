package io.strategos.api.rest;

import io.quarkus.security.Authenticated;
import io.strategos.api.mapping.NodeTypeView;
import io.strategos.model.graph.NodeConfigSchemas;
import io.strategos.model.graph.NodeType;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The node catalog the builder offers, with the JSON Schema each type's config must satisfy. */
@Path("/api/v1/node-types")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Node catalog")
@SecurityRequirement(name = "jwt")
public class NodeTypeResource {

    private static final List<NodeTypeView> CATALOG = Arrays.stream(NodeType.values())
            .map(t -> new NodeTypeView(t.wireName(), t.description(), t.isSource(), NodeConfigSchemas.schemaOf(t)))
            .toList();

    @GET
    @Operation(summary = "Every node type, with its config JSON Schema (draft 2020-12)")
    public List<NodeTypeView> list() {
        return CATALOG;
    }
}

package io.strategos.api.rest;

import io.strategos.api.mapping.StrategyView;
import io.strategos.api.service.Preconditions;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The answer to every request that makes a new strategy (create, duplicate, copy a template): 201, Location and ETag. */
final class CreatedStrategy {

    private CreatedStrategy() {
    }

    static Response of(StrategyView view, UriInfo uri) {
        return Response.created(uri.getBaseUriBuilder().path("api/v1/strategies").path(view.id().toString()).build())
                .tag(Preconditions.etag(view.version()))
                .entity(view)
                .build();
    }
}

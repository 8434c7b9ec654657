package io.strategos.executor.market;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Polymarket's public Gamma markets API (read-only, no authentication). Markets come back as raw
 * JSON because the API mixes types; {@link GammaMarketParser} reads them tolerantly.
 */
@RegisterRestClient(configKey = "gamma")
@Path("/markets")
@Produces(MediaType.APPLICATION_JSON)
public interface GammaClient {

    /** Active, open markets, most traded in the last 24 hours first; {@code limit} at most 100. */
    @GET
    JsonNode markets(@QueryParam("limit") int limit,
                     @QueryParam("offset") int offset,
                     @QueryParam("active") boolean active,
                     @QueryParam("closed") boolean closed,
                     @QueryParam("order") String order,
                     @QueryParam("ascending") boolean ascending);
}

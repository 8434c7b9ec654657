package io.strategos.api.service;

import io.smallrye.mutiny.Uni;
import io.strategos.model.lab.TestRunReport;
import io.strategos.model.lab.TestRunRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** executor-worker's internal test-run endpoint; its URL is {@code strategos.lab.executor-url}. */
@RegisterRestClient(configKey = "executor-lab")
@Path("/internal/v1/test-runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ExecutorLabClient {

    /** The header executor-worker checks against the token both services share. */
    String TOKEN_HEADER = "X-Strategos-Internal-Token";

    @POST
    Uni<TestRunReport> run(@HeaderParam(TOKEN_HEADER) String token, TestRunRequest request);
}

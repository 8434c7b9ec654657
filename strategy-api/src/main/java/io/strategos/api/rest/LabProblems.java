package io.strategos.api.rest;

import io.strategos.api.service.RetryLaterException;
import io.strategos.model.rest.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A request refused for now: problem+json with {@code Retry-After}. */
public class LabProblems {

    @ServerExceptionMapper
    public Response retryLater(RetryLaterException e) {
        String title = e.status() == 429 ? "Too Many Requests" : "Service Unavailable";
        return Response.fromResponse(Problem.response(e.status(), title, e.getMessage(), null))
                .header("Retry-After", Long.toString(e.retryAfterSeconds())).build();
    }
}

package io.strategos.model.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.strategos.model.FieldError;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every error into {@code application/problem+json}. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e) {
        String title = e.status() == 422 ? "Unprocessable Content" : "Bad Request";
        return Problem.response(e.status(), title, e.errors().size() + " problem(s) with the request", e.errors());
    }

    @ServerExceptionMapper
    public Response stateConflict(StateConflictException e) {
        return Problem.response(409, "Conflict", e.getMessage(), null);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized() {
        return Response.fromResponse(Problem.response(Response.Status.UNAUTHORIZED,
                        "a valid bearer token is required (missing, malformed, expired or not issued for Strategos)"))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response contentTooLarge(ContentTooLargeException e, RoutingContext context) {
        BodySizeLimit.closeAfterResponse(context);
        return Problem.response(413, "Content Too Large", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        return Problem.response(400, "Bad Request", "the body is not valid JSON: " + e.getOriginalMessage(),
                List.of(new FieldError("", e.getOriginalMessage())));
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return wrongShape(e);
    }

    @ServerExceptionMapper
    public Response unmappableJson(JsonMappingException e) {
        return wrongShape(e);
    }

    private static Response wrongShape(JsonMappingException e) {
        String pointer = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : Integer.toString(ref.getIndex()))
                .collect(Collectors.joining("/", "/", ""));
        return Problem.response(400, "Bad Request", "a field has the wrong type or value",
                List.of(new FieldError(pointer, e.getOriginalMessage())));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        // Quarkus REST wraps a body it cannot parse in a plain 400; say what is wrong with it.
        if (e.getCause() instanceof JsonParseException malformed) {
            return malformedJson(malformed);
        }
        Response original = e.getResponse();
        if (original.hasEntity() && Problem.MEDIA_TYPE.isCompatible(original.getMediaType())) {
            return original;
        }
        Response.StatusType status = original.getStatusInfo();
        return Problem.response(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected error", e);
        return Problem.response(Response.Status.INTERNAL_SERVER_ERROR, "an unexpected error occurred; it has been logged");
    }
}

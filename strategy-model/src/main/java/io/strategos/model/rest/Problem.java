package io.strategos.model.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.strategos.model.FieldError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem detail; {@code errors} names each offending field by JSON pointer.
 *
 * <p>Registered for reflection, with {@link FieldError}: the exception mappers hand it to Jackson as a
 * {@link Response} entity, which appears in no resource method's signature, so Quarkus would not
 * register it and a native image would not keep the accessors Jackson writes it with.
 */
@RegisterForReflection(targets = {Problem.class, FieldError.class})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

    public static Response response(Response.Status status, String detail) {
        return response(status.getStatusCode(), status.getReasonPhrase(), detail, null);
    }

    public static Response response(int status, String title, String detail, List<FieldError> errors) {
        return Response.status(status)
                .type(MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, errors))
                .build();
    }
}

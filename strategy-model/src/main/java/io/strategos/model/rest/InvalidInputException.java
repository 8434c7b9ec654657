package io.strategos.model.rest;

import io.strategos.model.FieldError;
import java.util.List;

/** The request is well-formed JSON but its content is wrong: 400, or 422 where it is understood but refused. */
public class InvalidInputException extends RuntimeException {

    private final int status;
    private final List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        this(400, errors);
    }

    public InvalidInputException(int status, List<FieldError> errors) {
        super(errors.isEmpty() ? "invalid input" : errors.getFirst().pointer() + ": " + errors.getFirst().message());
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }
}

package io.strategos.api.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strategos.model.rest.InvalidInputException;
import io.strategos.model.rest.StorableText;
import io.strategos.model.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs Bean Validation on a request body, looks for text PostgreSQL cannot store anywhere in it, and adds
 * the domain checks the caller supplies, so that a client gets every problem in one answer, each located
 * by a JSON pointer.
 */
@ApplicationScoped
public class RequestValidator {

    private final Validator validator;
    private final ObjectMapper json;

    public RequestValidator(Validator validator, ObjectMapper json) {
        this.validator = validator;
        this.json = json;
    }

    /** @throws InvalidInputException listing every problem, when there is any */
    public void check(Object body, List<FieldError> domainErrors) {
        if (body == null) {
            throw new InvalidInputException(List.of(new FieldError("", "a JSON body is required")));
        }
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<Object> violation : validator.validate(body)) {
            errors.add(new FieldError(pointer(violation.getPropertyPath()), violation.getMessage()));
        }
        // The body as the client sent it, so that the pointers are those of its fields.
        errors.addAll(StorableText.nulCharacters(json.valueToTree(body), ""));
        errors.sort(Comparator.comparing(FieldError::pointer));
        errors.addAll(domainErrors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static String pointer(Path path) {
        StringBuilder pointer = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getName() != null && !node.getName().startsWith("<")) {
                pointer.append('/').append(node.getName());
            }
            if (node.getIndex() != null) {
                pointer.append('/').append(node.getIndex());
            }
        }
        return pointer.toString();
    }
}

package io.strategos.api.rest;

import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The authenticated user: the token's {@code sub}, an opaque id of 1 to 128 characters. */
@RequestScoped
public class Caller {

    static final int MAX_ID_LENGTH = 128;

    private final JsonWebToken token;

    public Caller(JsonWebToken token) {
        this.token = token;
    }

    public String id() {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank() || subject.length() > MAX_ID_LENGTH) {
            throw new UnauthorizedException("the token's sub must be 1 to 128 characters");
        }
        return subject;
    }
}

package io.strategos.model.rest;

import io.quarkus.security.UnauthorizedException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: the bearer token's {@code sub}, an opaque user id of 1 to 128 characters. */
public final class Callers {

    public static final int MAX_ID_LENGTH = 128;

    private Callers() {
    }

    /** @throws UnauthorizedException when the token has no usable subject */
    public static String id(JsonWebToken token) {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank() || subject.length() > MAX_ID_LENGTH) {
            throw new UnauthorizedException("the token's sub must be 1 to 128 characters");
        }
        return subject;
    }
}

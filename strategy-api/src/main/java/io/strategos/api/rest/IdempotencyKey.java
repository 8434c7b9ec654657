package io.strategos.api.rest;

/** The OpenAPI description of the Idempotency-Key header, shared by the endpoints that take it. */
final class IdempotencyKey {

    static final String DESCRIPTION = "Makes the request safe to retry: a retry with the same key and the same body "
            + "within 24 hours answers as the first request did (status, body, Location, ETag) and does nothing "
            + "again; the same key with another request is 422. Keys are per user. 1 to 255 printable ASCII "
            + "characters without spaces, such as a UUID.";

    private IdempotencyKey() {
    }
}

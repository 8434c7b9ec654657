package io.strategos.api.mapping;

import io.strategos.model.FieldError;
import io.strategos.model.rest.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A keyset position: the sort key and the id of the last row of a page. Opaque to clients
 * (base64url); the next page starts strictly after it, so rows inserted or deleted meanwhile never
 * shift a page the way an offset would.
 */
public record Cursor(String key, UUID id) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public String encode() {
        return ENCODER.encodeToString((id + "|" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** @return the cursor, or null for the first page */
    public static Cursor decode(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            String decoded = new String(DECODER.decode(text), StandardCharsets.UTF_8);
            int bar = decoded.indexOf('|');
            return new Cursor(decoded.substring(bar + 1), UUID.fromString(decoded.substring(0, bar)));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw invalid();
        }
    }

    /** The problem of a cursor that is not one this API returned (query parameter {@code cursor}). */
    public static InvalidInputException invalid() {
        return new InvalidInputException(List.of(new FieldError("cursor", "not a cursor this API returned")));
    }
}

package io.strategos.api.mapping;

import io.strategos.model.FieldError;
import io.strategos.model.rest.InvalidInputException;
import io.strategos.model.rest.StorableText;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A keyset position: the sort key and the id of the last row of a page. Opaque to clients
 * (base64url); the next page starts strictly after it, so rows inserted or deleted meanwhile never
 * shift a page the way an offset would.
 */
public record Cursor(String key, UUID id) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** A timestamptz as PostgreSQL writes it as text (DateStyle ISO): the key of every list ordered by a time. */
    private static final DateTimeFormatter TIMESTAMPTZ = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendOffset("+HH:mm", "+00")
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

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
            String key = decoded.substring(bar + 1);
            if (!StorableText.isStorable(key)) {
                throw invalid();
            }
            return new Cursor(key, UUID.fromString(decoded.substring(0, bar)));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw invalid();
        }
    }

    /**
     * The cursor of a list ordered by a time, or null for the first page. Its key goes back to PostgreSQL as a
     * timestamptz, so a key that is none (a made-up cursor, or one from a list ordered by name) is refused here
     * as the client's error rather than failing the query.
     */
    public static Cursor decodeTimed(String text) {
        Cursor cursor = decode(text);
        if (cursor != null) {
            OffsetDateTime time;
            try {
                time = OffsetDateTime.parse(cursor.key(), TIMESTAMPTZ);
            } catch (DateTimeParseException e) {
                throw invalid();
            }
            // PostgreSQL has no year 0 and takes offsets below 16 hours; the keys it writes are years 1 to 9999.
            if (time.getYear() < 1 || time.getYear() > 9999 || Math.abs(time.getOffset().getTotalSeconds()) >= 16 * 3600) {
                throw invalid();
            }
        }
        return cursor;
    }

    /** The problem of a cursor that is not one this API returned (query parameter {@code cursor}). */
    public static InvalidInputException invalid() {
        return new InvalidInputException(List.of(new FieldError("cursor", "not a cursor this API returned")));
    }
}

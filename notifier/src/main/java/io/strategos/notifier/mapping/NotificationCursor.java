package io.strategos.notifier.mapping;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of notifications ended: the last one's (created_at, id), the list's sort key. Opaque
 * to clients. Rows inserted meanwhile are newer, so they never shift the pages that follow.
 */
public record NotificationCursor(OffsetDateTime createdAt, UUID id) {

    public static NotificationCursor after(NotificationView last) {
        return new NotificationCursor(last.createdAt(), last.id());
    }

    public String encode() {
        Instant at = createdAt.toInstant();
        // PostgreSQL keeps microseconds; so does the cursor, so that it points exactly at its row.
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when {@code value} is not a cursor this API gave out */
    public static NotificationCursor decode(String value) {
        String decoded = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
        int separator = decoded.indexOf('|');
        if (separator < 0) {
            throw new IllegalArgumentException("not a cursor");
        }
        long micros = Long.parseLong(decoded.substring(0, separator));
        Instant at = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
        return new NotificationCursor(at.atOffset(ZoneOffset.UTC), UUID.fromString(decoded.substring(separator + 1)));
    }
}

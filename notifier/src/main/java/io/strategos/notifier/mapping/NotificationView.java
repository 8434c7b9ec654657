package io.strategos.notifier.mapping;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A notification as the API returns it. {@code count} is how many times it occurred: repeats of a type
 * for a strategy within the collapse window add to it, and {@code lastOccurredAt} is the latest.
 * {@code silent}: it arrived during the user's quiet hours, and is not to be announced.
 */
public record NotificationView(
        UUID id,
        String type,
        String title,
        String message,
        String priority,
        UUID strategyId,
        UUID executionId,
        boolean read,
        boolean silent,
        int count,
        OffsetDateTime createdAt,
        OffsetDateTime lastOccurredAt) {
}

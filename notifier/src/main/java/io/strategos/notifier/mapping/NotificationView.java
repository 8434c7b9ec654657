package io.strategos.notifier.mapping;

import java.time.Instant;
import java.util.UUID;

/** A notification as the API returns it. */
public record NotificationView(
        UUID id,
        String type,
        String title,
        String message,
        String priority,
        UUID strategyId,
        UUID executionId,
        boolean read,
        Instant createdAt) {
}

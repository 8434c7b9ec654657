package io.strategos.api.mapping;

import java.time.Instant;

/** One change of a strategy's status. */
public record TransitionView(String action, String fromStatus, String toStatus, Instant occurredAt) {
}

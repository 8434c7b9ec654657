package io.strategos.api.mapping;

import java.time.Instant;
import java.util.UUID;

/** A run-now request, queued for executor-worker; the execution will have {@code executionId}. */
public record RunAccepted(UUID executionId, UUID strategyId, Instant requestedAt) {
}

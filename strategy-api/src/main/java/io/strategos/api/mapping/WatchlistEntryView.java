package io.strategos.api.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** A watched market; {@code addedByExecutionId} is null when it was added by hand. */
public record WatchlistEntryView(UUID id, String marketId, String reason, JsonNode metadata, Instant addedAt,
                                 UUID addedByExecutionId) {
}

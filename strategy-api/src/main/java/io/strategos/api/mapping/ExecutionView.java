package io.strategos.api.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One run of a strategy; {@code nodes} is filled in when a single execution is read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutionView(
        UUID id,
        UUID strategyId,
        int strategyVersion,
        String trigger,
        String status,
        Instant scheduledFor,
        Instant startedAt,
        Instant completedAt,
        long durationMs,
        int nodesExecuted,
        String error,
        List<NodeLog> nodes) {

    public record NodeLog(int seq, String nodeId, String nodeType, String status, JsonNode output, String error,
                          Instant startedAt, Instant completedAt, long durationMs) {
    }
}

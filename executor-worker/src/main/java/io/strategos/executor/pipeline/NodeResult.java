package io.strategos.executor.pipeline;

import java.time.Instant;

/** How one node of a run went: one entry of its execution's node_logs. */
public record NodeResult(
        int seq,
        String nodeId,
        String nodeType,
        Status status,
        NodeSummary output,
        String error,
        Instant startedAt,
        Instant completedAt) {

    public enum Status {
        SUCCESS, ERROR, SKIPPED;

        public String dbValue() {
            return name().toLowerCase();
        }
    }

    public long durationMs() {
        return completedAt.toEpochMilli() - startedAt.toEpochMilli();
    }
}

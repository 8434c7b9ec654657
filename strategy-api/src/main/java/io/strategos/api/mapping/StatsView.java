package io.strategos.api.mapping;

import java.time.Instant;
import java.util.List;

/** Run statistics of a strategy over all its recorded executions, and per node. */
public record StatsView(
        long totalExecutions,
        long successful,
        long failed,
        long skipped,
        Double successRate,
        Double avgDurationMs,
        Double p95DurationMs,
        Instant lastRunAt,
        Instant nextRunAt,
        List<NodeStats> nodes) {

    public record NodeStats(String nodeId, String nodeType, long runs, long errors, Double errorRate,
                            Double avgDurationMs, Double p95DurationMs) {
    }
}

package io.strategos.api.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A strategy as the API returns it. */
public record StrategyView(
        UUID id,
        String name,
        String description,
        List<String> tags,
        String folder,
        boolean favorite,
        boolean archived,
        int version,
        String status,
        JsonNode graph,
        Deployment deployment,
        RunStats stats,
        Instant nextExecutionAt,
        Integer publishedVersion,
        Instant createdAt,
        Instant updatedAt) {

    public record Deployment(JsonNode schedule, String tradingMode, BigDecimal paperBankrollUsd, String misfirePolicy,
                             int jitterSeconds, int autoPauseAfterConsecutiveErrors, Long maxExecutions, Instant expiresAt,
                             BigDecimal maxDrawdownPct, JsonNode triggerCondition, Instant deployedAt) {
    }

    public record RunStats(long totalExecutions, long successfulExecutions, long failedExecutions, int consecutiveErrors,
                           Double avgDurationMs, Instant lastExecutedAt) {
    }
}

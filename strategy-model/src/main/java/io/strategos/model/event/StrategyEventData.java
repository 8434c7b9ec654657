package io.strategos.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * The payload of every strategy event. {@code userId} is the strategy's owner, whom notifications
 * go to; fields that do not apply to an event type are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StrategyEventData(
        String userId,
        UUID strategyId,
        String strategyName,
        UUID executionId,
        String status,
        Long durationMs,
        String message) {

    public StrategyEventData {
        if (userId == null || strategyId == null) {
            throw new IllegalArgumentException("userId and strategyId are required");
        }
    }
}

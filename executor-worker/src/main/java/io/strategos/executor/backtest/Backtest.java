package io.strategos.executor.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.strategos.model.graph.StrategyGraph;
import io.strategos.model.schedule.Schedule;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A backtest as claimed: the strategy version to replay, over which slots, with which paper-trading
 * settings ({@code feeBps} and {@code slippageBps} null for the executor's own), and where it stopped
 * last ({@code nextSlot} and {@code checkpoint} null when it starts afresh).
 */
public record Backtest(UUID id, String ownerId, UUID strategyId, int strategyVersion, String strategyName, StrategyGraph graph,
                       Instant from, Instant to, Schedule schedule, Settings settings, Instant nextSlot,
                       BacktestState checkpoint) {

    /** The settings strategy-api stored with the request (the deployment's where the request said nothing). */
    public record Settings(BigDecimal paperBankrollUsd, Integer feeBps, Integer slippageBps, BigDecimal maxDrawdownPct,
                           JsonNode triggerCondition) {

        public Settings {
            // Stored as JSON null when the deployment has none: a NullNode, which is not "no condition" to the pipeline.
            triggerCondition = triggerCondition == null || triggerCondition.isNull() ? null : triggerCondition;
        }
    }
}

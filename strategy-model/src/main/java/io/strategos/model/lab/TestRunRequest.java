package io.strategos.model.lab;

import com.fasterxml.jackson.databind.JsonNode;
import io.strategos.model.graph.StrategyGraph;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * What strategy-api asks executor-worker to run once, never recorded (POST /internal/v1/test-runs).
 * strategy-api has validated the graph and checked that the caller owns the strategy.
 *
 * @param strategyId       the saved strategy, whose paper account the orchestrator reads (read only); null for
 *                         an unsaved graph, which then starts from an empty account
 * @param paperBankrollUsd the deployment's bankroll, or the lab's default
 * @param maxDrawdownPct   the deployment's drawdown kill switch, or null
 * @param triggerCondition the deployment's trigger condition, or null
 */
public record TestRunRequest(String ownerId, UUID strategyId, int strategyVersion, String strategyName,
                             StrategyGraph graph, BigDecimal paperBankrollUsd, BigDecimal maxDrawdownPct,
                             JsonNode triggerCondition) {

    public TestRunRequest {
        // JSON null arrives as a NullNode, which is not "no condition" to the pipeline.
        triggerCondition = triggerCondition == null || triggerCondition.isNull() ? null : triggerCondition;
    }
}

package io.strategos.executor.claim;

import io.strategos.model.graph.StrategyGraph;
import io.strategos.model.schedule.Jitter;
import io.strategos.model.schedule.MisfirePolicy;
import io.strategos.model.schedule.Schedule;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A strategy this worker has leased to run for one slot, or for a manual run request. */
public record ClaimedRun(
        UUID strategyId,
        String ownerId,
        String strategyName,
        int strategyVersion,
        StrategyGraph graph,
        Schedule schedule,
        MisfirePolicy misfirePolicy,
        int jitterSeconds,
        BigDecimal paperBankrollUsd,
        BigDecimal maxDrawdownPct,
        JsonNode triggerCondition,
        Instant scheduledFor,
        UUID requestedExecutionId) {

    /** Manual runs ("run now" through the API) arrive with their execution id already given out. */
    public boolean isManual() {
        return requestedExecutionId != null;
    }

    /** What started the run, as executions record it: manual, or the schedule's type. */
    public String trigger() {
        return isManual() ? "manual" : schedule.trigger();
    }

    /** The slot after this one, shifted by the strategy's jitter like every slot of it. */
    public Optional<Instant> nextSlot(Instant now) {
        return new Jitter(jitterSeconds).slotAfter(schedule, strategyId, scheduledFor, now, misfirePolicy);
    }
}

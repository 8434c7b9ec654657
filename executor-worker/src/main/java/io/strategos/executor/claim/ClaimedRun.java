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

/**
 * A strategy this worker has leased to run for one slot, or for a manual run request. The execution
 * id is given out at the claim: a manual run's came with its request, a scheduled run's is a new
 * time-ordered UUIDv7.
 */
public record ClaimedRun(
        UUID executionId,
        boolean manual,
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
        Standing standing) {

    /** A manual run, "run now" through the API, outside the schedule. */
    public boolean isManual() {
        return manual;
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

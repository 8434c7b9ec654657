package io.strategos.executor.claim;

import io.strategos.model.graph.StrategyGraph;
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

    /**
     * The slot after this one. Jitter shifts every slot of a strategy by the same offset (derived
     * from its id), so strategies sharing a cron spread out while each keeps its own rhythm.
     */
    public Optional<Instant> nextSlot(Instant now) {
        long offset = jitterSeconds == 0 ? 0 : Math.floorMod(strategyId.hashCode(), jitterSeconds + 1);
        return schedule.slotAfter(scheduledFor.minusSeconds(offset), now.minusSeconds(offset), misfirePolicy)
                .map(slot -> slot.plusSeconds(offset));
    }
}

package io.strategos.executor.claim;

import io.strategos.model.graph.StrategyGraph;
import io.strategos.model.schedule.MisfirePolicy;
import io.strategos.model.schedule.Schedule;
import java.time.Instant;
import java.util.UUID;

/** A strategy this worker has leased to run for one slot. */
public record ClaimedRun(
        UUID strategyId,
        String ownerId,
        String strategyName,
        int strategyVersion,
        StrategyGraph graph,
        Schedule schedule,
        MisfirePolicy misfirePolicy,
        Instant scheduledFor) {
}

package io.strategos.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.strategos.api.mapping.RunAccepted;
import io.strategos.model.event.StrategyEvent;
import io.strategos.model.event.StrategyEventData;
import io.strategos.model.schedule.CronSchedule;
import io.strategos.model.schedule.IntervalSchedule;
import io.strategos.model.schedule.OnceSchedule;

/**
 * Types Jackson reads or writes outside REST signatures (outbox events, stored schedules, and the
 * run-now answer, which goes out as a {@code Response} entity), which a native image would otherwise
 * not keep the reflection data of. Types in resource method signatures Quarkus registers itself.
 */
@RegisterForReflection(targets = {StrategyEvent.class, StrategyEventData.class, CronSchedule.class,
        IntervalSchedule.class, OnceSchedule.class, RunAccepted.class})
public final class ReflectionConfig {

    private ReflectionConfig() {
    }
}

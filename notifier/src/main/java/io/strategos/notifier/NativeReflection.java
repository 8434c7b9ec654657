package io.strategos.notifier;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.strategos.model.event.StrategyEvent;
import io.strategos.model.event.StrategyEventData;

/** The event contract Jackson reads from Kafka, registered so a native image keeps it. */
@RegisterForReflection(targets = {StrategyEvent.class, StrategyEventData.class})
final class NativeReflection {

    private NativeReflection() {
    }
}

package io.strategos.notifier.service;

import io.strategos.model.event.EventType;
import io.strategos.model.event.StrategyEvent;

/** A strategy event read from Kafka and understood: its type is one notifier knows. */
public record ConsumedEvent(StrategyEvent event, EventType type) {

    public String id() {
        return event.id();
    }
}

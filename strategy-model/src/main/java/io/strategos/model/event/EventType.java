package io.strategos.model.event;

import java.util.Arrays;
import java.util.Optional;

/**
 * What happened to a strategy. The CloudEvents {@code type} attribute is {@code strategos.} plus the
 * name, e.g. {@code strategos.execution_completed}; the name is also the notification type.
 */
public enum EventType {
    STRATEGY_STARTED("strategy_started"),
    STRATEGY_PAUSED("strategy_paused"),
    STRATEGY_STOPPED("strategy_stopped"),
    STRATEGY_ERROR("strategy_error"),
    WATCHLIST_UPDATED("watchlist_updated"),
    EXECUTION_COMPLETED("execution_completed"),
    EXECUTION_FAILED("execution_failed"),
    CUSTOM("custom");

    private static final String PREFIX = "strategos.";

    private final String typeName;

    EventType(String typeName) {
        this.typeName = typeName;
    }

    /** The snake_case name, as notification preferences and the API use it. */
    public String typeName() {
        return typeName;
    }

    public String cloudEventType() {
        return PREFIX + typeName;
    }

    public static Optional<EventType> fromCloudEventType(String type) {
        if (type == null || !type.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return fromTypeName(type.substring(PREFIX.length()));
    }

    public static Optional<EventType> fromTypeName(String name) {
        return Arrays.stream(values()).filter(t -> t.typeName.equals(name)).findFirst();
    }
}

package io.strategos.api.domain;

import io.strategos.model.event.EventType;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A state change a user asks for. The state machine:
 *
 * <pre>
 *   draft ──deploy──► stopped ──start──► running ──pause──► paused ──resume──► running
 *                        ▲                 │  │                │
 *                        └──────stop───────┘  └──(executor)──► error / completed
 *   error ──resume/start──► running;  error, paused ──stop──► stopped;  completed ──start──► running
 *   draft, stopped, paused, error, completed ──archive──► archived ──unarchive──► stopped (draft if never deployed)
 * </pre>
 *
 * Anything else is refused with 409 and the current state. Deploying is not an action here: it is
 * allowed in every state but archived, and may start the strategy.
 */
public enum Action {
    START(EnumSet.of(StrategyStatus.STOPPED, StrategyStatus.ERROR, StrategyStatus.COMPLETED), EventType.STRATEGY_STARTED),
    PAUSE(EnumSet.of(StrategyStatus.RUNNING), EventType.STRATEGY_PAUSED),
    RESUME(EnumSet.of(StrategyStatus.PAUSED, StrategyStatus.ERROR), EventType.STRATEGY_STARTED),
    STOP(EnumSet.of(StrategyStatus.RUNNING, StrategyStatus.PAUSED, StrategyStatus.ERROR), EventType.STRATEGY_STOPPED),
    ARCHIVE(EnumSet.of(StrategyStatus.DRAFT, StrategyStatus.STOPPED, StrategyStatus.PAUSED, StrategyStatus.ERROR,
            StrategyStatus.COMPLETED), null),
    UNARCHIVE(EnumSet.of(StrategyStatus.ARCHIVED), null);

    private final Set<StrategyStatus> allowedFrom;
    private final EventType event;

    Action(Set<StrategyStatus> allowedFrom, EventType event) {
        this.allowedFrom = allowedFrom;
        this.event = event;
    }

    public boolean allowedFrom(StrategyStatus status) {
        return allowedFrom.contains(status);
    }

    /** @param deployed whether the strategy has deployment settings */
    public StrategyStatus target(boolean deployed) {
        return switch (this) {
            case START, RESUME -> StrategyStatus.RUNNING;
            case PAUSE -> StrategyStatus.PAUSED;
            case STOP -> StrategyStatus.STOPPED;
            case ARCHIVE -> StrategyStatus.ARCHIVED;
            case UNARCHIVE -> deployed ? StrategyStatus.STOPPED : StrategyStatus.DRAFT;
        };
    }

    /** The event the change emits; archiving and unarchiving emit none. */
    public Optional<EventType> event() {
        return Optional.ofNullable(event);
    }

    public String wire() {
        return name().toLowerCase();
    }
}

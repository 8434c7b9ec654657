package io.strategos.api.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a strategy is in its life. executor-worker moves a running strategy to {@code error}
 * (after too many consecutive failures) or {@code completed} (its schedule or limits are used up);
 * every other move is one of {@link Action}, made through the API.
 */
public enum StrategyStatus {
    DRAFT, STOPPED, RUNNING, PAUSED, ERROR, COMPLETED, ARCHIVED;

    /** The name stored in {@code strategies.status} and returned by the API. */
    public String wire() {
        return name().toLowerCase();
    }

    public static Optional<StrategyStatus> fromWire(String status) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(status)).findFirst();
    }
}

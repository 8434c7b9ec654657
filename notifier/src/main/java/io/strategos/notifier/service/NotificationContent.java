package io.strategos.notifier.service;

import io.strategos.model.event.EventType;
import io.strategos.model.event.StrategyEventData;

/** What a notification says, derived from the event that caused it. */
public record NotificationContent(String title, String message, Priority priority) {

    public enum Priority {
        LOW, NORMAL, HIGH, URGENT;

        public String dbValue() {
            return name().toLowerCase();
        }
    }

    public static NotificationContent of(EventType type, StrategyEventData data) {
        String name = data.strategyName() == null ? "your strategy" : "\"" + data.strategyName() + "\"";
        String detail = data.message() == null ? "" : ": " + data.message();
        return switch (type) {
            case STRATEGY_STARTED -> new NotificationContent("Strategy started", name + " is running.", Priority.NORMAL);
            case STRATEGY_PAUSED -> new NotificationContent("Strategy paused", name + " is paused" + detail + ".", Priority.NORMAL);
            case STRATEGY_STOPPED -> new NotificationContent("Strategy stopped", name + " has stopped" + detail + ".", Priority.NORMAL);
            case STRATEGY_ERROR -> new NotificationContent("Strategy needs attention", name + " was paused" + detail, Priority.URGENT);
            case WATCHLIST_UPDATED -> new NotificationContent("Watchlist updated", name + " added markets to its watchlist" + detail + ".", Priority.LOW);
            case EXECUTION_COMPLETED -> new NotificationContent("Run completed", name + " ran successfully"
                    + (data.durationMs() == null ? "" : " in " + data.durationMs() + " ms") + ".", Priority.LOW);
            case EXECUTION_FAILED -> new NotificationContent("Run failed", name + " failed" + detail, Priority.HIGH);
            case CUSTOM -> new NotificationContent("Message from " + name, data.message() == null ? "" : data.message(), Priority.NORMAL);
        };
    }
}

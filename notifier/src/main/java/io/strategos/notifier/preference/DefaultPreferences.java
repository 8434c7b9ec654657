package io.strategos.notifier.preference;

import io.strategos.model.event.EventType;

/**
 * What a user who has set nothing for a type gets. Everything is on and in-app, where repeats
 * collapse into one notification per strategy and collapse window, so a strategy running every
 * minute adds at most one unread notification per type and window. Only {@code strategy_error} (a
 * strategy auto-paused and needing its owner) is also emailed, when the user has given an address.
 * Quiet hours are off until a user sets them.
 */
public final class DefaultPreferences {

    private static final TypePreference IN_APP = new TypePreference(true, DeliveryMethod.IN_APP, false, null);
    private static final TypePreference IN_APP_AND_EMAIL = new TypePreference(true, DeliveryMethod.BOTH, false, null);

    private DefaultPreferences() {
    }

    public static TypePreference of(EventType type) {
        return type == EventType.STRATEGY_ERROR ? IN_APP_AND_EMAIL : IN_APP;
    }
}

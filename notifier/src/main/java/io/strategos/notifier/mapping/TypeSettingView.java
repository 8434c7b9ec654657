package io.strategos.notifier.mapping;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.strategos.model.event.EventType;
import io.strategos.notifier.preference.QuietHours;
import io.strategos.notifier.preference.TypePreference;

/** One notification type's setting, as set or by default. */
@RegisterForReflection
public record TypeSettingView(String type, boolean enabled, String deliveryMethod, QuietHoursBody quietHours) {

    public static TypeSettingView of(EventType type, TypePreference preference) {
        QuietHours window = preference.quietHours();
        return new TypeSettingView(type.typeName(), preference.enabled(), preference.deliveryMethod().value(),
                new QuietHoursBody(preference.quietHoursEnabled(),
                        window == null ? null : window.start().toString(), window == null ? null : window.end().toString()));
    }
}

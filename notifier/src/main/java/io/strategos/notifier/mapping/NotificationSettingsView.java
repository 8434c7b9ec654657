package io.strategos.notifier.mapping;

import io.strategos.model.event.EventType;
import io.strategos.notifier.preference.Profile;
import io.strategos.notifier.preference.TypePreference;
import java.util.List;
import java.util.Map;

/** Everything a user can set about notifications, defaults filled in. */
public record NotificationSettingsView(String timeZone, String email, List<TypeSettingView> types) {

    public static NotificationSettingsView of(Profile profile, Map<EventType, TypePreference> settings) {
        return new NotificationSettingsView(profile.timeZone().getId(), profile.email(),
                settings.entrySet().stream().map(e -> TypeSettingView.of(e.getKey(), e.getValue())).toList());
    }
}

package io.strategos.notifier.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strategos.model.FieldError;
import io.strategos.model.rest.InvalidInputException;
import io.strategos.notifier.mapping.ProfileBody;
import io.strategos.notifier.mapping.QuietHoursBody;
import io.strategos.notifier.mapping.TypeSettingRequest;
import io.strategos.notifier.preference.DeliveryMethod;
import io.strategos.notifier.preference.Profile;
import io.strategos.notifier.preference.QuietHours;
import io.strategos.notifier.preference.TypePreference;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SettingsValidatorTest {

    private static String[] pointers(Runnable call) {
        try {
            call.run();
        } catch (InvalidInputException e) {
            return e.errors().stream().map(FieldError::pointer).toArray(String[]::new);
        }
        throw new AssertionError("expected invalid input");
    }

    @Test
    void aValidSettingBecomesAPreference() {
        TypePreference preference = SettingsValidator.typePreference(
                new TypeSettingRequest(true, "both", new QuietHoursBody(true, "22:00", "07:30")));
        assertThat(preference).isEqualTo(new TypePreference(true, DeliveryMethod.BOTH, true,
                new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 30))));
    }

    @Test
    void quietHoursMayBeLeftOutOrDisabledWithoutTimes() {
        assertThat(SettingsValidator.typePreference(new TypeSettingRequest(false, "in_app", null)).activeQuietHours()).isNull();
        assertThat(SettingsValidator.typePreference(new TypeSettingRequest(true, "email", new QuietHoursBody(false, null, null)))
                .quietHoursEnabled()).isFalse();
    }

    @Test
    void everyProblemIsNamed() {
        assertThat(pointers(() -> SettingsValidator.typePreference(new TypeSettingRequest(null, null, null))))
                .containsExactly("/enabled", "/deliveryMethod");
        assertThat(pointers(() -> SettingsValidator.typePreference(new TypeSettingRequest(true, "sms", null))))
                .containsExactly("/deliveryMethod");
        assertThat(pointers(() -> SettingsValidator.typePreference(
                new TypeSettingRequest(true, "in_app", new QuietHoursBody(true, "25:00", "7pm")))))
                .containsExactly("/quietHours/start", "/quietHours/end");
        assertThat(pointers(() -> SettingsValidator.typePreference(
                new TypeSettingRequest(true, "in_app", new QuietHoursBody(true, null, null)))))
                .containsExactly("/quietHours/start", "/quietHours/end");
        assertThat(pointers(() -> SettingsValidator.typePreference(
                new TypeSettingRequest(true, "in_app", new QuietHoursBody(true, "22:00", "22:00")))))
                .containsExactly("/quietHours/end");
        assertThat(pointers(() -> SettingsValidator.typePreference(
                new TypeSettingRequest(true, "in_app", new QuietHoursBody(null, "22:00", "06:00")))))
                .containsExactly("/quietHours/enabled");
        assertThat(pointers(() -> SettingsValidator.typePreference(null))).containsExactly("");
    }

    @Test
    void aProfileNeedsAnIanaZoneAndAtMostAPlausibleAddress() {
        assertThat(SettingsValidator.profile(new ProfileBody("America/New_York", " bob@example.com ")))
                .isEqualTo(new Profile(ZoneId.of("America/New_York"), "bob@example.com"));
        assertThat(SettingsValidator.profile(new ProfileBody("UTC", null))).isEqualTo(new Profile(ZoneId.of("UTC"), null));
        assertThat(SettingsValidator.profile(new ProfileBody("UTC", "")).email()).isNull();
        assertThat(pointers(() -> SettingsValidator.profile(new ProfileBody("Mars/Olympus", "bob")))).containsExactly("/timeZone", "/email");
        assertThat(pointers(() -> SettingsValidator.profile(new ProfileBody("+02:00", "bob@localhost")))).containsExactly("/timeZone", "/email");
        assertThat(pointers(() -> SettingsValidator.profile(new ProfileBody(null, "a@b@example.com")))).containsExactly("/timeZone", "/email");
        assertThatThrownBy(() -> SettingsValidator.profile(null)).isInstanceOf(InvalidInputException.class);
    }
}

package io.strategos.notifier.service;

import io.strategos.model.FieldError;
import io.strategos.model.rest.InvalidInputException;
import io.strategos.model.rest.StorableText;
import io.strategos.notifier.mapping.ProfileBody;
import io.strategos.notifier.mapping.QuietHoursBody;
import io.strategos.notifier.mapping.TypeSettingRequest;
import io.strategos.notifier.preference.DeliveryMethod;
import io.strategos.notifier.preference.Profile;
import io.strategos.notifier.preference.QuietHours;
import io.strategos.notifier.preference.TypePreference;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns settings requests into preferences, reporting every problem at once by JSON pointer. */
public final class SettingsValidator {

    // Deliberately loose (a local part, an @, a dotted domain): the SMTP server is the real judge.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final int MAX_EMAIL_LENGTH = 254;
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private SettingsValidator() {
    }

    /** @throws InvalidInputException naming each invalid field */
    public static TypePreference typePreference(TypeSettingRequest request) {
        if (request == null) {
            throw new InvalidInputException(List.of(new FieldError("", "a JSON body is required")));
        }
        List<FieldError> errors = new ArrayList<>();
        if (request.enabled() == null) {
            errors.add(new FieldError("/enabled", "is required (true or false)"));
        }
        DeliveryMethod method = null;
        if (request.deliveryMethod() == null) {
            errors.add(new FieldError("/deliveryMethod", "is required (in_app, email or both)"));
        } else {
            method = DeliveryMethod.fromValue(request.deliveryMethod()).orElse(null);
            if (method == null) {
                errors.add(new FieldError("/deliveryMethod", "must be in_app, email or both"));
            }
        }
        QuietHoursBody quiet = request.quietHours();
        boolean quietEnabled = quiet != null && Boolean.TRUE.equals(quiet.enabled());
        QuietHours window = null;
        if (quiet != null) {
            if (quiet.enabled() == null) {
                errors.add(new FieldError("/quietHours/enabled", "is required (true or false)"));
            }
            LocalTime start = time(quiet.start(), "/quietHours/start", quietEnabled, errors);
            LocalTime end = time(quiet.end(), "/quietHours/end", quietEnabled, errors);
            if (start != null && end != null) {
                if (start.equals(end)) {
                    errors.add(new FieldError("/quietHours/end", "must differ from start"));
                } else {
                    window = new QuietHours(start, end);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new TypePreference(request.enabled(), method, quietEnabled, window);
    }

    /** @throws InvalidInputException naming each invalid field */
    public static Profile profile(ProfileBody request) {
        if (request == null) {
            throw new InvalidInputException(List.of(new FieldError("", "a JSON body is required")));
        }
        List<FieldError> errors = new ArrayList<>();
        if (request.timeZone() == null || !ZONES.contains(request.timeZone())) {
            errors.add(new FieldError("/timeZone", "must be an IANA time zone, such as Europe/Berlin or UTC"));
        }
        String email = request.email() == null || request.email().isBlank() ? null : request.email().strip();
        if (!StorableText.isStorable(email)) {
            errors.add(new FieldError("/email", StorableText.NUL_MESSAGE));
        } else if (email != null && (email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email).matches())) {
            errors.add(new FieldError("/email", "must be an email address, or null for none"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Profile(ZoneId.of(request.timeZone()), email);
    }

    private static LocalTime time(String value, String pointer, boolean required, List<FieldError> errors) {
        if (value == null) {
            if (required) {
                errors.add(new FieldError(pointer, "is required when quiet hours are enabled (HH:mm)"));
            }
            return null;
        }
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(pointer, "must be a time of day, HH:mm"));
            return null;
        }
    }
}

package io.strategos.notifier.preference;

import java.util.Arrays;
import java.util.Optional;

/** Where a notification type is delivered. */
public enum DeliveryMethod {
    IN_APP("in_app"),
    EMAIL("email"),
    BOTH("both");

    private final String value;

    DeliveryMethod(String value) {
        this.value = value;
    }

    /** The name the API and the database use. */
    public String value() {
        return value;
    }

    public boolean includesInApp() {
        return this != EMAIL;
    }

    public boolean includesEmail() {
        return this != IN_APP;
    }

    public static Optional<DeliveryMethod> fromValue(String value) {
        return Arrays.stream(values()).filter(m -> m.value.equals(value)).findFirst();
    }
}

package io.strategos.notifier.preference;

import java.time.ZoneId;

/**
 * Per user: the zone quiet hours are evaluated in, and where emails go.
 *
 * @param email null when the user has given none; then nothing is emailed
 */
public record Profile(ZoneId timeZone, String email) {

    /** A user who has set nothing. */
    public static final Profile DEFAULT = new Profile(ZoneId.of("UTC"), null);

    public Profile {
        if (timeZone == null) {
            throw new IllegalArgumentException("a time zone is required");
        }
    }

    public boolean hasEmail() {
        return email != null;
    }
}

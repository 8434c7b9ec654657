package io.strategos.notifier.mapping;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.strategos.notifier.preference.Profile;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A user's IANA time zone, for quiet hours, and email address; email null means no emails. */
@RegisterForReflection
@Schema(example = "{\"timeZone\": \"Europe/Berlin\", \"email\": \"alice@example.com\"}")
public record ProfileBody(String timeZone, String email) {

    public static ProfileBody of(Profile profile) {
        return new ProfileBody(profile.timeZone().getId(), profile.email());
    }
}

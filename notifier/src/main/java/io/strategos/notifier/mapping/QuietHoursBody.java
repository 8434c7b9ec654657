package io.strategos.notifier.mapping;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Quiet hours as the API reads and writes them: wall-clock times in the user's zone, "HH:mm". */
@RegisterForReflection
@Schema(description = "A daily window in the user's time zone; end before start crosses midnight",
        example = "{\"enabled\": true, \"start\": \"22:00\", \"end\": \"07:00\"}")
public record QuietHoursBody(Boolean enabled, String start, String end) {
}

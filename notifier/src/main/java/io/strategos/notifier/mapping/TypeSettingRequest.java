package io.strategos.notifier.mapping;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A user's whole setting for one notification type; quietHours left out means none. */
@Schema(example = """
        {"enabled": true, "deliveryMethod": "both", "quietHours": {"enabled": true, "start": "22:00", "end": "07:00"}}""")
public record TypeSettingRequest(Boolean enabled, String deliveryMethod, QuietHoursBody quietHours) {
}

package io.strategos.notifier.delivery;

import io.strategos.notifier.delivery.DeliveryPlan.Email;
import io.strategos.notifier.preference.DeliveryMethod;
import io.strategos.notifier.preference.Profile;
import io.strategos.notifier.preference.QuietHours;
import io.strategos.notifier.preference.TypePreference;
import io.strategos.notifier.service.NotificationContent.Priority;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides, from a user's preference for a type and their profile, how a notification of a given
 * priority reaches them at a given instant. Messages are held, never dropped, for quiet hours.
 */
public final class DeliveryPlanner {

    private DeliveryPlanner() {
    }

    public static DeliveryPlan plan(TypePreference preference, Profile profile, Priority priority, Instant now) {
        if (!preference.enabled()) {
            return DeliveryPlan.NOTHING;
        }
        DeliveryMethod method = preference.deliveryMethod();
        boolean email = method.includesEmail() && profile.hasEmail();
        // Email-only without an address would lose the message; it is kept in-app instead.
        boolean inApp = method.includesInApp() || !email;
        Optional<Instant> quietUntil = quietUntil(preference.activeQuietHours(), profile, priority, now);
        return new DeliveryPlan(inApp, inApp && quietUntil.isPresent(),
                !email ? Email.NONE : quietUntil.isPresent() ? Email.HOLD : Email.SEND_NOW,
                email ? quietUntil.orElse(null) : null);
    }

    private static Optional<Instant> quietUntil(QuietHours quietHours, Profile profile, Priority priority, Instant now) {
        if (quietHours == null || priority == Priority.URGENT) {
            return Optional.empty();
        }
        return quietHours.endIfInside(now, profile.timeZone());
    }
}

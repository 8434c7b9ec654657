package io.strategos.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.strategos.model.event.EventType;
import io.strategos.notifier.delivery.DeliveryPlan.Email;
import io.strategos.notifier.preference.DefaultPreferences;
import io.strategos.notifier.preference.DeliveryMethod;
import io.strategos.notifier.preference.Profile;
import io.strategos.notifier.preference.QuietHours;
import io.strategos.notifier.preference.TypePreference;
import io.strategos.notifier.service.NotificationContent.Priority;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DeliveryPlannerTest {

    private static final QuietHours NIGHT = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));
    private static final Profile BERLIN_WITH_EMAIL = new Profile(ZoneId.of("Europe/Berlin"), "alice@example.com");
    private static final Profile BERLIN_WITHOUT_EMAIL = new Profile(ZoneId.of("Europe/Berlin"), null);
    // 23:00 in Berlin; the night ends at 06:00Z.
    private static final Instant NIGHT_TIME = Instant.parse("2026-01-15T22:00:00Z");
    private static final Instant NIGHT_END = Instant.parse("2026-01-16T06:00:00Z");
    private static final Instant DAY_TIME = Instant.parse("2026-01-15T12:00:00Z");

    private static TypePreference preference(DeliveryMethod method, boolean quietHours) {
        return new TypePreference(true, method, quietHours, NIGHT);
    }

    @Test
    void aDisabledTypeDeliversNothing() {
        DeliveryPlan plan = DeliveryPlanner.plan(new TypePreference(false, DeliveryMethod.BOTH, false, null),
                BERLIN_WITH_EMAIL, Priority.URGENT, DAY_TIME);
        assertThat(plan).isEqualTo(DeliveryPlan.NOTHING);
    }

    @Test
    void outsideQuietHoursEverythingGoesNow() {
        DeliveryPlan plan = DeliveryPlanner.plan(preference(DeliveryMethod.BOTH, true), BERLIN_WITH_EMAIL, Priority.NORMAL, DAY_TIME);
        assertThat(plan).isEqualTo(new DeliveryPlan(true, false, Email.SEND_NOW, null));
    }

    @Test
    void duringQuietHoursInAppIsSilentAndEmailIsHeldUntilTheyEnd() {
        DeliveryPlan plan = DeliveryPlanner.plan(preference(DeliveryMethod.BOTH, true), BERLIN_WITH_EMAIL, Priority.HIGH, NIGHT_TIME);
        assertThat(plan).isEqualTo(new DeliveryPlan(true, true, Email.HOLD, NIGHT_END));
    }

    @Test
    void urgentBypassesQuietHours() {
        DeliveryPlan plan = DeliveryPlanner.plan(preference(DeliveryMethod.BOTH, true), BERLIN_WITH_EMAIL, Priority.URGENT, NIGHT_TIME);
        assertThat(plan).isEqualTo(new DeliveryPlan(true, false, Email.SEND_NOW, null));
    }

    @Test
    void disabledQuietHoursKeepTheirWindowButHoldNothing() {
        DeliveryPlan plan = DeliveryPlanner.plan(preference(DeliveryMethod.EMAIL, false), BERLIN_WITH_EMAIL, Priority.LOW, NIGHT_TIME);
        assertThat(plan).isEqualTo(new DeliveryPlan(false, false, Email.SEND_NOW, null));
    }

    @Test
    void emailOnlyWithoutAnAddressIsKeptInApp() {
        DeliveryPlan plan = DeliveryPlanner.plan(preference(DeliveryMethod.EMAIL, true), BERLIN_WITHOUT_EMAIL, Priority.NORMAL, NIGHT_TIME);
        assertThat(plan).isEqualTo(new DeliveryPlan(true, true, Email.NONE, null));
    }

    @Test
    void bothWithoutAnAddressIsInAppOnly() {
        DeliveryPlan plan = DeliveryPlanner.plan(preference(DeliveryMethod.BOTH, false), BERLIN_WITHOUT_EMAIL, Priority.NORMAL, DAY_TIME);
        assertThat(plan).isEqualTo(new DeliveryPlan(true, false, Email.NONE, null));
    }

    @Test
    void aUserWhoSetNothingGetsEverythingInAppAndOnlyErrorsByEmail() {
        for (EventType type : EventType.values()) {
            DeliveryPlan plan = DeliveryPlanner.plan(DefaultPreferences.of(type), BERLIN_WITH_EMAIL, Priority.NORMAL, NIGHT_TIME);
            assertThat(plan.inApp()).as(type.typeName()).isTrue();
            assertThat(plan.silent()).as(type.typeName()).isFalse();
            assertThat(plan.email()).as(type.typeName()).isEqualTo(type == EventType.STRATEGY_ERROR ? Email.SEND_NOW : Email.NONE);
        }
    }
}

package io.strategos.notifier.delivery;

import java.time.Instant;

/**
 * How one event reaches its recipient.
 *
 * @param inApp       store an in-app notification
 * @param silent      it arrives during quiet hours: stored, but not to be announced
 * @param email       whether and when to email
 * @param emailHeldUntil for {@link Email#HOLD}, when the quiet hours end; otherwise null
 */
public record DeliveryPlan(boolean inApp, boolean silent, Email email, Instant emailHeldUntil) {

    public static final DeliveryPlan NOTHING = new DeliveryPlan(false, false, Email.NONE, null);

    public enum Email {
        NONE, SEND_NOW, HOLD
    }
}

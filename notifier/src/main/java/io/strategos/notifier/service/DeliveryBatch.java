package io.strategos.notifier.service;

import io.strategos.model.event.StrategyEventData;
import io.strategos.notifier.delivery.DeliveryPlan;
import io.strategos.notifier.delivery.DeliveryPlanner;
import io.strategos.notifier.repository.EmailDeliveryRepository.NewEmail;
import io.strategos.notifier.repository.NotificationRepository.NewNotification;
import io.strategos.notifier.repository.PreferenceRepository.Recipient;
import io.strategos.notifier.repository.PreferenceRepository.RecipientKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a batch of new events creates, decided per event by its recipient's preferences, with the
 * same outcome as applying the events one by one: repeats of a type for a strategy fold into one
 * notification with a count, and only the first of them may be emailed. The database then folds each
 * result into a recent notification or email of the same kind, if there is one.
 */
public record DeliveryBatch(List<NewNotification> notifications, List<NewEmail> emails) {

    /**
     * @param events     new events, in the order they were consumed
     * @param recipients each event's recipient, by (user, type)
     * @param now        when the batch is applied; the events are stamped a microsecond apart from it,
     *                   so that lists, newest first, show them in the order they happened
     */
    public static DeliveryBatch plan(List<ConsumedEvent> events, Map<RecipientKey, Recipient> recipients, Instant now) {
        Map<CollapseKey, NewNotification> notifications = new LinkedHashMap<>();
        Map<CollapseKey, NewEmail> emails = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            ConsumedEvent consumed = events.get(i);
            StrategyEventData data = consumed.event().data();
            Recipient recipient = recipients.get(new RecipientKey(data.userId(), consumed.type()));
            NotificationContent content = NotificationContent.of(consumed.type(), data);
            DeliveryPlan plan = DeliveryPlanner.plan(recipient.preference(), recipient.profile(), content.priority(), now);
            OffsetDateTime at = now.plus(i, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
            CollapseKey key = new CollapseKey(data.userId(), data.strategyId(), consumed.type().typeName());
            if (plan.inApp()) {
                NewNotification notification = new NewNotification(UUID.randomUUID(), data.userId(), key.type(), content.title(),
                        content.message(), content.priority().dbValue(), data.strategyId(), data.executionId(), consumed.id(),
                        at, at, 1, plan.silent());
                notifications.merge(key, notification, NewNotification::repeatedBy);
            }
            if (plan.email() != DeliveryPlan.Email.NONE) {
                boolean held = plan.email() == DeliveryPlan.Email.HOLD;
                emails.putIfAbsent(key, new NewEmail(UUID.randomUUID(), data.userId(), key.type(), data.strategyId(),
                        content.title(), content.message(), consumed.id(), held,
                        held ? plan.emailHeldUntil().atOffset(ZoneOffset.UTC) : null, at));
            }
        }
        return new DeliveryBatch(new ArrayList<>(notifications.values()), new ArrayList<>(emails.values()));
    }

    private record CollapseKey(String userId, UUID strategyId, String type) {
    }
}

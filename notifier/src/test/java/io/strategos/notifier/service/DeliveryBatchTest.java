package io.strategos.notifier.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.strategos.model.event.EventType;
import io.strategos.model.event.StrategyEvent;
import io.strategos.model.event.StrategyEventData;
import io.strategos.notifier.preference.DeliveryMethod;
import io.strategos.notifier.preference.Profile;
import io.strategos.notifier.preference.TypePreference;
import io.strategos.notifier.repository.EmailDeliveryRepository.NewEmail;
import io.strategos.notifier.repository.NotificationRepository.NewNotification;
import io.strategos.notifier.repository.PreferenceRepository.Recipient;
import io.strategos.notifier.repository.PreferenceRepository.RecipientKey;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeliveryBatchTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Recipient IN_APP_AND_EMAIL = new Recipient(new TypePreference(true, DeliveryMethod.BOTH, false, null),
            new Profile(ZoneId.of("Europe/Berlin"), "alice@example.com"));
    private static final Recipient DISABLED = new Recipient(new TypePreference(false, DeliveryMethod.BOTH, false, null),
            Profile.DEFAULT);

    private final UUID strategy = UUID.randomUUID();

    private static ConsumedEvent event(EventType type, UUID strategy, String message) {
        StrategyEventData data = new StrategyEventData("alice", strategy, "Momentum", UUID.randomUUID(), "failed", 5L, message);
        return new ConsumedEvent(StrategyEvent.of(type, "/test", NOW, data), type);
    }

    private static Map<RecipientKey, Recipient> alice(EventType type, Recipient recipient) {
        return Map.of(new RecipientKey("alice", type), recipient);
    }

    @Test
    void repeatsOfATypeForAStrategyFoldIntoOneNotificationAndOneEmail() {
        List<ConsumedEvent> events = List.of(event(EventType.EXECUTION_FAILED, strategy, "timeout"),
                event(EventType.EXECUTION_FAILED, strategy, "market closed"),
                event(EventType.EXECUTION_FAILED, strategy, "rate limited"));

        DeliveryBatch batch = DeliveryBatch.plan(events, alice(EventType.EXECUTION_FAILED, IN_APP_AND_EMAIL), NOW);

        assertThat(batch.notifications()).hasSize(1);
        NewNotification folded = batch.notifications().getFirst();
        assertThat(folded.occurrences()).isEqualTo(3);
        assertThat(folded.sourceEventId()).isEqualTo(events.get(0).id());
        assertThat(folded.message()).contains("rate limited");
        assertThat(folded.executionId()).isEqualTo(events.get(2).event().data().executionId());
        assertThat(folded.createdAt()).isEqualTo(NOW.atOffset(ZoneOffset.UTC));
        assertThat(folded.lastOccurredAt()).isEqualTo(NOW.plusNanos(2_000).atOffset(ZoneOffset.UTC));

        assertThat(batch.emails()).singleElement().satisfies(email -> {
            assertThat(email.sourceEventId()).isEqualTo(events.get(0).id());
            assertThat(email.body()).contains("timeout");
            assertThat(email.held()).isFalse();
        });
    }

    @Test
    void otherStrategiesAndTypesStaySeparateInConsumedOrder() {
        UUID other = UUID.randomUUID();
        List<ConsumedEvent> events = List.of(event(EventType.EXECUTION_FAILED, strategy, "a"),
                event(EventType.EXECUTION_FAILED, other, "b"),
                event(EventType.STRATEGY_ERROR, strategy, "c"));
        Map<RecipientKey, Recipient> recipients = Map.of(new RecipientKey("alice", EventType.EXECUTION_FAILED), IN_APP_AND_EMAIL,
                new RecipientKey("alice", EventType.STRATEGY_ERROR), IN_APP_AND_EMAIL);

        DeliveryBatch batch = DeliveryBatch.plan(events, recipients, NOW);

        assertThat(batch.notifications()).extracting(NewNotification::sourceEventId)
                .containsExactly(events.get(0).id(), events.get(1).id(), events.get(2).id());
        assertThat(batch.notifications()).extracting(NewNotification::createdAt).isSorted().doesNotHaveDuplicates();
        assertThat(batch.notifications()).extracting(NewNotification::priority).containsExactly("high", "high", "urgent");
        assertThat(batch.emails()).extracting(NewEmail::sourceEventId)
                .containsExactly(events.get(0).id(), events.get(1).id(), events.get(2).id());
    }

    @Test
    void aDisabledTypeCreatesNothing() {
        DeliveryBatch batch = DeliveryBatch.plan(List.of(event(EventType.EXECUTION_COMPLETED, strategy, "ok")),
                alice(EventType.EXECUTION_COMPLETED, DISABLED), NOW);

        assertThat(batch.notifications()).isEmpty();
        assertThat(batch.emails()).isEmpty();
    }
}

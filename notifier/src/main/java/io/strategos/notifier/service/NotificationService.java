package io.strategos.notifier.service;

import io.smallrye.mutiny.Uni;
import io.strategos.notifier.config.NotifierConfig;
import io.strategos.notifier.repository.EmailDeliveryRepository;
import io.strategos.notifier.repository.NotificationRepository;
import io.strategos.notifier.repository.PreferenceRepository;
import io.strategos.notifier.repository.PreferenceRepository.RecipientKey;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Applies strategy events: each at most once, according to its recipient's preferences. */
@ApplicationScoped
public class NotificationService {

    private final NotificationRepository notifications;
    private final PreferenceRepository preferences;
    private final EmailDeliveryRepository emails;
    private final Duration collapseWindow;
    private final Clock clock;

    public NotificationService(NotificationRepository notifications, PreferenceRepository preferences,
                               EmailDeliveryRepository emails, NotifierConfig config, Clock clock) {
        this.notifications = notifications;
        this.preferences = preferences;
        this.emails = emails;
        this.collapseWindow = config.collapseWindow();
        this.clock = clock;
    }

    /**
     * Applies a batch of events in one transaction: what they create (notifications, occurrences added
     * to recent ones, emails to send) and the record that they were processed commit together, so a
     * redelivered event finds itself processed and changes nothing. A few statements serve the whole
     * batch, whatever its size.
     *
     * @return the events that were new; the rest had been applied before
     */
    public Uni<List<ConsumedEvent>> apply(List<ConsumedEvent> batch) {
        // A producer retry can put one event in a batch twice; the first copy counts.
        Map<String, ConsumedEvent> byId = new LinkedHashMap<>();
        batch.forEach(event -> byId.putIfAbsent(event.id(), event));
        List<String> ids = List.copyOf(byId.keySet());
        return notifications.pool().withTransaction(tx -> notifications.findProcessed(tx, ids).flatMap(processed -> {
            List<ConsumedEvent> fresh = byId.values().stream().filter(event -> !processed.contains(event.id())).toList();
            return fresh.isEmpty() ? Uni.createFrom().item(fresh) : deliver(tx, fresh).replaceWith(fresh);
        }));
    }

    private Uni<Void> deliver(SqlClient tx, List<ConsumedEvent> events) {
        // PostgreSQL keeps microseconds; truncating here keeps what is stored equal to what was decided.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        OffsetDateTime collapseSince = now.minus(collapseWindow).atOffset(ZoneOffset.UTC);
        Set<RecipientKey> recipients = new LinkedHashSet<>();
        events.forEach(event -> recipients.add(new RecipientKey(event.event().data().userId(), event.type())));
        return preferences.findForDelivery(tx, recipients).flatMap(found -> {
            DeliveryBatch delivery = DeliveryBatch.plan(events, found, now);
            Set<String> changed = new LinkedHashSet<>();
            delivery.notifications().forEach(notification -> changed.add(notification.userId()));
            return notifications.insertOrCollapse(tx, delivery.notifications(), collapseSince)
                    .flatMap(ignored -> notifications.announce(tx, changed))
                    .flatMap(ignored -> emails.insertUnlessCollapsed(tx, delivery.emails(), collapseSince))
                    .flatMap(ignored -> notifications.markProcessed(tx, events));
        });
    }
}

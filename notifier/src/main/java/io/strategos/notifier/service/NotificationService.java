package io.strategos.notifier.service;

import io.smallrye.mutiny.Uni;
import io.strategos.model.event.EventType;
import io.strategos.model.event.StrategyEvent;
import io.strategos.model.event.StrategyEventData;
import io.strategos.notifier.repository.NotificationRepository;
import io.strategos.notifier.repository.NotificationRepository.NewNotification;
import io.strategos.notifier.repository.PreferenceRepository;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Applies strategy events: each at most once, according to the recipient's preferences. */
@ApplicationScoped
public class NotificationService {

    private static final Logger LOG = Logger.getLogger(NotificationService.class);

    private final NotificationRepository notifications;
    private final PreferenceRepository preferences;
    private final Clock clock = Clock.systemUTC();

    public NotificationService(NotificationRepository notifications, PreferenceRepository preferences) {
        this.notifications = notifications;
        this.preferences = preferences;
    }

    /**
     * Records the event as processed and creates what it calls for, in one transaction: a
     * redelivered event finds itself processed and changes nothing.
     */
    public Uni<Void> apply(StrategyEvent event, EventType type) {
        return notifications.pool().withTransaction(tx -> notifications.markProcessed(tx, event.id(), type.typeName())
                .flatMap(isNew -> {
                    if (!isNew) {
                        LOG.debugf("event %s was applied before; ignoring the redelivery", event.id());
                        return Uni.createFrom().voidItem();
                    }
                    return notify(tx, event, type);
                }));
    }

    private Uni<Void> notify(SqlClient tx, StrategyEvent event, EventType type) {
        StrategyEventData data = event.data();
        return preferences.find(tx, data.userId(), type.typeName()).flatMap(preference -> {
            if (!preference.inApp()) {
                return Uni.createFrom().voidItem();
            }
            NotificationContent content = NotificationContent.of(type, data);
            return notifications.insert(tx, new NewNotification(UUID.randomUUID(), data.userId(), type.typeName(),
                    content.title(), content.message(), content.priority().dbValue(), data.strategyId(),
                    data.executionId(), event.id(), clock.instant().atOffset(ZoneOffset.UTC)));
        });
    }
}

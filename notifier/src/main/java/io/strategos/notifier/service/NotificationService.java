package io.strategos.notifier.service;

import io.smallrye.mutiny.Uni;
import io.strategos.model.event.EventType;
import io.strategos.model.event.StrategyEvent;
import io.strategos.model.event.StrategyEventData;
import io.strategos.notifier.config.NotifierConfig;
import io.strategos.notifier.delivery.DeliveryPlan;
import io.strategos.notifier.delivery.DeliveryPlanner;
import io.strategos.notifier.repository.EmailDeliveryRepository;
import io.strategos.notifier.repository.EmailDeliveryRepository.NewEmail;
import io.strategos.notifier.repository.NotificationRepository;
import io.strategos.notifier.repository.NotificationRepository.NewNotification;
import io.strategos.notifier.repository.PreferenceRepository;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Applies strategy events: each at most once, according to the recipient's preferences. */
@ApplicationScoped
public class NotificationService {

    private static final Logger LOG = Logger.getLogger(NotificationService.class);

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
     * Records the event as processed and creates what it calls for (a notification, or an occurrence
     * added to a recent one, and an email to send) in one transaction: a redelivered event finds itself
     * processed and changes nothing.
     */
    /** @return false when the event had been applied before (a redelivery), true otherwise */
    public Uni<Boolean> apply(StrategyEvent event, EventType type) {
        return notifications.pool().withTransaction(tx -> notifications.markProcessed(tx, event.id(), type.typeName())
                .flatMap(isNew -> {
                    if (!isNew) {
                        LOG.debugf("event %s was applied before; ignoring the redelivery", event.id());
                        return Uni.createFrom().item(false);
                    }
                    return deliver(tx, event, type).replaceWith(true);
                }));
    }

    private Uni<Void> deliver(SqlClient tx, StrategyEvent event, EventType type) {
        StrategyEventData data = event.data();
        // PostgreSQL keeps microseconds; truncating here keeps what is stored equal to what was decided.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        NotificationContent content = NotificationContent.of(type, data);
        return preferences.findForDelivery(tx, data.userId(), type).flatMap(recipient -> {
            DeliveryPlan plan = DeliveryPlanner.plan(recipient.preference(), recipient.profile(), content.priority(), now);
            return storeInApp(tx, event, type, content, plan, now).flatMap(ignored -> writeEmail(tx, event, type, content, plan, now));
        });
    }

    private Uni<Void> storeInApp(SqlClient tx, StrategyEvent event, EventType type, NotificationContent content,
                                 DeliveryPlan plan, Instant now) {
        if (!plan.inApp()) {
            return Uni.createFrom().voidItem();
        }
        StrategyEventData data = event.data();
        NewNotification notification = new NewNotification(UUID.randomUUID(), data.userId(), type.typeName(), content.title(),
                content.message(), content.priority().dbValue(), data.strategyId(), data.executionId(), event.id(),
                utc(now), plan.silent());
        return notifications.insertOrCollapse(tx, notification, utc(now.minus(collapseWindow))).replaceWithVoid();
    }

    private Uni<Void> writeEmail(SqlClient tx, StrategyEvent event, EventType type, NotificationContent content,
                                 DeliveryPlan plan, Instant now) {
        if (plan.email() == DeliveryPlan.Email.NONE) {
            return Uni.createFrom().voidItem();
        }
        StrategyEventData data = event.data();
        boolean held = plan.email() == DeliveryPlan.Email.HOLD;
        NewEmail email = new NewEmail(UUID.randomUUID(), data.userId(), type.typeName(), data.strategyId(), content.title(),
                content.message(), event.id(), held, held ? utc(plan.emailHeldUntil()) : null, utc(now));
        return emails.insertUnlessCollapsed(tx, email, utc(now.minus(collapseWindow))).replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

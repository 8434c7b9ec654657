package io.strategos.notifier.consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.strategos.model.event.EventType;
import io.strategos.model.event.StrategyEvent;
import io.strategos.notifier.service.NotificationService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code strategy-events}. The offset of an event is committed only after the transaction
 * that applied it; an event that cannot be understood fails here and goes to the dead-letter topic
 * (see application.properties) while consumption carries on.
 */
@ApplicationScoped
public class StrategyEventConsumer {

    private static final Logger LOG = Logger.getLogger(StrategyEventConsumer.class);
    private static final Duration RETRY_FIRST_DELAY = Duration.ofMillis(200);
    private static final Duration RETRY_MAX_DELAY = Duration.ofSeconds(10);

    private final ObjectMapper json;
    private final NotificationService notifications;

    private final Counter applied;
    private final Counter duplicates;
    private final Counter deadLettered;

    public StrategyEventConsumer(ObjectMapper json, NotificationService notifications, MeterRegistry registry) {
        this.json = json;
        this.notifications = notifications;
        // strategos_notifier_events_total{outcome}: what became of each consumed event.
        this.applied = outcome(registry, "applied");
        this.duplicates = outcome(registry, "duplicate");
        this.deadLettered = outcome(registry, "dead_lettered");
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("strategos.notifier.events").tag("outcome", outcome)
                .description("Consumed strategy events, by what became of them").register(registry);
    }

    @Incoming("strategy-events")
    public Uni<Void> consume(String payload) {
        StrategyEvent event;
        try {
            event = json.readValue(payload, StrategyEvent.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return poison("not a Strategos CloudEvent: " + e.getMessage());
        }
        if (event.id() == null || event.data() == null || !StrategyEvent.SPEC_VERSION.equals(event.specversion())) {
            return poison("missing id, data or specversion 1.0");
        }
        EventType type = EventType.fromCloudEventType(event.type()).orElse(null);
        if (type == null) {
            return poison("unknown event type '" + event.type() + "'");
        }
        // A failure here is the database's, not the event's: retry, holding the partition, so nothing
        // is skipped and the strategy's events stay in order.
        return notifications.apply(event, type)
                .invoke(isNew -> (isNew ? applied : duplicates).increment())
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("applying event %s failed, retrying: %s", event.id(), e.getMessage()))
                .onFailure().retry().withBackOff(RETRY_FIRST_DELAY, RETRY_MAX_DELAY).indefinitely();
    }

    private Uni<Void> poison(String reason) {
        deadLettered.increment();
        return Uni.createFrom().failure(new PoisonEventException(reason));
    }

    /** An event no retry can fix. */
    public static class PoisonEventException extends RuntimeException {
        public PoisonEventException(String message) {
            super(message);
        }
    }
}

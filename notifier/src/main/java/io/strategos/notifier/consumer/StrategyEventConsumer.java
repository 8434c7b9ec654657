package io.strategos.notifier.consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    public StrategyEventConsumer(ObjectMapper json, NotificationService notifications) {
        this.json = json;
        this.notifications = notifications;
    }

    @Incoming("strategy-events")
    public Uni<Void> consume(String payload) {
        StrategyEvent event;
        try {
            event = json.readValue(payload, StrategyEvent.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Uni.createFrom().failure(new PoisonEventException("not a Strategos CloudEvent: " + e.getMessage()));
        }
        if (event.id() == null || event.data() == null || !StrategyEvent.SPEC_VERSION.equals(event.specversion())) {
            return Uni.createFrom().failure(new PoisonEventException("missing id, data or specversion 1.0"));
        }
        EventType type = EventType.fromCloudEventType(event.type()).orElse(null);
        if (type == null) {
            return Uni.createFrom().failure(new PoisonEventException("unknown event type '" + event.type() + "'"));
        }
        // A failure here is the database's, not the event's: retry, holding the partition, so nothing
        // is skipped and the strategy's events stay in order.
        return notifications.apply(event, type)
                .onFailure().invoke(e -> LOG.warnf("applying event %s failed, retrying: %s", event.id(), e.getMessage()))
                .onFailure().retry().withBackOff(RETRY_FIRST_DELAY, RETRY_MAX_DELAY).indefinitely();
    }

    /** An event no retry can fix. */
    public static class PoisonEventException extends RuntimeException {
        public PoisonEventException(String message) {
            super(message);
        }
    }
}

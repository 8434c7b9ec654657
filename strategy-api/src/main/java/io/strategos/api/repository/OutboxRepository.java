package io.strategos.api.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.strategos.model.event.EventType;
import io.strategos.model.event.StrategyEvent;
import io.strategos.model.tracing.Traceparent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes events to the transactional outbox, inside the caller's transaction: the event exists
 * exactly when the change it describes does. executor-worker's relay publishes them to Kafka, with the
 * request's trace context, so the notifier's handling of the event joins the request's trace.
 */
@ApplicationScoped
public class OutboxRepository {

    private final ObjectMapper json;

    public OutboxRepository(ObjectMapper json) {
        this.json = json;
    }

    public Uni<Void> add(StrategyEvent event) {
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        // Read here, on the request's context, where its server span is the current one.
        String traceparent = Traceparent.current();
        // The text casts matter: a string bound straight to jsonb would be stored as a JSON string, and
        // a null needs a type.
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("INSERT INTO outbox_events (message_key, event_type, payload, traceparent)"
                        + " VALUES (?1, ?2, CAST(CAST(?3 AS text) AS jsonb), CAST(?4 AS text))")
                .setParameter(1, event.subject())
                .setParameter(2, EventType.fromCloudEventType(event.type()).orElseThrow().typeName())
                .setParameter(3, payload)
                .setParameter(4, traceparent)
                .executeUpdate())
                .replaceWithVoid();
    }
}

package io.strategos.api.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.strategos.model.event.EventType;
import io.strategos.model.event.StrategyEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes events to the transactional outbox, inside the caller's transaction: the event exists
 * exactly when the change it describes does. executor-worker's relay publishes them to Kafka.
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
        // The text cast matters: a string bound straight to jsonb would be stored as a JSON string.
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("INSERT INTO outbox_events (message_key, event_type, payload) VALUES (?1, ?2, CAST(CAST(?3 AS text) AS jsonb))")
                .setParameter(1, event.subject())
                .setParameter(2, EventType.fromCloudEventType(event.type()).orElseThrow().typeName())
                .setParameter(3, payload)
                .executeUpdate())
                .replaceWithVoid();
    }
}

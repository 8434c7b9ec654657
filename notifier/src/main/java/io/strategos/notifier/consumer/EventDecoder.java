package io.strategos.notifier.consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strategos.model.event.EventType;
import io.strategos.model.event.StrategyEvent;
import io.strategos.notifier.service.ConsumedEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads a record's value as a Strategos CloudEvent, or says why it is not one. */
@ApplicationScoped
public class EventDecoder {

    private final ObjectMapper json;

    public EventDecoder(ObjectMapper json) {
        this.json = json;
    }

    public Decoded decode(String payload) {
        if (payload == null) {
            return new Poison("empty record");
        }
        StrategyEvent event;
        try {
            event = json.readValue(payload, StrategyEvent.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return new Poison("not a Strategos CloudEvent: " + e.getMessage());
        }
        if (event.id() == null || event.data() == null || !StrategyEvent.SPEC_VERSION.equals(event.specversion())) {
            return new Poison("missing id, data or specversion 1.0");
        }
        if (event.data().userId().isBlank()) {
            return new Poison("data.userId is blank");
        }
        return EventType.fromCloudEventType(event.type())
                .<Decoded>map(type -> new Valid(new ConsumedEvent(event, type)))
                .orElseGet(() -> new Poison("unknown event type '" + event.type() + "'"));
    }

    /** What a record turned out to be. */
    public sealed interface Decoded permits Valid, Poison {
    }

    /** An event to apply. */
    public record Valid(ConsumedEvent event) implements Decoded {
    }

    /** A record no retry can fix: it goes to the dead-letter topic with this reason. */
    public record Poison(String reason) implements Decoded {
    }
}

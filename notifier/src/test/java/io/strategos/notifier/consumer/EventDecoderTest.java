package io.strategos.notifier.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.strategos.model.event.EventType;
import io.strategos.notifier.consumer.EventDecoder.Poison;
import io.strategos.notifier.consumer.EventDecoder.Valid;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventDecoderTest {

    private final EventDecoder decoder = new EventDecoder(new ObjectMapper().registerModule(new JavaTimeModule()));

    private static String event(String type, String userId, String specversion) {
        return """
                {"specversion": "%s", "id": "e-1", "source": "/test", "type": "%s", "time": "2026-11-22T10:00:00Z",
                 "data": {"userId": %s, "strategyId": "%s", "strategyName": "Momentum"}}"""
                .formatted(specversion, type, userId, UUID.randomUUID());
    }

    @Test
    void aStrategosCloudEventIsValid() {
        assertThat(decoder.decode(event("strategos.strategy_paused", "\"alice\"", "1.0")))
                .isInstanceOfSatisfying(Valid.class, valid -> {
                    assertThat(valid.event().type()).isEqualTo(EventType.STRATEGY_PAUSED);
                    assertThat(valid.event().id()).isEqualTo("e-1");
                });
    }

    @Test
    void whatCannotBeAppliedIsPoisonWithItsReason() {
        assertThat(reason("{not json")).startsWith("not a Strategos CloudEvent");
        assertThat(reason(null)).isEqualTo("empty record");
        assertThat(reason(event("strategos.teleported", "\"alice\"", "1.0"))).isEqualTo("unknown event type 'strategos.teleported'");
        assertThat(reason(event("strategos.strategy_paused", "\"alice\"", "0.3"))).isEqualTo("missing id, data or specversion 1.0");
        assertThat(reason(event("strategos.strategy_paused", "null", "1.0"))).startsWith("not a Strategos CloudEvent");
        assertThat(reason(event("strategos.strategy_paused", "\" \"", "1.0"))).isEqualTo("data.userId is blank");
    }

    private String reason(String payload) {
        return ((Poison) decoder.decode(payload)).reason();
    }
}

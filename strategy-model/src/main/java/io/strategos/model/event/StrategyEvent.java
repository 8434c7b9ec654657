package io.strategos.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * An event on the {@value #TOPIC} topic: a CloudEvents 1.0 envelope in structured JSON mode.
 * The Kafka record key is the strategy id ({@code subject}), so events of one strategy stay in order.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StrategyEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        StrategyEventData data) {

    public static final String TOPIC = "strategy-events";
    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    public static StrategyEvent of(EventType type, String source, Instant time, StrategyEventData data) {
        return new StrategyEvent(SPEC_VERSION, UUID.randomUUID().toString(), source, type.cloudEventType(),
                data.strategyId().toString(), time, "application/json", data);
    }
}

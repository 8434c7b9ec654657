package io.strategos.executor.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strategos.model.event.StrategyEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The events topic as a consumer of the worker sees it, read with a consumer group of the test's own. */
final class StrategyEventsTopic {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StrategyEventsTopic() {
    }

    /** The first {@code count} events keyed by the strategy, reading the topic from the start. */
    static List<JsonNode> eventsFor(String bootstrapServers, UUID strategyId, int count) throws Exception {
        List<JsonNode> events = new ArrayList<>(count);
        for (ConsumerRecord<String, String> record : recordsFor(bootstrapServers, strategyId, count)) {
            events.add(JSON.readTree(record.value()));
        }
        return events;
    }

    /** The first {@code count} records keyed by the strategy, headers and all. */
    static List<ConsumerRecord<String, String>> recordsFor(String bootstrapServers, UUID strategyId, int count) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(StrategyEvent.TOPIC));
            long deadline = System.currentTimeMillis() + 30_000;
            while (records.size() < count && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key().equals(strategyId.toString())) {
                        records.add(record);
                    }
                }
            }
        }
        assertThat(records).hasSizeGreaterThanOrEqualTo(count);
        return records.subList(0, count);
    }
}

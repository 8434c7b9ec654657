package io.strategos.notifier.testing;

import static org.awaitility.Awaitility.await;

import io.strategos.model.event.StrategyEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The topics notifier reads from and dead-letters to, as executor-worker and an operator see them. */
public final class EventTopics implements AutoCloseable {

    public static final String DEAD_LETTER_TOPIC = "strategy-events-dlq";

    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;

    public EventTopics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    /** A CloudEvent of type {@code strategos.<typeName>} about a run of the strategy, as executor-worker writes them. */
    public static String event(String id, String typeName, String user, UUID strategyId) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/test", "type": "strategos.%s", "subject": "%s",
                 "time": "%s", "datacontenttype": "application/json",
                 "data": {"userId": "%s", "strategyId": "%s", "strategyName": "Test strategy",
                          "executionId": "%s", "status": "success", "durationMs": 12, "message": "all good"}}"""
                .formatted(id, typeName, strategyId, Instant.now(), user, strategyId, UUID.randomUUID());
    }

    /** Publishes to strategy-events and waits for the broker's acknowledgement. */
    public void publish(UUID strategy, String value) throws Exception {
        producer.send(new ProducerRecord<>(StrategyEvent.TOPIC, strategy.toString(), value)).get();
    }

    /** Publishes all to strategy-events at once, then waits for the broker's acknowledgements. */
    public void publishAll(UUID strategy, List<String> values) {
        values.forEach(value -> producer.send(new ProducerRecord<>(StrategyEvent.TOPIC, strategy.toString(), value)));
        producer.flush();
    }

    /** Waits for {@code count} dead letters keyed by the strategy, reading the dead-letter topic from the start. */
    public List<ConsumerRecord<String, String>> deadLetters(UUID strategy, int count) {
        try (KafkaConsumer<String, String> dlq = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            dlq.subscribe(List.of(DEAD_LETTER_TOPIC));
            List<ConsumerRecord<String, String>> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                dlq.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (strategy.toString().equals(r.key())) {
                        dead.add(r);
                    }
                });
                return dead.size() >= count;
            });
            return dead;
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}

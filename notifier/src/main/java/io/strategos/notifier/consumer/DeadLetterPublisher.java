package io.strategos.notifier.consumer;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Copies records no retry can fix to the dead-letter topic, key and value unchanged, with where they
 * came from and why in the headers SmallRye's own dead-letter queue uses ({@code dead-letter-reason},
 * {@code -topic}, {@code -partition}, {@code -offset}), so existing tooling reads them alike.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    private final MutinyEmitter<String> deadLetters;

    public DeadLetterPublisher(@Channel("strategy-events-dlq") MutinyEmitter<String> deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** Completes once the broker has the record. */
    public Uni<Void> publish(ConsumerRecord<String, String> poison, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", bytes(reason));
        headers.add("dead-letter-topic", bytes(poison.topic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(poison.partition())));
        headers.add("dead-letter-offset", bytes(Long.toString(poison.offset())));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(poison.key()).withHeaders(headers).build();
        return deadLetters.sendMessage(Message.of(poison.value()).addMetadata(metadata));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}

package io.strategos.notifier.health;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Readiness that waits for the consumer group: a replica is ready once the group coordinator has given
 * it its first assignment, which may be empty when the group has no partition left for it. Until then
 * a rolling update must not count it as a working consumer, and so must not stop the replica it
 * replaces. Later rebalances do not make it unready: they move partitions between working members.
 */
@ApplicationScoped
@Readiness
@Identifier(ConsumerAssignmentCheck.NAME)
public class ConsumerAssignmentCheck implements HealthCheck, KafkaConsumerRebalanceListener {

    /** The listener's name in {@code mp.messaging.incoming.strategy-events.consumer-rebalance-listener.name}. */
    static final String NAME = "strategy-events-assignment";

    private static final Logger LOG = Logger.getLogger(ConsumerAssignmentCheck.class);

    private volatile boolean assigned;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!assigned) {
            // The moment a replica starts to consume; a start that takes long shows here.
            LOG.infof("first assignment from the consumer group: %d partition(s) of strategy-events", partitions.size());
            assigned = true;
        }
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("strategy-events consumer group assignment").status(assigned).build();
    }
}

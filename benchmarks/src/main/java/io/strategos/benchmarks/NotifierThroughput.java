package io.strategos.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * notifier under load. Sustained: N execution_failed events (each for its own strategy, so none
 * collapse) published as fast as the producer goes; throughput is N over the time until the last
 * event was applied. Latency: events paced at a fixed rate; each event's latency is the commit of
 * its processed_events row minus the event's own time.
 */
final class NotifierThroughput {

    private NotifierThroughput() {
    }

    static void run(int events, int ratePerSecond, int pacedSeconds) throws Exception {
        try (BenchEnvironment env = new BenchEnvironment();
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers(),
                     ProducerConfig.LINGER_MS_CONFIG, 5,
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            env.startService("notifier", "notifier", Map.of());
            publish(producer, 2_000, "warmup");
            awaitApplied(env, 2_000);
            env.execute("TRUNCATE notifier.processed_events, notifier.notifications, notifier.email_deliveries");

            Instant start = Instant.now();
            publish(producer, events, "burst");
            awaitApplied(env, events);
            double seconds = Duration.between(start, lastApplied(env)).toMillis() / 1000.0;
            System.out.printf("sustained: %d events applied in %.2f s -> %.0f events/s%n", events, seconds, events / seconds);
            env.execute("TRUNCATE notifier.processed_events, notifier.notifications, notifier.email_deliveries");

            int paced = ratePerSecond * pacedSeconds;
            long intervalNanos = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
            long next = System.nanoTime();
            for (int i = 0; i < paced; i++) {
                producer.send(record("paced", Instant.now()));
                next += intervalNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            producer.flush();
            awaitApplied(env, paced);
            try (Connection c = env.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT percentile_cont(0.50) WITHIN GROUP (ORDER BY lag) AS p50,
                           percentile_cont(0.99) WITHIN GROUP (ORDER BY lag) AS p99, max(lag) AS max
                      FROM (SELECT extract(epoch FROM p.processed_at - split_part(p.event_id, '/', 2)::timestamptz) * 1000 AS lag
                              FROM notifier.processed_events p) l""")) {
                rs.next();
                System.out.printf("latency at %d events/s for %d s: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        ratePerSecond, pacedSeconds, rs.getDouble("p50"), rs.getDouble("p99"), rs.getDouble("max"));
            }
        }
    }

    private static void publish(KafkaProducer<String, String> producer, int count, String tag) {
        for (int i = 0; i < count; i++) {
            producer.send(record(tag, Instant.now()));
        }
        producer.flush();
    }

    /** The event id carries its send time, so latency can be computed in SQL from processed_events alone. */
    private static ProducerRecord<String, String> record(String tag, Instant sentAt) {
        UUID strategy = UUID.randomUUID();
        String event = """
                {"specversion": "1.0", "id": "%s-%s/%s", "source": "/bench", "type": "strategos.execution_failed",
                 "subject": "%s", "time": "%s", "datacontenttype": "application/json",
                 "data": {"userId": "user-%d", "strategyId": "%s", "strategyName": "bench", "status": "failed",
                          "durationMs": 3, "message": "benchmark"}}""".formatted(tag, UUID.randomUUID(), sentAt, strategy, sentAt,
                Math.floorMod(strategy.hashCode(), 1000), strategy);
        return new ProducerRecord<>("strategy-events", strategy.toString(), event);
    }

    private static void awaitApplied(BenchEnvironment env, int count) throws Exception {
        BenchEnvironment.awaitUntil(() -> env.count("SELECT count(*) FROM notifier.processed_events") >= count,
                Duration.ofMinutes(10), Duration.ofMillis(100));
    }

    private static Instant lastApplied(BenchEnvironment env) throws Exception {
        try (Connection c = env.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT max(processed_at) FROM notifier.processed_events")) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }
}

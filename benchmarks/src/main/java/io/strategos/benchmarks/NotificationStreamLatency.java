package io.strategos.benchmarks;

import io.strategos.localstack.JwtKeys;
import io.strategos.localstack.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * notifier's live stream under load: {@code streams} SSE clients open on one replica (one user each),
 * then execution_failed events at {@code rate} a second for {@code seconds}, each for its own strategy
 * and one of those users. An event's latency is when its notification arrived on its stream minus the
 * commit of the batch that recorded it ({@code processed_events.processed_at}, the batch's last
 * statement). Memory per idle stream: the replica's resident set and used heap before and after the
 * streams opened, over their number.
 */
final class NotificationStreamLatency {

    private static final Pattern NOTIFICATION_ID = Pattern.compile("\"notification\":\\{\"id\":\"([0-9a-f-]{36})\"");
    private static final Pattern HEAP_USED = Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} (\\S+)$", Pattern.MULTILINE);

    private NotificationStreamLatency() {
    }

    static void run(int streams, int ratePerSecond, int seconds) throws Exception {
        try (BenchEnvironment env = new BenchEnvironment();
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers(),
                     ProducerConfig.LINGER_MS_CONFIG, 1,
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            JwtKeys keys = JwtKeys.loadOrCreate(env.home().resolve("jwt"));
            Map<String, String> settings = new HashMap<>();
            settings.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", env.home().resolve("jwt/public-key.pem").toString());
            settings.put("MP_JWT_VERIFY_ISSUER", JwtKeys.ISSUER);
            settings.put("MP_JWT_VERIFY_AUDIENCES", JwtKeys.AUDIENCE);
            ServiceProcess notifier = env.startService("notifier", "notifier", settings);

            long rssBefore = residentBytes(notifier);
            double heapBefore = heapUsed(notifier);
            Map<String, Instant> arrived = new ConcurrentHashMap<>();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()).build();
            List<CompletableFuture<HttpResponse<Void>>> open = new ArrayList<>(streams);
            for (int u = 0; u < streams; u++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(notifier.baseUrl() + "/api/v1/notifications/stream"))
                        .header("Accept", "text/event-stream")
                        .header("Authorization", "Bearer " + keys.token("stream-user-" + u, Duration.ofHours(4))).build();
                open.add(http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new Arrivals(arrived))));
            }
            // Opened when every stream has its response headers (each starts with a comment right away).
            CompletableFuture.allOf(open.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
            TimeUnit.SECONDS.sleep(10);
            long rssAfter = residentBytes(notifier);
            double heapAfter = heapUsed(notifier);
            System.out.printf("%d idle streams: resident set +%.1f KiB per stream, used heap +%.1f KiB per stream (heap as sampled, not after a GC)%n",
                    streams, (rssAfter - rssBefore) / 1024.0 / streams, (heapAfter - heapBefore) / 1024.0 / streams);

            int events = ratePerSecond * seconds;
            long intervalNanos = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
            long next = System.nanoTime();
            for (int i = 0; i < events; i++) {
                producer.send(record("stream-user-" + i % streams));
                next += intervalNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            producer.flush();
            BenchEnvironment.awaitUntil(() -> arrived.size() >= events, Duration.ofMinutes(5), Duration.ofMillis(200));

            List<Double> latencies = new ArrayList<>(events);
            try (Connection c = env.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT n.id, p.processed_at
                      FROM notifier.notifications n JOIN notifier.processed_events p ON p.event_id = n.source_event_id""")) {
                while (rs.next()) {
                    Instant delivered = arrived.get(rs.getString(1));
                    if (delivered != null) {
                        latencies.add(Duration.between(rs.getTimestamp(2).toInstant(), delivered).toNanos() / 1e6);
                    }
                }
            }
            Collections.sort(latencies);
            System.out.printf("commit to delivery at %d events/s for %d s over %d streams: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d delivered)%n",
                    ratePerSecond, seconds, streams, percentile(latencies, 0.50), percentile(latencies, 0.99),
                    latencies.getLast(), latencies.size());
            open.forEach(response -> response.cancel(true));
            http.shutdownNow();
        }
    }

    private static ProducerRecord<String, String> record(String user) {
        UUID strategy = UUID.randomUUID();
        Instant now = Instant.now();
        return new ProducerRecord<>("strategy-events", strategy.toString(), """
                {"specversion": "1.0", "id": "%s", "source": "/bench", "type": "strategos.execution_failed",
                 "subject": "%s", "time": "%s", "datacontenttype": "application/json",
                 "data": {"userId": "%s", "strategyId": "%s", "strategyName": "bench", "status": "failed",
                          "durationMs": 3, "message": "benchmark"}}""".formatted(UUID.randomUUID(), strategy, now, user, strategy));
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static long residentBytes(ServiceProcess service) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(service.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for " + service.name());
    }

    private static double heapUsed(ServiceProcess service) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double sum = 0;
        Matcher used = HEAP_USED.matcher(metrics);
        while (used.find()) {
            sum += Double.parseDouble(used.group(1));
        }
        return sum;
    }

    /** Notes when each notification's data line arrives on a stream. */
    private record Arrivals(Map<String, Instant> arrived) implements Flow.Subscriber<String> {

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("data:")) {
                Matcher id = NOTIFICATION_ID.matcher(line);
                if (id.find()) {
                    arrived.put(id.group(1), Instant.now());
                }
            }
        }

        @Override
        public void onError(Throwable failure) {
        }

        @Override
        public void onComplete() {
        }
    }
}

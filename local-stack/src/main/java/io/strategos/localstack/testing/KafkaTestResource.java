package io.strategos.localstack.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.strategos.localstack.KafkaBroker;
import io.strategos.localstack.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Kafka broker (KRaft) for a test run, on free ports with throw-away data. Tests that stop
 * and restart Kafka reach it through {@link #broker()}.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile KafkaBroker broker;
    private Path dataDir;

    /** The broker of the running test, so tests can stop and restart it. */
    public static KafkaBroker broker() {
        return broker;
    }

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("strategos-kafka-test");
            int port = Ports.free();
            int controllerPort = Ports.free();
            broker = new KafkaBroker(dataDir, port, controllerPort).start();
            return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp folder left behind is harmless
            }
        }
    }
}

package io.strategos.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one process), run
 * from Maven Central's jars in a JVM of its own. It keeps its data in {@code dataDir}, so a broker
 * started again on the same folder finds its topics and offsets.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private Process process;

    public KafkaBroker(Path dataDir, int port, int controllerPort) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Formats the storage on first use, starts the broker and waits until it accepts connections. */
    public synchronized KafkaBroker start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return this;
        }
        Files.createDirectories(dataDir);
        Path config = writeConfig();
        if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
            format(config);
        }
        process = Jvm.command("-Xms128m", "-Xmx512m", KafkaBrokerMain.class.getName(), config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("broker.log").toFile()))
                .start();
        Ports.awaitListening(port, START_TIMEOUT, process, "Kafka broker (log: " + dataDir.resolve("broker.log") + ")");
        return this;
    }

    /** Stops the broker cleanly (controlled shutdown), keeping its data. */
    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private Path writeConfig() throws IOException {
        String config = String.join("\n", List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDir.resolve("logs"),
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // notifier uses Kafka 4's consumer group protocol (KIP-848); say so rather than rely on the default.
                "group.coordinator.rebalance.protocols=classic,consumer",
                // Kafka's defaults (session 45 s, heartbeat 5 s) stay the defaults; a group may be given
                // shorter ones (tests that kill a consumer do, so as not to wait 45 s for its session to end).
                "group.consumer.min.session.timeout.ms=6000",
                "group.consumer.min.heartbeat.interval.ms=1000",
                ""));
        Path file = dataDir.resolve("server.properties");
        Files.writeString(file, config);
        return file;
    }

    private void format(Path config) throws IOException, InterruptedException {
        Process format = Jvm.command("kafka.tools.StorageTool", "format", "-t", newClusterId(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("broker.log").toFile()))
                .start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IOException("formatting Kafka storage failed, see " + dataDir.resolve("broker.log"));
        }
    }

    /** A KRaft cluster id: 16 random bytes, URL-safe base64 without padding, as Kafka's own tool makes. */
    private static String newClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    /** True when the broker accepts connections (tests stop and restart it). */
    /** The broker's process id, for benchmarks that account for its CPU. */
    public synchronized long pid() {
        return process.pid();
    }

    public boolean isListening() {
        return Ports.isListening("127.0.0.1", port);
    }
}

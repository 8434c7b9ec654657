package io.strategos.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One Quarkus service in a process of its own: its packaged jar on a JVM, or its native executable. */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /** Long enough for executor-worker to finish or release its leased runs. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(40);

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * @param artifact the service's {@code target/quarkus-app/quarkus-run.jar} or native executable ({@link Packaging#artifact})
     * @param env environment added to this process's own, which the service also inherits
     */
    public static ServiceProcess start(String name, Path artifact, int port, Map<String, String> env, Path log) throws IOException {
        if (!Files.exists(artifact)) {
            throw new IOException(artifact + " is missing: build first (./mvnw package -DskipTests)");
        }
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(Packaging.command(artifact))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return new ServiceProcess(name, port, log, builder.start());
    }

    public String name() {
        return name;
    }

    /** Waits for a service run to do its start-up work and exit ({@code QUARKUS_INIT_AND_EXIT}); its exit code. */
    public int awaitExit(java.time.Duration timeout) throws InterruptedException, IOException {
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IOException(name + " did not exit within " + timeout + "; see " + log);
        }
        return process.exitValue();
    }

    /** The operating system's id of the service's process (benchmarks read its CPU time). */
    public long pid() {
        return process.pid();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits until the service's readiness check passes. */
    public void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (true) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with code " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException(name + " was not ready within " + READY_TIMEOUT.toSeconds() + " s; see " + log);
            }
            Thread.sleep(500);
        }
    }

    /** SIGTERM, as Kubernetes sends it, then a hard kill if the service does not stop in time. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL, for tests of crash recovery. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }
}

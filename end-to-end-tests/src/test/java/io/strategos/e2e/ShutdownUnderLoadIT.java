package io.strategos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.strategos.localstack.JwtKeys;
import io.strategos.localstack.ServiceProcess;
import io.strategos.localstack.testing.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A service stopped by SIGTERM while requests keep coming, as in every rolling update: each request
 * is answered by the service (2xx), or refused cleanly (503 problem+json with Retry-After), or finds
 * the port closed once the server has gone; none gets a 500 from a service half torn down.
 */
class ShutdownUnderLoadIT {

    private static final String DATABASE = TestDatabases.name("strategos_shutdown");
    private static final int CLIENTS = 4;

    private ReplicaTestBed bed;
    private Path keys;

    @BeforeEach
    void start() throws Exception {
        bed = new ReplicaTestBed(DATABASE);
        keys = Files.createTempDirectory(Path.of(System.getProperty("strategos.repository", "..")).toAbsolutePath()
                .resolve("end-to-end-tests/target"), "jwt");
    }

    @AfterEach
    void stop() throws Exception {
        bed.close();
    }

    @ParameterizedTest
    @CsvSource({"strategy-api, /api/v1/strategies?limit=5", "notifier, /api/v1/notifications/unread-count",
            "executor-worker, /q/health/live"})
    void requestsDuringShutdownAreServedOrRefusedCleanly(String module, String path) throws Exception {
        JwtKeys jwt = JwtKeys.loadOrCreate(keys);
        // A second of shutdown delay (readiness down, as a pod leaves the load balancers) makes sure requests
        // arrive while the service stops; without it they do too, in a shorter window.
        ServiceProcess service = bed.start(module, module, Map.of(
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.resolve("public-key.pem").toString(),
                "MP_JWT_VERIFY_ISSUER", JwtKeys.ISSUER,
                "QUARKUS_SHUTDOWN_DELAY", "1s"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Authorization", "Bearer " + jwt.token("shutdown-user", Duration.ofHours(1)))
                .timeout(Duration.ofSeconds(20)).build();

        Queue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicInteger served = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        AtomicBoolean sending = new AtomicBoolean(true);
        CountDownLatch warmedUp = new CountDownLatch(CLIENTS * 20);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            running.add(clients.submit(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
                while (sending.get()) {
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() / 100 == 2) {
                            served.incrementAndGet();
                        } else if (isCleanRefusal(response)) {
                            refused.incrementAndGet();
                        } else {
                            wrong.add(response.statusCode() + " " + response.headers().map() + " " + response.body());
                        }
                    } catch (IOException gone) {
                        // Connection refused or closed: the server has stopped listening.
                        closed.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    warmedUp.countDown();
                }
            }));
        }
        assertThat(warmedUp.await(60, TimeUnit.SECONDS)).as("requests flow before the shutdown").isTrue();
        int servedBeforeShutdown = served.get();

        service.close();
        // Keep sending a little after the process is gone, then stop.
        TimeUnit.MILLISECONDS.sleep(500);
        sending.set(false);
        for (var client : running) {
            client.get(30, TimeUnit.SECONDS);
        }
        clients.shutdown();

        System.out.printf("%s shutdown under load: %d served (%d before SIGTERM), %d refused with 503, %d found the port closed%n",
                module, served.get(), servedBeforeShutdown, refused.get(), closed.get());
        assertThat(wrong).as("answers other than 2xx or a clean 503").isEmpty();
        assertThat(served.get()).isGreaterThan(0);
        assertThat(refused.get()).as("requests refused with 503 while stopping").isGreaterThan(0);
        assertThat(closed.get()).as("requests sent after the server closed").isGreaterThan(0);
    }

    private static boolean isCleanRefusal(HttpResponse<String> response) {
        return response.statusCode() == 503
                && response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                && response.headers().firstValue("Retry-After").isPresent()
                && response.body().contains("\"status\":503");
    }
}

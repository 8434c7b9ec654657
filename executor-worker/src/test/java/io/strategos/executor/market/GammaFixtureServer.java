package io.strategos.executor.market;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A local HTTP server with the Gamma API's shape, serving recorded markets. Setting the system
 * property {@value #DELAY_PROPERTY} (milliseconds) makes it slow, for run-timeout tests; the
 * property is process-wide, so it reaches this resource whatever class loader loaded it.
 */
public class GammaFixtureServer implements QuarkusTestResourceLifecycleManager {

    public static final String DELAY_PROPERTY = "gamma.fixture.delay-ms";
    public static final String REQUESTS_PROPERTY = "gamma.fixture.requests";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try (InputStream in = GammaFixtureServer.class.getResourceAsStream("/gamma/markets.json")) {
            byte[] markets = in.readAllBytes();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/markets", exchange -> {
                System.setProperty(REQUESTS_PROPERTY, Integer.toString(Integer.getInteger(REQUESTS_PROPERTY, 0) + 1));
                pause(Long.getLong(DELAY_PROPERTY, 0));
                // One page only: ask for more and get an empty page, as the real API does past the end.
                byte[] body = exchange.getRequestURI().getQuery().contains("offset=0") ? markets : "[]".getBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return Map.of("quarkus.rest-client.gamma.url", "http://127.0.0.1:" + server.getAddress().getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}

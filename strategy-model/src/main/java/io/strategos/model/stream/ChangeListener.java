package io.strategos.model.stream;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * LISTENs, from start-up to shutdown, on a PostgreSQL connection of its own to a channel whose payloads
 * are user ids: whoever records a change NOTIFYs in its transaction, and PostgreSQL delivers that, on
 * commit, to every replica listening, which wakes its streams of that user in the service's
 * {@link StreamRegistry}. After the connection drops and comes back, every stream reads again, since
 * notifications sent meanwhile are lost.
 *
 * <p>A service's bean names its channel by extending this class. The injected and observer methods are
 * public because ArC calls them from the subclass's package, which would otherwise need reflection.
 */
public abstract class ChangeListener {

    private static final Logger LOG = Logger.getLogger(ChangeListener.class);
    private static final long RECONNECT_DELAY_MS = 1_000;
    private static final long CLOSE_WAIT_MS = 2_000;

    private final String channel;
    private Vertx vertx;
    private PgSubscriber subscriber;

    protected ChangeListener(String channel) {
        this.channel = channel;
    }

    /** The service's reactive datasource ({@code postgresql://host:port/db}, maybe prefixed {@code vertx-reactive:}) and its login. */
    @Inject
    public void subscribe(Vertx vertx, StreamRegistry streams,
                          @ConfigProperty(name = "quarkus.datasource.reactive.url") String reactiveUrl,
                          @ConfigProperty(name = "quarkus.datasource.username") String username,
                          @ConfigProperty(name = "quarkus.datasource.password") String password) {
        String url = reactiveUrl.startsWith("vertx-reactive:") ? reactiveUrl.substring("vertx-reactive:".length()) : reactiveUrl;
        this.vertx = vertx;
        this.subscriber = PgSubscriber.subscriber(vertx, PgConnectOptions.fromUri(url).setUser(username).setPassword(password))
                .reconnectPolicy(retries -> RECONNECT_DELAY_MS);
        subscriber.channel(channel)
                .handler(streams::wake)
                // Called on the first LISTEN and after every reconnection.
                .subscribeHandler(ignored -> streams.wakeAll());
    }

    public void start(@Observes StartupEvent started) {
        connect();
    }

    /**
     * Waits (a little) for the LISTEN connection to close: otherwise Vert.x's event loop can stop first,
     * and the close's last step is then refused with an error in the log.
     */
    public void stop(@Observes ShutdownEvent stopping) {
        try {
            subscriber.close().toCompletionStage().toCompletableFuture().get(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debugf("the LISTEN connection did not close cleanly: %s", e.getMessage());
        }
    }

    /** The reconnect policy covers a connection that drops; this retries a database down at start-up. */
    private void connect() {
        subscriber.connect().onFailure(e -> {
            LOG.warnf("cannot listen for changes, retrying: %s", e.getMessage());
            vertx.setTimer(RECONNECT_DELAY_MS, ignored -> connect());
        });
    }
}

package io.strategos.model.stream;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.jboss.logging.Logger;

/**
 * LISTENs on a PostgreSQL connection of its own to a channel whose payloads are user ids: whoever
 * records a change NOTIFYs in its transaction, and PostgreSQL delivers that, on commit, to every
 * replica listening, which wakes its streams of that user. After the connection drops and comes back,
 * every stream reads again, since notifications sent meanwhile are lost.
 */
public final class ChangeListener {

    private static final Logger LOG = Logger.getLogger(ChangeListener.class);
    private static final long RECONNECT_DELAY_MS = 1_000;

    private final Vertx vertx;
    private final PgSubscriber subscriber;

    public ChangeListener(Vertx vertx, PgConnectOptions options, String channel, StreamRegistry streams) {
        this.vertx = vertx;
        this.subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> RECONNECT_DELAY_MS);
        subscriber.channel(channel)
                .handler(streams::wake)
                // Called on the first LISTEN and after every reconnection.
                .subscribeHandler(ignored -> streams.wakeAll());
    }

    /** A Quarkus reactive datasource URL ({@code postgresql://host:port/db}, maybe prefixed {@code vertx-reactive:}) and its login. */
    public static PgConnectOptions options(String reactiveUrl, String username, String password) {
        String url = reactiveUrl.startsWith("vertx-reactive:") ? reactiveUrl.substring("vertx-reactive:".length()) : reactiveUrl;
        return PgConnectOptions.fromUri(url).setUser(username).setPassword(password);
    }

    /** The reconnect policy covers a connection that drops; this retries a database down at start-up. */
    public void start() {
        subscriber.connect().onFailure(e -> {
            LOG.warnf("cannot listen for changes, retrying: %s", e.getMessage());
            vertx.setTimer(RECONNECT_DELAY_MS, ignored -> start());
        });
    }

    public void stop() {
        subscriber.close();
    }
}

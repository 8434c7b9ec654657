package io.strategos.executor.service;

import io.strategos.model.stream.RunChangeChannel;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;

/** LISTENs on the run-change channel, as strategy-api does, to see whose runs the worker announces. */
final class RunChangeAnnouncements implements AutoCloseable {

    private final BlockingQueue<String> owners = new LinkedBlockingQueue<>();
    private final PgSubscriber subscriber;

    RunChangeAnnouncements(Vertx vertx, PgConnectOptions database) {
        subscriber = PgSubscriber.subscriber(vertx, database);
        subscriber.channel(RunChangeChannel.NAME).handler(owners::add);
        subscriber.connectAndAwait();
    }

    /** The worker's database as the configuration gives it (in an IT, the test resources' settings). */
    static PgConnectOptions database(Config config) {
        return PgConnectOptions.fromUri(config.getValue("quarkus.datasource.reactive.url", String.class))
                .setUser(config.getValue("quarkus.datasource.username", String.class))
                .setPassword(config.getValue("quarkus.datasource.password", String.class));
    }

    /** Skips other users' notices until one for {@code owner}; null when none came within {@code wait} of the last. */
    String next(String owner, Duration wait) throws InterruptedException {
        String announced;
        do {
            announced = owners.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } while (announced != null && !announced.equals(owner));
        return announced;
    }

    @Override
    public void close() {
        subscriber.closeAndAwait();
    }
}

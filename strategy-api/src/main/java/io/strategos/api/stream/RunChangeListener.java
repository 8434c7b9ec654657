package io.strategos.api.stream;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.strategos.model.stream.ChangeListener;
import io.strategos.model.stream.StreamRegistry;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wakes this replica's run streams when a run or status change of their user is committed, by any
 * executor-worker or strategy-api replica: V14's triggers NOTIFY on {@link #CHANNEL}.
 */
@ApplicationScoped
public class RunChangeListener {

    public static final String CHANNEL = "strategos_runs";

    private final ChangeListener listener;

    public RunChangeListener(Vertx vertx, StreamRegistry streams,
                             @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                             @ConfigProperty(name = "quarkus.datasource.username") String username,
                             @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.listener = new ChangeListener(vertx, ChangeListener.options(url, username, password), CHANNEL, streams);
    }

    void start(@Observes StartupEvent started) {
        listener.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        listener.stop();
    }
}

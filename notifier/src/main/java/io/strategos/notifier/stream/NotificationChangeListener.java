package io.strategos.notifier.stream;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.strategos.model.stream.ChangeListener;
import io.strategos.model.stream.StreamRegistry;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wakes this replica's notification streams when any replica's batch transaction changed their users'
 * notifications (NotificationRepository.announce NOTIFYs on {@link #CHANNEL}).
 */
@ApplicationScoped
public class NotificationChangeListener {

    public static final String CHANNEL = "strategos_notifications";

    private final ChangeListener listener;

    public NotificationChangeListener(Vertx vertx, StreamRegistry streams,
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

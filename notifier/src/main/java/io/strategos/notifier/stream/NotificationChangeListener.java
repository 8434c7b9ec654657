package io.strategos.notifier.stream;

import io.strategos.model.stream.ChangeListener;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Wakes this replica's notification streams when any replica's batch transaction changed their users'
 * notifications (NotificationRepository.announce NOTIFYs on {@link #CHANNEL}).
 */
@ApplicationScoped
public class NotificationChangeListener extends ChangeListener {

    public static final String CHANNEL = "strategos_notifications";

    public NotificationChangeListener() {
        super(CHANNEL);
    }
}

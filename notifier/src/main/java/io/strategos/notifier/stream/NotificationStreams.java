package io.strategos.notifier.stream;

import io.strategos.model.stream.Change;
import io.strategos.model.stream.ChangeSource;
import io.strategos.model.stream.ChangeStream;
import io.strategos.model.stream.StreamRegistry;
import io.strategos.notifier.config.NotifierConfig;
import io.strategos.notifier.repository.NotificationRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/** Opens a caller's notification stream on this replica. */
@ApplicationScoped
public class NotificationStreams {

    /** A notification created or collapsed into. */
    public static final String NOTIFICATION = "notification";
    /** The first event of a stream that replays nothing: the unread count alone. */
    public static final String UNREAD_COUNT = "unread-count";

    private final NotificationRepository notifications;
    private final StreamRegistry registry;
    private final int bufferSize;

    public NotificationStreams(NotificationRepository notifications, StreamRegistry registry, NotifierConfig config) {
        this.notifications = notifications;
        this.registry = registry;
        this.bufferSize = config.stream().bufferSize();
    }

    /**
     * @param lastEventId the last event the client saw, from its Last-Event-ID header; null for a
     *                    stream that starts now, with the unread count
     */
    public void open(String userId, Long lastEventId, SseEventSink sink, Sse sse) {
        ChangeSource source = (after, limit) -> notifications.changesSince(userId, after, limit)
                .map(changes -> changes.stream().map(change -> new Change(change.seq(), NOTIFICATION, change)).toList());
        ChangeStream stream = new ChangeStream(userId, sink, sse, source, registry, bufferSize);
        if (lastEventId != null) {
            stream.start(lastEventId, null);
            return;
        }
        notifications.latestChange(userId).subscribe().with(
                latest -> stream.start(latest.seq(), new Change(latest.seq(), UNREAD_COUNT, latest)),
                failure -> stream.close());
    }
}

package io.strategos.api.stream;

import io.strategos.api.mapping.RunChangeView;
import io.strategos.api.repository.RunChangeQueries;
import io.strategos.model.stream.Change;
import io.strategos.model.stream.ChangeSource;
import io.strategos.model.stream.ChangeStream;
import io.strategos.model.stream.StreamRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Opens a caller's run stream on this replica. */
@ApplicationScoped
public class RunStreams {

    /** A run recorded. */
    public static final String EXECUTION = "execution";
    /** A strategy's status changed. */
    public static final String STATUS = "status";

    private final RunChangeQueries changes;
    private final StreamRegistry registry;
    private final int bufferSize;

    public RunStreams(RunChangeQueries changes, StreamRegistry registry,
                      @ConfigProperty(name = "strategos.api.stream.buffer-size") int bufferSize) {
        this.changes = changes;
        this.registry = registry;
        this.bufferSize = bufferSize;
    }

    /**
     * @param strategyId  only this strategy's changes, when not null
     * @param lastEventId the last event the client saw, from its Last-Event-ID header; null for a
     *                    stream that starts now
     */
    public void open(String userId, UUID strategyId, Long lastEventId, SseEventSink sink, Sse sse) {
        ChangeSource source = (after, limit) -> changes.after(userId, strategyId, after, limit)
                .map(found -> found.stream().map(change -> new Change(change.seq(), name(change), change)).toList());
        ChangeStream stream = new ChangeStream(userId, sink, sse, source, registry, bufferSize);
        if (lastEventId != null) {
            stream.start(lastEventId, null);
            return;
        }
        changes.latest(userId).subscribe().with(latest -> stream.start(latest, null), failure -> stream.close());
    }

    /** A change whose run or transition is gone (its strategy was deleted) has no name: it is skipped. */
    private static String name(RunChangeView change) {
        if (change.execution() != null) {
            return EXECUTION;
        }
        return change.statusChange() != null ? STATUS : null;
    }
}

package io.strategos.api.stream;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.strategos.api.repository.RunChangeQueries;
import io.strategos.model.stream.StreamRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The run streams' timers: heartbeats to open streams, their catch-up, and the end of the replay window. */
@ApplicationScoped
public class RunStreamMaintenance {

    private final StreamRegistry streams;
    private final RunChangeQueries changes;
    private final Duration replayWindow;

    public RunStreamMaintenance(StreamRegistry streams, RunChangeQueries changes,
                                @ConfigProperty(name = "strategos.api.stream.replay-window") Duration replayWindow) {
        this.streams = streams;
        this.changes = changes;
        this.replayWindow = replayWindow;
    }

    /**
     * A comment to each idle stream, so that proxies keep it open and a vanished client is noticed; a
     * client that took nothing since the last beat while events waited is disconnected.
     */
    @Scheduled(identity = "run-stream-heartbeat", every = "${strategos.api.stream.heartbeat}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        streams.heartbeat();
    }

    /**
     * Every stream reads what is new, woken or not: runs whose notice was lost (RunChangeNotices in
     * executor-worker sends it after the batch commits) reach their streams this late at worst.
     */
    @Scheduled(identity = "run-stream-catch-up", every = "${strategos.api.stream.catch-up}", delayed = "${strategos.api.stream.catch-up}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void catchUp() {
        streams.wakeAll();
    }

    /** Every replica prunes; the deletes are idempotent and cheap (BRIN on recorded_at). */
    @Scheduled(identity = "run-changes-retention", every = "1h", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> prune() {
        return changes.prune(replayWindow).replaceWithVoid();
    }
}

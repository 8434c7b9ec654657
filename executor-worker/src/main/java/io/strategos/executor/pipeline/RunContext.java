package io.strategos.executor.pipeline;

import io.strategos.executor.claim.ClaimedRun;
import io.strategos.model.event.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What the nodes of one run share: which run it is, and the events they ask to publish. */
public final class RunContext {

    private final ClaimedRun run;
    private final UUID executionId;
    private final List<EmittedEvent> events = new ArrayList<>();

    RunContext(ClaimedRun run, UUID executionId) {
        this.run = run;
        this.executionId = executionId;
    }

    public ClaimedRun run() {
        return run;
    }

    public UUID executionId() {
        return executionId;
    }

    /** Asks for an event to be published; it is written with the run's record, or not at all. */
    public synchronized void emit(EventType type, String message) {
        events.add(new EmittedEvent(type, message));
    }

    synchronized List<EmittedEvent> events() {
        return List.copyOf(events);
    }

    public record EmittedEvent(EventType type, String message) {
    }
}

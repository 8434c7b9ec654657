package io.strategos.notifier.stream;

import io.quarkus.scheduler.Scheduled;
import io.strategos.model.stream.StreamRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every heartbeat interval: a comment line to each idle stream, so that proxies do not close it and a
 * vanished client is noticed (the write fails); a stream whose client took nothing since the last
 * beat is closed.
 */
@ApplicationScoped
public class StreamHeartbeat {

    private final StreamRegistry streams;

    public StreamHeartbeat(StreamRegistry streams) {
        this.streams = streams;
    }

    @Scheduled(identity = "stream-heartbeat", every = "${strategos.notifier.stream.heartbeat}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void beat() {
        streams.heartbeat();
    }
}

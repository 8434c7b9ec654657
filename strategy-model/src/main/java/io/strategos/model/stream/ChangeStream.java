package io.strategos.model.stream;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * One client's server-sent event stream of their changes. The database is the source: a wake-up reads
 * the user's changes after this stream's cursor, so a stream opened with Last-Event-ID replays exactly
 * like one that was always open. At most {@code bufferSize} events wait in memory; while they do,
 * nothing more is read, so a slow client costs the buffer and no more. A client that takes nothing
 * for a whole heartbeat interval is disconnected (it reconnects with Last-Event-ID and replays).
 */
public final class ChangeStream {

    private static final Logger LOG = Logger.getLogger(ChangeStream.class);

    private final String userId;
    private final SseEventSink sink;
    private final Sse sse;
    private final ChangeSource source;
    private final StreamRegistry registry;
    private final int bufferSize;

    // Guarded by this.
    private final ArrayDeque<OutboundSseEvent> queue = new ArrayDeque<>();
    private long cursor;
    private boolean behind;
    private boolean reading;
    private boolean sending;
    private boolean closed;
    private long sent;
    private long sentAtLastBeat;

    public ChangeStream(String userId, SseEventSink sink, Sse sse, ChangeSource source, StreamRegistry registry, int bufferSize) {
        this.userId = userId;
        this.sink = sink;
        this.sse = sse;
        this.source = source;
        this.registry = registry;
        this.bufferSize = bufferSize;
    }

    String userId() {
        return userId;
    }

    /**
     * Sends {@code opening} (when not null) and the changes after {@code afterSeq}, then follows new
     * ones.
     */
    public void start(long afterSeq, Change opening) {
        synchronized (this) {
            cursor = afterSeq;
            // Something at once, so that the response starts even when there is nothing to say yet.
            queue.add(sse.newEventBuilder().comment("open").build());
            if (opening != null) {
                queue.add(event(opening));
            }
        }
        registry.add(this);
        drain();
        wake();
    }

    /** Changes may have been recorded: read them once there is room. */
    public void wake() {
        synchronized (this) {
            behind = true;
        }
        read();
    }

    private void read() {
        long after;
        int room;
        synchronized (this) {
            room = bufferSize - queue.size();
            if (closed || reading || !behind || room <= 0) {
                return;
            }
            reading = true;
            behind = false;
            after = cursor;
        }
        source.after(after, room).subscribe().with(changes -> {
            synchronized (this) {
                reading = false;
                changes.stream().filter(change -> change.name() != null).forEach(change -> queue.add(event(change)));
                if (!changes.isEmpty()) {
                    cursor = changes.getLast().seq();
                }
                // A full read may have left more behind it.
                behind |= changes.size() == room;
            }
            drain();
            read();
        }, this::fail);
    }

    /** Writes queued events one at a time: the next only once the client took the last. */
    private void drain() {
        OutboundSseEvent next;
        synchronized (this) {
            if (closed || sending || queue.isEmpty()) {
                return;
            }
            sending = true;
            next = queue.poll();
        }
        CompletionStage<?> written;
        try {
            written = sink.send(next);
        } catch (IllegalStateException clientGone) {
            // The sink says so by throwing, not by failing the write, once the connection is closed.
            close();
            return;
        }
        written.whenComplete((ignored, failure) -> {
            if (failure != null) {
                close();
                return;
            }
            synchronized (this) {
                sending = false;
                sent++;
            }
            drain();
            read();
        });
    }

    /**
     * A comment when idle, which also finds a vanished client (the write fails). A client that took
     * nothing since the last beat while events waited for it is dropped.
     */
    public void heartbeat() {
        boolean drop;
        synchronized (this) {
            if (closed) {
                return;
            }
            boolean waiting = sending || !queue.isEmpty();
            drop = sink.isClosed() || (waiting && sent == sentAtLastBeat);
            sentAtLastBeat = sent;
            if (!drop && !waiting) {
                queue.add(sse.newEventBuilder().comment("heartbeat").build());
            }
        }
        if (drop) {
            close();
        } else {
            drain();
        }
    }

    private void fail(Throwable failure) {
        LOG.warnf("closing a notification stream: %s", failure.getMessage());
        close();
    }

    /** Releases the stream: its buffer, its place in the registry, its connection. */
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
        }
        registry.remove(this);
        sink.close();
    }

    private OutboundSseEvent event(Change change) {
        return sse.newEventBuilder()
                .id(Long.toString(change.seq()))
                .name(change.name())
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(change.data())
                .build();
    }
}

package io.strategos.localstack.testing;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server-sent events client over the JDK's HttpClient, as a browser's EventSource reads a stream:
 * fields per line, an event per blank line, comments kept apart. For the stream tests and benchmarks.
 */
public final class SseClient implements AutoCloseable {

    /** One event; {@code comment} is set, and the rest null, for a comment line. */
    public record Event(String id, String name, String data, String comment) {
    }

    private final HttpClient http;
    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;

    private SseClient(HttpClient http, HttpResponse<Stream<String>> response) {
        this.http = http;
        this.response = response;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    /** Opens the stream at {@code uri}; without a token when it is null, replaying after {@code lastEventId} unless null. */
    public static SseClient open(URI uri, String token, String lastEventId) {
        // HTTP/1.1, as EventSource speaks to a plain-http server: no h2c upgrade.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new SseClient(http, http.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** The next event that is not a comment. */
    public Event next(Duration timeout) throws InterruptedException {
        Event event;
        do {
            event = poll(timeout);
        } while (event.comment() != null);
        return event;
    }

    /** The next event or comment, whichever comes first. */
    public Event poll(Duration timeout) throws InterruptedException {
        Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no event within " + timeout);
        }
        return event;
    }

    /** Every event (not comment) that arrives within {@code window}. */
    public List<Event> drain(Duration window) throws InterruptedException {
        List<Event> drained = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            Event event = events.poll(left, TimeUnit.NANOSECONDS);
            if (event != null && event.comment() == null) {
                drained.add(event);
            }
        }
        return drained;
    }

    /** Whether the server ended the stream. */
    public boolean ended() {
        return !reader.isAlive();
    }

    private void read() {
        String id = null;
        String name = null;
        StringBuilder data = null;
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, name, data.toString(), null));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    events.add(new Event(null, null, null, line.substring(1).strip()));
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> { }
                    }
                }
            }
        } catch (UncheckedIOException e) {
            // the connection ended: so does the stream
        }
    }

    /** Drops the connection, as a client that goes away does. */
    @Override
    public void close() {
        http.shutdownNow();
        reader.interrupt();
    }
}

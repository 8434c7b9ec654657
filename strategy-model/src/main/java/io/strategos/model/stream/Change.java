package io.strategos.model.stream;

/**
 * One event of a change stream: {@code seq} is its id (a client's Last-Event-ID), {@code name} its SSE
 * event name, {@code data} what is sent as its JSON data. A change with no name sends nothing: the
 * stream only moves its cursor past it (say, a change whose subject has been deleted since).
 */
public record Change(long seq, String name, Object data) {
}

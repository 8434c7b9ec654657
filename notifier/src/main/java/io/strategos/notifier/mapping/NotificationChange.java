package io.strategos.notifier.mapping;

/**
 * One event of the notification stream: a notification that was created or collapsed (its count went
 * up), and the caller's unread count as of then. {@code seq} is the event's id: a client that
 * reconnects with it as {@code Last-Event-ID} gets every change after it. The first event of a stream
 * that replays nothing carries no notification, only the unread count.
 */
public record NotificationChange(long seq, NotificationView notification, long unreadCount) {
}

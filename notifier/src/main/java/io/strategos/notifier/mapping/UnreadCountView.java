package io.strategos.notifier.mapping;

/** How many of the user's notifications are unread. */
public record UnreadCountView(long count) {
}

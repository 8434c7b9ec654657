package io.strategos.notifier.repository;

import static io.strategos.notifier.repository.Columns.column;

import io.smallrye.mutiny.Uni;
import io.strategos.notifier.mapping.NotificationChange;
import io.strategos.notifier.mapping.NotificationCursor;
import io.strategos.notifier.mapping.NotificationView;
import io.strategos.notifier.service.ConsumedEvent;
import io.strategos.notifier.stream.NotificationChangeListener;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The notifier schema's SQL for notifications. Every read and change of a notification is scoped to its user. */
@ApplicationScoped
public class NotificationRepository {

    private static final String FIND_PROCESSED = """
            SELECT event_id
              FROM notifier.processed_events
             WHERE event_id = ANY($1)
            """;

    // Written last in the transaction, so processed_at is within a round trip of the commit. A
    // replica that applied the same event concurrently (during a rebalance) makes this fail on the
    // primary key: the whole transaction rolls back and the retry finds the event processed.
    private static final String MARK_PROCESSED = """
            INSERT INTO notifier.processed_events (event_id, event_type, processed_at)
            SELECT event_id, event_type, clock_timestamp()
              FROM unnest($1::text[], $2::text[]) AS e(event_id, event_type)
            """;

    // Each row of the batch adds its occurrences to the latest unread notification of the same user,
    // strategy and type created since $12 (the collapse window's start); rows that find none are
    // inserted. The batch holds at most one row per (user, strategy, type): DeliveryBatch folds
    // repeats within a batch together first.
    private static final String INSERT_OR_COLLAPSE = """
            WITH batch AS (
                SELECT *
                  FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[],
                              $8::uuid[], $9::text[], $10::timestamptz[], $11::timestamptz[], $13::integer[], $14::boolean[])
                    AS b(id, user_id, type, title, message, priority, strategy_id, execution_id, source_event_id,
                         created_at, last_occurred_at, occurrences, silent)
            ), latest AS (
                SELECT b.id AS batch_id, recent.id
                  FROM batch b
                 CROSS JOIN LATERAL (
                       SELECT n.id
                         FROM notifier.notifications n
                        WHERE n.user_id = b.user_id AND n.strategy_id = b.strategy_id AND n.type = b.type
                          AND NOT n.read AND n.created_at > $12
                        ORDER BY n.created_at DESC
                        LIMIT 1
                          FOR UPDATE) recent
            ), collapsed AS (
                UPDATE notifier.notifications n
                   SET occurrences = n.occurrences + b.occurrences,
                       last_occurred_at = b.last_occurred_at,
                       message = b.message,
                       execution_id = b.execution_id,
                       silent = b.silent,
                       change_seq = nextval('notifier.notification_change_seq')
                  FROM latest
                  JOIN batch b ON b.id = latest.batch_id
                 WHERE n.id = latest.id
            )
            INSERT INTO notifier.notifications
                   (id, user_id, type, title, message, priority, strategy_id, execution_id, source_event_id,
                    created_at, last_occurred_at, occurrences, silent)
            SELECT id, user_id, type, title, message, priority, strategy_id, execution_id, source_event_id,
                   created_at, last_occurred_at, occurrences, silent
              FROM batch b
             WHERE NOT EXISTS (SELECT 1 FROM latest WHERE latest.batch_id = b.id)
            """;

    private static final String LIST = """
            SELECT id, type, title, message, priority, strategy_id, execution_id, read, silent,
                   occurrences, created_at, last_occurred_at
              FROM notifier.notifications
             WHERE user_id = $1
               AND ($2::boolean IS NULL OR read = NOT $2)
               AND ($3::text IS NULL OR type = $3)
               AND ($5::timestamptz IS NULL OR (created_at, id) < ($5, $6::uuid))
             ORDER BY created_at DESC, id DESC
             LIMIT $4
            """;

    private static final String UNREAD_COUNT = """
            SELECT count(*) AS unread
              FROM notifier.notifications
             WHERE user_id = $1 AND NOT read
            """;

    private static final String MARK_READ = """
            UPDATE notifier.notifications
               SET read = true
             WHERE user_id = $1 AND id = $2
            """;

    private static final String MARK_ALL_READ = """
            UPDATE notifier.notifications
               SET read = true
             WHERE user_id = $1 AND NOT read
            """;

    private static final String DELETE = """
            DELETE FROM notifier.notifications
             WHERE user_id = $1 AND id = $2
            """;

    // One notification per user per transaction: PostgreSQL folds identical ones within a transaction,
    // and delivers them to every listening replica only when it commits.
    private static final String ANNOUNCE = """
            SELECT pg_notify('%s', user_id)
              FROM unnest($1::text[]) AS u(user_id)
            """.formatted(NotificationChangeListener.CHANNEL);

    // A stream's changes after its cursor, oldest first, with the unread count as of this read.
    private static final String CHANGES_SINCE = """
            SELECT id, type, title, message, priority, strategy_id, execution_id, read, silent,
                   occurrences, created_at, last_occurred_at, change_seq,
                   (SELECT count(*) FROM notifier.notifications u WHERE u.user_id = $1 AND NOT u.read) AS unread
              FROM notifier.notifications
             WHERE user_id = $1 AND change_seq > $2
             ORDER BY change_seq
             LIMIT $3
            """;

    private static final String LATEST_CHANGE = """
            SELECT coalesce(max(change_seq), 0) AS latest,
                   count(*) FILTER (WHERE NOT read) AS unread
              FROM notifier.notifications
             WHERE user_id = $1
            """;

    private final Pool pool;

    public NotificationRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** Which of these events were applied before. */
    public Uni<Set<String>> findProcessed(SqlClient tx, List<String> eventIds) {
        return tx.preparedQuery(FIND_PROCESSED).execute(Tuple.of(eventIds.toArray(String[]::new))).map(rows -> {
            Set<String> processed = new HashSet<>();
            rows.forEach(row -> processed.add(row.getString("event_id")));
            return processed;
        });
    }

    public Uni<Void> markProcessed(SqlClient tx, List<ConsumedEvent> events) {
        return tx.preparedQuery(MARK_PROCESSED).execute(Tuple.of(
                        column(events, ConsumedEvent::id, String[]::new),
                        column(events, e -> e.type().typeName(), String[]::new)))
                .replaceWithVoid();
    }

    /** Stores each notification, or adds its occurrences to a recent unread one of the same kind. */
    public Uni<Void> insertOrCollapse(SqlClient tx, List<NewNotification> batch, OffsetDateTime collapseSince) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(INSERT_OR_COLLAPSE).execute(Tuple.from(Arrays.asList(
                        column(batch, NewNotification::id, UUID[]::new),
                        column(batch, NewNotification::userId, String[]::new),
                        column(batch, NewNotification::type, String[]::new),
                        column(batch, NewNotification::title, String[]::new),
                        column(batch, NewNotification::message, String[]::new),
                        column(batch, NewNotification::priority, String[]::new),
                        column(batch, NewNotification::strategyId, UUID[]::new),
                        column(batch, NewNotification::executionId, UUID[]::new),
                        column(batch, NewNotification::sourceEventId, String[]::new),
                        column(batch, NewNotification::createdAt, OffsetDateTime[]::new),
                        column(batch, NewNotification::lastOccurredAt, OffsetDateTime[]::new),
                        collapseSince,
                        column(batch, NewNotification::occurrences, Integer[]::new),
                        column(batch, NewNotification::silent, Boolean[]::new))))
                .replaceWithVoid();
    }

    /** Wakes these users' streams on every replica, once the transaction commits. */
    public Uni<Void> announce(SqlClient tx, Set<String> userIds) {
        return tx.preparedQuery(ANNOUNCE).execute(Tuple.of((Object) userIds.toArray(String[]::new))).replaceWithVoid();
    }

    /** Up to {@code limit} of the user's changes after {@code afterSeq}, oldest first. */
    public Uni<List<NotificationChange>> changesSince(String userId, long afterSeq, int limit) {
        return pool.preparedQuery(CHANGES_SINCE).execute(Tuple.of(userId, afterSeq, limit)).map(rows -> {
            List<NotificationChange> changes = new ArrayList<>(rows.size());
            rows.forEach(row -> changes.add(new NotificationChange(row.getLong("change_seq"), view(row), row.getLong("unread"))));
            return changes;
        });
    }

    /** Where a stream that replays nothing starts: the user's latest change (no notification), and their unread count. */
    public Uni<NotificationChange> latestChange(String userId) {
        return pool.preparedQuery(LATEST_CHANGE).execute(Tuple.of(userId)).map(rows -> {
            Row row = rows.iterator().next();
            return new NotificationChange(row.getLong("latest"), null, row.getLong("unread"));
        });
    }

    /** The user's notifications, newest first, after {@code cursor} when it is given. */
    public Uni<List<NotificationView>> list(String userId, Boolean unreadOnly, String type, int limit, NotificationCursor cursor) {
        OffsetDateTime afterCreatedAt = cursor == null ? null : cursor.createdAt();
        UUID afterId = cursor == null ? null : cursor.id();
        return pool.preparedQuery(LIST).execute(Tuple.from(Arrays.asList(userId, unreadOnly, type, limit, afterCreatedAt, afterId)))
                .map(rows -> {
                    List<NotificationView> views = new ArrayList<>(rows.size());
                    rows.forEach(row -> views.add(view(row)));
                    return views;
                });
    }

    public Uni<Long> unreadCount(String userId) {
        return pool.preparedQuery(UNREAD_COUNT).execute(Tuple.of(userId)).map(rows -> rows.iterator().next().getLong("unread"));
    }

    /** @return false when the user has no such notification */
    public Uni<Boolean> markRead(String userId, UUID id) {
        return pool.preparedQuery(MARK_READ).execute(Tuple.of(userId, id)).map(rows -> rows.rowCount() == 1);
    }

    /** @return how many notifications were unread */
    public Uni<Integer> markAllRead(String userId) {
        return pool.preparedQuery(MARK_ALL_READ).execute(Tuple.of(userId)).map(rows -> rows.rowCount());
    }

    /** @return false when the user has no such notification */
    public Uni<Boolean> delete(String userId, UUID id) {
        return pool.preparedQuery(DELETE).execute(Tuple.of(userId, id)).map(rows -> rows.rowCount() == 1);
    }

    private static NotificationView view(Row row) {
        return new NotificationView(row.getUUID("id"), row.getString("type"), row.getString("title"), row.getString("message"),
                row.getString("priority"), row.getUUID("strategy_id"), row.getUUID("execution_id"), row.getBoolean("read"),
                row.getBoolean("silent"), row.getInteger("occurrences"), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("last_occurred_at"));
    }

    /**
     * A notification to store, or occurrences to add to a recent one.
     *
     * @param createdAt      when its first occurrence was applied
     * @param lastOccurredAt when its last occurrence was applied; title and priority are the first's,
     *                       message, execution and silence the last's
     */
    public record NewNotification(UUID id, String userId, String type, String title, String message, String priority,
                                  UUID strategyId, UUID executionId, String sourceEventId, OffsetDateTime createdAt,
                                  OffsetDateTime lastOccurredAt, int occurrences, boolean silent) {

        /** This notification with one more occurrence, {@code repeat}. */
        public NewNotification repeatedBy(NewNotification repeat) {
            return new NewNotification(id, userId, type, title, repeat.message(), priority, strategyId, repeat.executionId(),
                    sourceEventId, createdAt, repeat.lastOccurredAt(), occurrences + repeat.occurrences(), repeat.silent());
        }
    }
}

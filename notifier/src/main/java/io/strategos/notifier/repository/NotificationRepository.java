package io.strategos.notifier.repository;

import io.smallrye.mutiny.Uni;
import io.strategos.notifier.mapping.NotificationCursor;
import io.strategos.notifier.mapping.NotificationView;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The notifier schema's SQL for notifications. Every read and change of a notification is scoped to its user. */
@ApplicationScoped
public class NotificationRepository {

    private static final String MARK_PROCESSED = """
            INSERT INTO notifier.processed_events (event_id, event_type)
            VALUES ($1, $2)
            ON CONFLICT (event_id) DO NOTHING
            """;

    // Adds to the latest unread notification of the same type and strategy created since $11 (the
    // collapse window's start), or, when there is none, inserts a new one. One round trip either way;
    // a row comes back only when one was inserted.
    private static final String INSERT_OR_COLLAPSE = """
            WITH latest AS (
                SELECT id
                  FROM notifier.notifications
                 WHERE user_id = $2 AND strategy_id = $7 AND type = $3 AND NOT read AND created_at > $11
                 ORDER BY created_at DESC
                 LIMIT 1
                   FOR UPDATE
            ), collapsed AS (
                UPDATE notifier.notifications n
                   SET occurrences = n.occurrences + 1,
                       last_occurred_at = $10,
                       message = $5,
                       execution_id = $8,
                       silent = $12
                  FROM latest
                 WHERE n.id = latest.id
                RETURNING n.id
            )
            INSERT INTO notifier.notifications
                   (id, user_id, type, title, message, priority, strategy_id, execution_id, source_event_id,
                    created_at, last_occurred_at, silent)
            SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $12
             WHERE NOT EXISTS (SELECT 1 FROM collapsed)
            RETURNING id
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

    private final Pool pool;

    public NotificationRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** @return true when the event is new; false when it was applied before */
    public Uni<Boolean> markProcessed(SqlClient tx, String eventId, String eventType) {
        return tx.preparedQuery(MARK_PROCESSED).execute(Tuple.of(eventId, eventType)).map(rows -> rows.rowCount() == 1);
    }

    /** @return true when a notification was inserted; false when the occurrence was added to a recent one */
    public Uni<Boolean> insertOrCollapse(SqlClient tx, NewNotification n, OffsetDateTime collapseSince) {
        return tx.preparedQuery(INSERT_OR_COLLAPSE).execute(Tuple.from(Arrays.asList(n.id(), n.userId(), n.type(), n.title(),
                        n.message(), n.priority(), n.strategyId(), n.executionId(), n.sourceEventId(), n.occurredAt(),
                        collapseSince, n.silent())))
                .map(rows -> rows.rowCount() == 1);
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

    /** A notification to store, or an occurrence to add to a recent one. */
    public record NewNotification(UUID id, String userId, String type, String title, String message, String priority,
                                  UUID strategyId, UUID executionId, String sourceEventId, OffsetDateTime occurredAt,
                                  boolean silent) {
    }
}

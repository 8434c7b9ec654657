package io.strategos.notifier.repository;

import io.smallrye.mutiny.Uni;
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

/** The notifier schema's SQL. Every read and change of a notification is scoped to its user. */
@ApplicationScoped
public class NotificationRepository {

    private static final String MARK_PROCESSED = """
            INSERT INTO notifier.processed_events (event_id, event_type)
            VALUES ($1, $2)
            ON CONFLICT (event_id) DO NOTHING
            """;

    private static final String INSERT = """
            INSERT INTO notifier.notifications
                   (id, user_id, type, title, message, priority, strategy_id, execution_id, source_event_id, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """;

    private static final String LIST = """
            SELECT id, type, title, message, priority, strategy_id, execution_id, read, created_at
              FROM notifier.notifications
             WHERE user_id = $1
               AND ($2::boolean IS NULL OR read = NOT $2)
               AND ($3::text IS NULL OR type = $3)
             ORDER BY created_at DESC, id DESC
             LIMIT $4
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

    public Uni<Void> insert(SqlClient tx, NewNotification n) {
        return tx.preparedQuery(INSERT).execute(Tuple.from(Arrays.asList(n.id(), n.userId(), n.type(), n.title(), n.message(),
                        n.priority(), n.strategyId(), n.executionId(), n.sourceEventId(), n.createdAt())))
                .replaceWithVoid();
    }

    public Uni<List<NotificationView>> list(String userId, Boolean unreadOnly, String type, int limit) {
        return pool.preparedQuery(LIST).execute(Tuple.from(Arrays.asList(userId, unreadOnly, type, limit))).map(rows -> {
            List<NotificationView> views = new ArrayList<>(rows.size());
            rows.forEach(row -> views.add(view(row)));
            return views;
        });
    }

    private static NotificationView view(Row row) {
        return new NotificationView(row.getUUID("id"), row.getString("type"), row.getString("title"), row.getString("message"),
                row.getString("priority"), row.getUUID("strategy_id"), row.getUUID("execution_id"), row.getBoolean("read"),
                row.getOffsetDateTime("created_at").toInstant());
    }

    /** A notification to store. */
    public record NewNotification(UUID id, String userId, String type, String title, String message, String priority,
                                  UUID strategyId, UUID executionId, String sourceEventId, OffsetDateTime createdAt) {
    }
}

package io.strategos.notifier.repository;

import static io.strategos.notifier.repository.Columns.column;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import io.strategos.notifier.preference.Profile;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Emails to send and their delivery status. Several replicas may run the delivery job at once: each
 * takes its rows with {@code FOR UPDATE SKIP LOCKED} and hides them behind a lease while it sends.
 */
@ApplicationScoped
public class EmailDeliveryRepository {

    // An email goes out for the first occurrence of a type for a strategy in each collapse window
    // ($12 is the window's start); the in-app notification counts the repeats. The batch holds at most
    // one email per (user, strategy, type): DeliveryBatch keeps only the first of a batch.
    private static final String INSERT_UNLESS_COLLAPSED = """
            INSERT INTO notifier.email_deliveries
                   (id, user_id, kind, status, notification_type, strategy_id, subject, body, source_event_id,
                    release_at, next_attempt_at, created_at)
            SELECT b.id, b.user_id, 'single', b.status, b.notification_type, b.strategy_id, b.subject, b.body,
                   b.source_event_id, b.release_at, b.next_attempt_at, b.created_at
              FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[],
                          $9::timestamptz[], $10::timestamptz[], $11::timestamptz[])
                AS b(id, user_id, status, notification_type, strategy_id, subject, body, source_event_id,
                     release_at, next_attempt_at, created_at)
             WHERE NOT EXISTS (
                   SELECT 1
                     FROM notifier.email_deliveries e
                    WHERE e.user_id = b.user_id AND e.strategy_id = b.strategy_id
                      AND e.notification_type = b.notification_type AND e.kind = 'single' AND e.created_at > $12)
            """;

    // Bundles each user's held emails whose quiet hours have ended into one new pending digest.
    private static final String RELEASE_HELD_INTO_DIGESTS = """
            WITH due AS (
                SELECT id, user_id
                  FROM notifier.email_deliveries
                 WHERE status = 'held' AND digest_id IS NULL AND release_at <= $1
                 ORDER BY release_at
                 LIMIT $2
                   FOR UPDATE SKIP LOCKED
            ), digests AS (
                SELECT user_id, gen_random_uuid() AS id
                  FROM due
                 GROUP BY user_id
            ), created AS (
                INSERT INTO notifier.email_deliveries (id, user_id, kind, status, next_attempt_at, created_at)
                SELECT id, user_id, 'digest', 'pending', $1, $1
                  FROM digests
            )
            UPDATE notifier.email_deliveries e
               SET digest_id = digests.id
              FROM due
              JOIN digests USING (user_id)
             WHERE e.id = due.id
            """;

    // Takes due pending emails and pushes their next attempt past the lease, so that no other replica
    // takes them while this one sends; a replica that dies mid-send leaves them to be retried.
    private static final String CLAIM_DUE = """
            UPDATE notifier.email_deliveries e
               SET attempts = e.attempts + 1,
                   next_attempt_at = $2
              FROM (SELECT id
                      FROM notifier.email_deliveries
                     WHERE status = 'pending' AND next_attempt_at <= $1
                     ORDER BY next_attempt_at
                     LIMIT $3
                       FOR UPDATE SKIP LOCKED) due
             WHERE e.id = due.id
            RETURNING e.id, e.user_id, e.kind, e.subject, e.body, e.attempts,
                      (SELECT p.email FROM notifier.notification_profiles p WHERE p.user_id = e.user_id) AS email,
                      (SELECT p.time_zone FROM notifier.notification_profiles p WHERE p.user_id = e.user_id) AS time_zone
            """;

    private static final String DIGEST_ITEMS = """
            SELECT subject, body, created_at
              FROM notifier.email_deliveries
             WHERE digest_id = $1
             ORDER BY created_at, id
            """;

    // A digest's items share its fate.
    private static final String MARK_SENT = """
            UPDATE notifier.email_deliveries
               SET status = 'sent', sent_at = $2, last_error = NULL
             WHERE id = $1 OR digest_id = $1
            """;

    private static final String MARK_FAILED = """
            UPDATE notifier.email_deliveries
               SET status = 'failed', last_error = $2
             WHERE id = $1 OR digest_id = $1
            """;

    private static final String SCHEDULE_RETRY = """
            UPDATE notifier.email_deliveries
               SET next_attempt_at = $2, last_error = $3
             WHERE id = $1
            """;

    private final Pool pool;

    public EmailDeliveryRepository(Pool pool) {
        this.pool = pool;
    }

    /** Writes each email unless one of its type for its strategy was written in the collapse window. */
    public Uni<Void> insertUnlessCollapsed(SqlClient tx, List<NewEmail> batch, OffsetDateTime collapseSince) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(INSERT_UNLESS_COLLAPSED).execute(Tuple.from(Arrays.asList(
                        column(batch, NewEmail::id, UUID[]::new),
                        column(batch, NewEmail::userId, String[]::new),
                        column(batch, e -> e.held() ? "held" : "pending", String[]::new),
                        column(batch, NewEmail::type, String[]::new),
                        column(batch, NewEmail::strategyId, UUID[]::new),
                        column(batch, NewEmail::subject, String[]::new),
                        column(batch, NewEmail::body, String[]::new),
                        column(batch, NewEmail::sourceEventId, String[]::new),
                        column(batch, NewEmail::releaseAt, OffsetDateTime[]::new),
                        column(batch, e -> e.held() ? null : e.createdAt(), OffsetDateTime[]::new),
                        column(batch, NewEmail::createdAt, OffsetDateTime[]::new),
                        collapseSince)))
                .replaceWithVoid();
    }

    /** @return how many held emails were bundled into digests */
    public Uni<Integer> releaseHeld(OffsetDateTime now, int limit) {
        return pool.preparedQuery(RELEASE_HELD_INTO_DIGESTS).execute(Tuple.of(now, limit)).map(rows -> rows.rowCount());
    }

    public Uni<List<ClaimedEmail>> claimDue(OffsetDateTime now, OffsetDateTime leaseUntil, int limit) {
        return pool.preparedQuery(CLAIM_DUE).execute(Tuple.of(now, leaseUntil, limit)).map(rows -> {
            List<ClaimedEmail> claimed = new ArrayList<>(rows.size());
            rows.forEach(row -> claimed.add(new ClaimedEmail(row.getUUID("id"), row.getString("user_id"),
                    "digest".equals(row.getString("kind")), row.getString("subject"), row.getString("body"),
                    row.getInteger("attempts"), row.getString("email"),
                    row.getString("time_zone") == null ? Profile.DEFAULT.timeZone() : ZoneId.of(row.getString("time_zone")))));
            return claimed;
        });
    }

    public Uni<List<DigestItem>> digestItems(UUID digestId) {
        return pool.preparedQuery(DIGEST_ITEMS).execute(Tuple.of(digestId)).map(rows -> {
            List<DigestItem> items = new ArrayList<>(rows.size());
            rows.forEach(row -> items.add(item(row)));
            return items;
        });
    }

    public Uni<Void> markSent(UUID id, OffsetDateTime now) {
        return pool.preparedQuery(MARK_SENT).execute(Tuple.of(id, now)).replaceWithVoid();
    }

    public Uni<Void> markFailed(UUID id, String error) {
        return pool.preparedQuery(MARK_FAILED).execute(Tuple.of(id, error)).replaceWithVoid();
    }

    public Uni<Void> scheduleRetry(UUID id, OffsetDateTime at, String error) {
        return pool.preparedQuery(SCHEDULE_RETRY).execute(Tuple.of(id, at, error)).replaceWithVoid();
    }

    private static DigestItem item(Row row) {
        return new DigestItem(row.getString("subject"), row.getString("body"), row.getOffsetDateTime("created_at"));
    }

    /**
     * A single email to write with the event that caused it.
     *
     * @param releaseAt when held, the end of the recipient's quiet hours; otherwise null
     */
    public record NewEmail(UUID id, String userId, String type, UUID strategyId, String subject, String body,
                           String sourceEventId, boolean held, OffsetDateTime releaseAt, OffsetDateTime createdAt) {
    }

    /**
     * An email taken for sending, with the recipient's profile as it is now.
     *
     * @param address null when the user has no email address (any more)
     */
    public record ClaimedEmail(UUID id, String userId, boolean digest, String subject, String body, int attempts, String address,
                               ZoneId timeZone) {
    }

    /** One held email carried by a digest. */
    public record DigestItem(String subject, String body, OffsetDateTime createdAt) {
    }
}

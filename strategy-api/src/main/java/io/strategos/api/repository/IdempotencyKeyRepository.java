package io.strategos.api.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The idempotency_keys table (V13), in the caller's current Hibernate transaction: a key is claimed,
 * and its answer stored, in the transaction of the request it guards.
 */
@ApplicationScoped
public class IdempotencyKeyRepository {

    /** The first answer to a request made with a key, as stored. */
    public record StoredAnswer(String requestHash, int status, String location, String etag, String body) {
    }

    /**
     * Inserts the key, or takes over an expired one; touches no row when the key is live. On a key
     * another transaction has just claimed it waits for that transaction to end.
     */
    private static final String CLAIM = """
            INSERT INTO idempotency_keys (owner_id, idempotency_key, request_hash, expires_at)
            VALUES (?1, ?2, ?3, now() + interval '24 hours')
            ON CONFLICT (owner_id, idempotency_key) DO UPDATE
               SET request_hash = excluded.request_hash, status = NULL, location = NULL, etag = NULL, body = NULL,
                   created_at = now(), expires_at = excluded.expires_at
             WHERE idempotency_keys.expires_at <= now()""";

    private static final String ANSWER = """
            UPDATE idempotency_keys SET status = ?3, location = ?4, etag = ?5, body = ?6
             WHERE owner_id = ?1 AND idempotency_key = ?2""";

    private static final String FIND = """
            SELECT request_hash, status, location, etag, body FROM idempotency_keys
             WHERE owner_id = ?1 AND idempotency_key = ?2 AND status IS NOT NULL""";

    /** @return whether this transaction now holds the key (false: it was used before, and is still live) */
    public Uni<Boolean> claim(String ownerId, String key, String requestHash) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(CLAIM)
                .setParameter(1, ownerId).setParameter(2, key).setParameter(3, requestHash)
                .executeUpdate()).map(rows -> rows == 1);
    }

    public Uni<Void> answer(String ownerId, String key, int status, String location, String etag, String body) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(ANSWER)
                .setParameter(1, ownerId).setParameter(2, key).setParameter(3, status)
                .setParameter(4, location).setParameter(5, etag).setParameter(6, body)
                .executeUpdate()).replaceWithVoid();
    }

    public Uni<Optional<StoredAnswer>> find(String ownerId, String key) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(FIND, Object[].class)
                .setParameter(1, ownerId).setParameter(2, key)
                .getResultList()).map(IdempotencyKeyRepository::first);
    }

    private static Optional<StoredAnswer> first(List<Object[]> rows) {
        return rows.stream().findFirst().map(row -> new StoredAnswer((String) row[0], ((Number) row[1]).intValue(),
                (String) row[2], (String) row[3], (String) row[4]));
    }
}

package io.strategos.api.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Deletes expired idempotency keys, a bounded batch at a time, through V13's function (as strategos_api
 * this service sees only one user's rows). Every replica runs it; the batches do not conflict.
 */
@ApplicationScoped
public class IdempotencyKeyPurge {

    private static final int BATCH_SIZE = 10_000;

    private final Pool pool;

    public IdempotencyKeyPurge(Pool pool) {
        this.pool = pool;
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> purge() {
        return pool.preparedQuery("SELECT purge_expired_idempotency_keys($1)").execute(Tuple.of(BATCH_SIZE)).replaceWithVoid();
    }
}

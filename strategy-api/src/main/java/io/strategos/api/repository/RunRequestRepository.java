package io.strategos.api.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** Queues run-now requests for executor-worker (see the run_requests table in the V3 migration). */
@ApplicationScoped
public class RunRequestRepository {

    private static final String INSERT = """
            INSERT INTO run_requests (execution_id, strategy_id, owner_id, requested_at)
            VALUES (?1, ?2, ?3, ?4)
            """;

    /** Inside the caller's Hibernate transaction. */
    public Uni<Void> add(UUID executionId, UUID strategyId, String ownerId, Instant requestedAt) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(INSERT)
                        .setParameter(1, executionId)
                        .setParameter(2, strategyId)
                        .setParameter(3, ownerId)
                        .setParameter(4, requestedAt.atOffset(ZoneOffset.UTC))
                        .executeUpdate())
                .replaceWithVoid();
    }
}

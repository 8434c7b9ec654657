package io.strategos.api.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A strategy's run state (strategy_run_state, V12), as strategy-api changes it: the next slot is set
 * exactly while the strategy runs, and executor-worker claims from it. Inside the caller's Hibernate
 * transaction, after the strategy row is locked: the order executor-worker locks the two in too.
 */
@ApplicationScoped
public class RunStateRepository {

    // A strategy (re)starting runs from its first slot with its failure count reset.
    private static final String SCHEDULE = """
            INSERT INTO strategy_run_state (strategy_id, owner_id, next_run_at)
            VALUES (?1, ?2, ?3)
            ON CONFLICT (strategy_id) DO UPDATE
               SET next_run_at = excluded.next_run_at,
                   consecutive_errors = 0
            """;

    private static final String UNSCHEDULE = """
            INSERT INTO strategy_run_state (strategy_id, owner_id)
            VALUES (?1, ?2)
            ON CONFLICT (strategy_id) DO UPDATE
               SET next_run_at = NULL
            """;

    /** The strategy runs, first at {@code firstSlot}. */
    public Uni<Void> schedule(UUID strategyId, String ownerId, Instant firstSlot) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(SCHEDULE)
                        .setParameter(1, strategyId)
                        .setParameter(2, ownerId)
                        .setParameter(3, firstSlot.atOffset(ZoneOffset.UTC))
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The strategy does not run (any more); its counters stay. */
    public Uni<Void> unschedule(UUID strategyId, String ownerId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(UNSCHEDULE)
                        .setParameter(1, strategyId)
                        .setParameter(2, ownerId)
                        .executeUpdate())
                .replaceWithVoid();
    }
}

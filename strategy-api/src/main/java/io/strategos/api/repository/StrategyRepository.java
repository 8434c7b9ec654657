package io.strategos.api.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.strategos.api.domain.Strategy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.UUID;

/** Strategies, always looked up through their owner: another user's strategy does not exist. */
@ApplicationScoped
public class StrategyRepository implements PanacheRepositoryBase<Strategy, UUID> {

    public Uni<Strategy> findOwned(UUID id, String ownerId) {
        return find("id = ?1 and ownerId = ?2", id, ownerId).firstResult();
    }

    /**
     * The strategy, row-locked until the transaction ends: concurrent changes (another request, the
     * executor recording a run) queue behind this one instead of overwriting it.
     */
    public Uni<Strategy> findOwnedForUpdate(UUID id, String ownerId) {
        return find("id = ?1 and ownerId = ?2", id, ownerId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}

package io.strategos.api.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.strategos.api.domain.Strategy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Strategies, always looked up through their owner: another user's strategy does not exist. */
@ApplicationScoped
public class StrategyRepository implements PanacheRepositoryBase<Strategy, UUID> {

    public Uni<Strategy> findOwned(UUID id, String ownerId) {
        return find("id = ?1 and ownerId = ?2", id, ownerId).firstResult();
    }

    public Uni<List<Strategy>> listOwned(String ownerId, int limit) {
        return find("ownerId", Sort.descending("createdAt").and("id", Sort.Direction.Descending), ownerId)
                .page(Page.ofSize(limit)).list();
    }
}

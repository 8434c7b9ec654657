package io.strategos.api.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.strategos.api.domain.StrategyVersion;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Saved versions. Callers check the strategy's owner first: versions carry none. */
@ApplicationScoped
public class StrategyVersionRepository implements PanacheRepositoryBase<StrategyVersion, StrategyVersion.Key> {

    /** Newest first, those below {@code before} (all when null). */
    public Uni<List<StrategyVersion>> listBefore(UUID strategyId, Integer before, int limit) {
        return find("key.strategyId = ?1 and key.version < ?2", Sort.descending("key.version"), strategyId,
                before == null ? Integer.MAX_VALUE : before)
                .page(Page.ofSize(limit)).list();
    }
}

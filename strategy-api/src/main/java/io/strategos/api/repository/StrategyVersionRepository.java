package io.strategos.api.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.strategos.api.domain.StrategyVersion;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class StrategyVersionRepository implements PanacheRepositoryBase<StrategyVersion, StrategyVersion.Key> {
}

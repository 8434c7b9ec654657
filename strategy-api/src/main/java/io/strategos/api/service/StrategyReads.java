package io.strategos.api.service;

import io.smallrye.mutiny.Uni;
import io.strategos.api.domain.Strategy;
import io.strategos.api.mapping.Cursor;
import io.strategos.api.mapping.ExecutionView;
import io.strategos.api.mapping.Page;
import io.strategos.api.mapping.Pages;
import io.strategos.api.mapping.PortfolioView;
import io.strategos.api.mapping.StatsView;
import io.strategos.api.mapping.TradeView;
import io.strategos.api.mapping.TransitionView;
import io.strategos.api.repository.ExecutionQueries;
import io.strategos.api.repository.PortfolioQueries;
import io.strategos.api.repository.StatsQueries;
import io.strategos.api.repository.StrategyQueries;
import io.strategos.api.repository.TransitionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import java.util.List;
import java.util.UUID;

/**
 * Reports over a strategy's runs and paper account. Each first finds the caller's strategy, so
 * another user's strategy is a 404 rather than an empty report.
 */
@ApplicationScoped
public class StrategyReads {

    private final StrategyQueries strategies;
    private final ExecutionQueries executions;
    private final StatsQueries stats;
    private final PortfolioQueries portfolios;
    private final TransitionRepository transitions;

    public StrategyReads(StrategyQueries strategies, ExecutionQueries executions, StatsQueries stats,
                         PortfolioQueries portfolios, TransitionRepository transitions) {
        this.strategies = strategies;
        this.executions = executions;
        this.stats = stats;
        this.portfolios = portfolios;
        this.transitions = transitions;
    }

    public Uni<Page<ExecutionView>> executions(String ownerId, UUID id, ExecutionQueries.Filter filter, String cursor,
                                               int limit) {
        Cursor after = Cursor.decodeTimed(cursor);
        return owned(ownerId, id)
                .flatMap(s -> executions.listForStrategy(id, ownerId, filter, after, limit + 1))
                .map(found -> Pages.of(found, limit, ExecutionQueries.Found::execution,
                        f -> new Cursor(f.sortKey(), f.execution().id())));
    }

    public Uni<StatsView> stats(String ownerId, UUID id) {
        return owned(ownerId, id).flatMap(s -> stats.forOwnedStrategy(id, ownerId,
                "running".equals(s.status) ? s.nextExecutionAt : null));
    }

    public Uni<PortfolioView> portfolio(String ownerId, UUID id) {
        return owned(ownerId, id).flatMap(s -> portfolios.portfolio(id, ownerId, s.paperBankrollUsd));
    }

    public Uni<Page<TradeView>> trades(String ownerId, UUID id, String cursor, int limit) {
        Cursor after = Cursor.decodeTimed(cursor);
        return owned(ownerId, id)
                .flatMap(s -> portfolios.trades(id, ownerId, after, limit + 1))
                .map(found -> Pages.of(found, limit, PortfolioQueries.FoundTrade::trade,
                        f -> new Cursor(f.sortKey(), f.trade().id())));
    }

    public Uni<List<TransitionView>> transitions(String ownerId, UUID id, int limit) {
        return owned(ownerId, id).flatMap(s -> transitions.latest(id, ownerId, limit));
    }

    Uni<Strategy> owned(String ownerId, UUID id) {
        return strategies.findOwned(id, ownerId).onItem().ifNull()
                .failWith(() -> new NotFoundException("no strategy " + id));
    }
}

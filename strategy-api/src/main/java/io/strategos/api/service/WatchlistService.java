package io.strategos.api.service;

import io.smallrye.mutiny.Uni;
import io.strategos.api.mapping.Cursor;
import io.strategos.api.mapping.Page;
import io.strategos.api.mapping.Pages;
import io.strategos.api.mapping.WatchlistEntryView;
import io.strategos.api.mapping.WatchlistRequest;
import io.strategos.api.repository.WatchlistRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import java.util.List;
import java.util.UUID;

/** A strategy's watchlist: one entry per market, newest first. */
@ApplicationScoped
public class WatchlistService {

    private final StrategyReads strategies;
    private final WatchlistRepository watchlist;
    private final RequestValidator validator;

    public WatchlistService(StrategyReads strategies, WatchlistRepository watchlist, RequestValidator validator) {
        this.strategies = strategies;
        this.watchlist = watchlist;
        this.validator = validator;
    }

    public Uni<Page<WatchlistEntryView>> list(String ownerId, UUID strategyId, String cursor, int limit) {
        Cursor after = Cursor.decodeTimed(cursor);
        return strategies.owned(ownerId, strategyId)
                .flatMap(s -> watchlist.list(strategyId, ownerId, after, limit + 1))
                .map(found -> Pages.of(found, limit, WatchlistRepository.Found::entry,
                        f -> new Cursor(f.sortKey(), f.entry().id())));
    }

    /** Adds a market by hand; a market already watched gives back its existing entry, unchanged. */
    public Uni<WatchlistRepository.Added> add(String ownerId, UUID strategyId, WatchlistRequest request) {
        validator.check(request, List.of());
        return strategies.owned(ownerId, strategyId).flatMap(s -> watchlist.add(strategyId, ownerId,
                request.marketId().strip(), request.reason(), request.metadata()));
    }

    public Uni<Void> remove(String ownerId, UUID strategyId, String marketId) {
        return strategies.owned(ownerId, strategyId)
                .flatMap(s -> watchlist.remove(strategyId, ownerId, marketId))
                .invoke(removed -> {
                    if (!removed) {
                        throw new NotFoundException("market " + marketId + " is not on this watchlist");
                    }
                })
                .replaceWithVoid();
    }
}

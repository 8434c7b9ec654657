package io.strategos.api.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.strategos.api.domain.Strategy;
import io.strategos.api.domain.StrategyStatus;
import io.strategos.api.domain.StrategyVersion;
import io.strategos.api.mapping.Cursor;
import io.strategos.api.mapping.Page;
import io.strategos.api.mapping.Pages;
import io.strategos.api.mapping.StrategyMapper;
import io.strategos.api.mapping.StrategyRequest;
import io.strategos.api.mapping.StrategyView;
import io.strategos.api.mapping.VersionView;
import io.strategos.api.repository.CallerScope;
import io.strategos.api.repository.StrategyQueries;
import io.strategos.api.repository.StrategyRepository;
import io.strategos.api.repository.StrategyVersionRepository;
import io.strategos.model.graph.GraphValidator;
import io.strategos.model.rest.StateConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Strategy definitions: create, read, search, replace (each replace a new version), delete, copy,
 * favourites and version history. Every method acts for one owner, on their strategies only.
 */
@ApplicationScoped
public class StrategyService {

    private final StrategyRepository strategies;
    private final StrategyVersionRepository versions;
    private final StrategyQueries queries;
    private final RequestValidator validator;
    private final StrategyMapper mapper;
    private final Clocks clock;
    private final CallerScope scope;

    public StrategyService(StrategyRepository strategies, StrategyVersionRepository versions, StrategyQueries queries,
                           RequestValidator validator, StrategyMapper mapper, Clocks clock,
                           CallerScope scope) {
        this.strategies = strategies;
        this.versions = versions;
        this.queries = queries;
        this.validator = validator;
        this.mapper = mapper;
        this.clock = clock;
        this.scope = scope;
    }

    @WithTransaction
    public Uni<StrategyView> create(String ownerId, StrategyRequest request) {
        check(request);
        Strategy s = Strategy.draft(ownerId, request.name().strip(), request.description(), request.tags(),
                request.folder(), mapper.write(request.graph()), clock.now());
        return scope.enter(ownerId).flatMap(entered -> persistNew(s));
    }

    /** Plain SQL, not Hibernate: the hottest read has no use for a session, a flush or dirty checking. */
    public Uni<StrategyView> get(String ownerId, UUID id) {
        return queries.findOwned(id, ownerId).onItem().ifNull()
                .failWith(() -> new NotFoundException("no strategy " + id))
                .map(mapper::toView);
    }

    public Uni<Page<StrategyView>> search(String ownerId, StrategyQueries.Filter filter, StrategyQueries.Sort sort,
                                          String cursor, int limit) {
        Cursor after = sort.cursor(cursor);
        return queries.search(ownerId, filter, sort, after, limit + 1).map(found -> Pages.of(found, limit,
                f -> mapper.toView(f.strategy()), f -> new Cursor(f.sortKey(), f.strategy().id)));
    }

    /** Replaces the definition, saving it as the next version; the old versions stay. */
    @WithTransaction
    public Uni<StrategyView> replace(String ownerId, UUID id, String ifMatch, StrategyRequest request) {
        check(request);
        return scope.enter(ownerId).flatMap(entered -> lockedOwned(ownerId, id).flatMap(s -> {
            Preconditions.checkIfMatch(ifMatch, s.version);
            refuseWhenArchived(s, "an archived strategy cannot be edited; unarchive it first");
            Instant now = clock.now();
            s.name = request.name().strip();
            s.description = request.description();
            s.tags = request.tags() == null ? List.of() : List.copyOf(request.tags());
            s.folder = request.folder();
            s.graph = mapper.write(request.graph());
            return saveAsNextVersion(s, now);
        }));
    }

    /** Deletes the strategy with its versions, runs, watchlist and portfolio. */
    @WithTransaction
    public Uni<Void> delete(String ownerId, UUID id, String ifMatch) {
        return scope.enter(ownerId).flatMap(entered -> lockedOwned(ownerId, id).flatMap(s -> {
            Preconditions.checkIfMatch(ifMatch, s.version);
            if (s.currentStatus() == StrategyStatus.RUNNING) {
                throw new StateConflictException(s.status, "a running strategy cannot be deleted; stop it first");
            }
            if (s.leaseExpiresAt != null && s.leaseExpiresAt.isAfter(clock.now())) {
                throw new StateConflictException(s.status, "a run of this strategy is in progress; try again when it has finished");
            }
            return strategies.delete(s);
        }));
    }

    /** A copy of the current definition as a new draft of the same owner. */
    @WithTransaction
    public Uni<StrategyView> duplicate(String ownerId, UUID id) {
        return scope.enter(ownerId).flatMap(entered -> owned(ownerId, id).flatMap(original -> {
            String name = original.name.length() > 193 ? original.name.substring(0, 193) : original.name;
            Strategy copy = Strategy.draft(ownerId, name + " (copy)", original.description, original.tags,
                    original.folder, original.graph, clock.now());
            return persistNew(copy);
        }));
    }

    @WithTransaction
    public Uni<Void> setFavorite(String ownerId, UUID id, boolean favorite) {
        return scope.enter(ownerId).flatMap(entered -> lockedOwned(ownerId, id).invoke(s -> s.favorite = favorite).replaceWithVoid());
    }

    @WithTransaction
    public Uni<Page<VersionView>> versions(String ownerId, UUID id, String cursor, int limit) {
        Cursor after = Cursor.decode(cursor);
        Integer before = after == null ? null : parseVersion(after.key());
        return scope.enter(ownerId).flatMap(entered -> owned(ownerId, id)
                .flatMap(s -> versions.listBefore(id, before, limit + 1))
                .map(list -> Pages.of(list, limit, v -> mapper.toView(v, false),
                        v -> new Cursor(Integer.toString(v.key.version()), id))));
    }

    @WithTransaction
    public Uni<VersionView> version(String ownerId, UUID id, int version) {
        return scope.enter(ownerId).flatMap(entered -> owned(ownerId, id).flatMap(s -> findVersion(id, version)).map(v -> mapper.toView(v, true)));
    }

    /** Makes an old version current again, as a new version: history only grows. */
    @WithTransaction
    public Uni<StrategyView> restore(String ownerId, UUID id, int version, String ifMatch) {
        return scope.enter(ownerId).flatMap(entered -> lockedOwned(ownerId, id).flatMap(s -> {
            Preconditions.checkIfMatch(ifMatch, s.version);
            refuseWhenArchived(s, "an archived strategy cannot be edited; unarchive it first");
            return findVersion(id, version).flatMap(old -> {
                s.name = old.name;
                s.description = old.description;
                s.graph = old.graph;
                return saveAsNextVersion(s, clock.now());
            });
        }));
    }

    /** Saves a new strategy as its version 1; inside the caller's transaction. */
    public Uni<StrategyView> persistNew(Strategy s) {
        return strategies.persist(s)
                .flatMap(saved -> versions.persist(StrategyVersion.of(s, s.createdAt)))
                .map(ignored -> mapper.toView(s));
    }

    private Uni<StrategyView> saveAsNextVersion(Strategy s, Instant now) {
        s.version++;
        s.updatedAt = now;
        return versions.persist(StrategyVersion.of(s, now)).map(ignored -> mapper.toView(s));
    }

    private Uni<StrategyVersion> findVersion(UUID id, int version) {
        return versions.findById(new StrategyVersion.Key(id, version)).onItem().ifNull()
                .failWith(() -> new NotFoundException("strategy " + id + " has no version " + version));
    }

    private void check(StrategyRequest request) {
        validator.check(request, request == null ? List.of() : GraphValidator.validate(request.graph(), "/graph"));
    }

    private static void refuseWhenArchived(Strategy s, String message) {
        if (s.currentStatus() == StrategyStatus.ARCHIVED) {
            throw new StateConflictException(s.status, message);
        }
    }

    private static Integer parseVersion(String key) {
        try {
            return Integer.valueOf(key);
        } catch (NumberFormatException e) {
            throw Cursor.invalid();
        }
    }

    private Uni<Strategy> owned(String ownerId, UUID id) {
        return strategies.findOwned(id, ownerId).onItem().ifNull()
                .failWith(() -> new NotFoundException("no strategy " + id));
    }

    private Uni<Strategy> lockedOwned(String ownerId, UUID id) {
        return strategies.findOwnedForUpdate(id, ownerId).onItem().ifNull()
                .failWith(() -> new NotFoundException("no strategy " + id));
    }
}

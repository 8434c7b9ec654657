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
import io.strategos.api.mapping.StrategyView;
import io.strategos.api.mapping.TemplateView;
import io.strategos.api.repository.CallerScope;
import io.strategos.api.repository.StrategyRepository;
import io.strategos.api.repository.StrategyVersionRepository;
import io.strategos.api.repository.TemplateQueries;
import io.strategos.model.rest.StateConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import java.util.UUID;

/**
 * Public templates. Publishing makes the strategy's current version readable by every user; only
 * the owner can publish again (a newer version) or unpublish. Anyone can copy a template into a
 * draft of their own.
 */
@ApplicationScoped
public class TemplateService {

    private final StrategyRepository strategies;
    private final StrategyVersionRepository versions;
    private final TemplateQueries templates;
    private final StrategyService definitions;
    private final StrategyMapper mapper;
    private final Clocks clock;
    private final CallerScope scope;

    public TemplateService(StrategyRepository strategies, StrategyVersionRepository versions, TemplateQueries templates,
                           StrategyService definitions, StrategyMapper mapper, Clocks clock,
                           CallerScope scope) {
        this.strategies = strategies;
        this.versions = versions;
        this.templates = templates;
        this.definitions = definitions;
        this.mapper = mapper;
        this.clock = clock;
        this.scope = scope;
    }

    @WithTransaction
    public Uni<StrategyView> publish(String ownerId, UUID id) {
        return scope.enter(ownerId).flatMap(entered -> locked(ownerId, id).map(s -> {
            if (s.currentStatus() == StrategyStatus.ARCHIVED) {
                throw new StateConflictException(s.status, "an archived strategy cannot be published; unarchive it first");
            }
            s.publishedVersion = s.version;
            s.publishedAt = clock.now();
            return mapper.toView(s);
        }));
    }

    @WithTransaction
    public Uni<Void> unpublish(String ownerId, UUID id) {
        return scope.enter(ownerId).flatMap(entered -> locked(ownerId, id).invoke(s -> {
            s.publishedVersion = null;
            s.publishedAt = null;
        }).replaceWithVoid());
    }

    public Uni<Page<TemplateView>> list(String callerId, String query, String tag, String cursor, int limit) {
        Cursor after = Cursor.decodeTimed(cursor);
        return templates.list(callerId, query, tag, after, limit + 1).map(found -> Pages.of(found, limit,
                TemplateQueries.Found::template, f -> new Cursor(f.sortKey(), f.template().id())));
    }

    /** A new draft of the caller's, holding the template's published version. */
    @WithTransaction
    public Uni<StrategyView> copy(String ownerId, UUID templateId) {
        return scope.enter(ownerId).flatMap(entered -> strategies.findById(templateId).flatMap(template -> {
            if (template == null || template.publishedVersion == null) {
                return Uni.createFrom().failure(new NotFoundException("no template " + templateId));
            }
            return versions.findById(new StrategyVersion.Key(templateId, template.publishedVersion))
                    .flatMap(published -> definitions.persistNew(Strategy.draft(ownerId, published.name,
                            published.description, template.tags, null, published.graph, clock.now())));
        }));
    }

    private Uni<Strategy> locked(String ownerId, UUID id) {
        return strategies.findOwnedForUpdate(id, ownerId).onItem().ifNull()
                .failWith(() -> new NotFoundException("no strategy " + id));
    }
}

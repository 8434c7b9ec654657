package io.strategos.api.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.strategos.api.domain.Strategy;
import io.strategos.api.domain.StrategyVersion;
import io.strategos.api.mapping.DeployRequest;
import io.strategos.api.mapping.StrategyMapper;
import io.strategos.api.mapping.StrategyRequest;
import io.strategos.api.mapping.StrategyView;
import io.strategos.model.rest.InvalidInputException;
import io.strategos.model.rest.StateConflictException;
import io.strategos.api.repository.OutboxRepository;
import io.strategos.api.repository.StrategyRepository;
import io.strategos.api.repository.StrategyVersionRepository;
import io.strategos.model.FieldError;
import io.strategos.model.event.EventType;
import io.strategos.model.event.StrategyEvent;
import io.strategos.model.event.StrategyEventData;
import io.strategos.model.graph.GraphValidator;
import io.strategos.model.schedule.MisfirePolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Strategy definitions and their deployment. Every method acts for one owner, on their strategies only. */
@ApplicationScoped
public class StrategyService {

    static final String SOURCE = "/strategos/strategy-api";

    private final StrategyRepository strategies;
    private final StrategyVersionRepository versions;
    private final OutboxRepository outbox;
    private final RequestValidator validator;
    private final StrategyMapper mapper;
    private final Clock clock = Clock.systemUTC();

    public StrategyService(StrategyRepository strategies, StrategyVersionRepository versions, OutboxRepository outbox,
                           RequestValidator validator, StrategyMapper mapper) {
        this.strategies = strategies;
        this.versions = versions;
        this.outbox = outbox;
        this.validator = validator;
        this.mapper = mapper;
    }

    @WithTransaction
    public Uni<StrategyView> create(String ownerId, StrategyRequest request) {
        validator.check(request, request == null ? List.of() : GraphValidator.validate(request.graph(), "/graph"));
        Instant now = now();
        Strategy s = new Strategy();
        s.id = UUID.randomUUID();
        s.ownerId = ownerId;
        s.name = request.name().strip();
        s.description = request.description();
        s.tags = request.tags() == null ? List.of() : List.copyOf(request.tags());
        s.folder = request.folder();
        s.version = 1;
        s.graph = mapper.write(request.graph());
        s.status = "draft";
        s.misfirePolicy = "run_once";
        s.autoPauseAfterErrors = 3;
        s.createdAt = now;
        s.updatedAt = now;

        StrategyVersion v1 = new StrategyVersion();
        v1.key = new StrategyVersion.Key(s.id, 1);
        v1.name = s.name;
        v1.description = s.description;
        v1.graph = s.graph;
        v1.createdAt = now;
        return strategies.persist(s).flatMap(saved -> versions.persist(v1)).map(ignored -> mapper.toView(s));
    }

    @WithSession
    public Uni<StrategyView> get(String ownerId, UUID id) {
        return owned(ownerId, id).map(mapper::toView);
    }

    @WithSession
    public Uni<List<StrategyView>> list(String ownerId, int limit) {
        return strategies.listOwned(ownerId, limit).map(list -> list.stream().map(mapper::toView).toList());
    }

    /**
     * Stores the schedule and trading settings. With {@code autoStart} the strategy starts running
     * at once: its first slot is computed and a strategy_started event goes to the outbox.
     */
    @WithTransaction
    public Uni<StrategyView> deploy(String ownerId, UUID id, DeployRequest request) {
        validator.check(request, request == null || request.schedule() == null ? List.of() : request.schedule().validate("/schedule"));
        if ("live".equals(request.tradingMode())) {
            throw new InvalidInputException(422, List.of(new FieldError("/tradingMode",
                    "live trading is not available yet; deploy in paper mode")));
        }
        if (request.paperBankrollUsd() == null) {
            throw new InvalidInputException(List.of(new FieldError("/paperBankrollUsd", "paper trading needs a bankroll (100 to 1,000,000 USD)")));
        }
        return owned(ownerId, id).flatMap(s -> {
            if ("archived".equals(s.status)) {
                throw new StateConflictException(s.status, "an archived strategy cannot be deployed; unarchive it first");
            }
            Instant now = now();
            s.schedule = mapper.write(request.schedule());
            s.tradingMode = request.tradingMode();
            s.paperBankrollUsd = request.paperBankrollUsd();
            s.misfirePolicy = request.misfirePolicy() == MisfirePolicy.SKIP ? "skip" : "run_once";
            s.autoPauseAfterErrors = request.autoPauseAfterConsecutiveErrors() == null ? 3 : request.autoPauseAfterConsecutiveErrors();
            s.deployedAt = now;
            s.updatedAt = now;
            boolean starts = Boolean.TRUE.equals(request.autoStart()) && !"running".equals(s.status);
            if (Boolean.TRUE.equals(request.autoStart())) {
                s.status = "running";
                s.nextExecutionAt = request.schedule().firstSlot(now).orElse(null);
            } else if (!"running".equals(s.status)) {
                s.status = "stopped";
                s.nextExecutionAt = null;
            } else {
                s.nextExecutionAt = request.schedule().firstSlot(now).orElse(null);
            }
            // Flush the strategy row first: its lock orders this strategy's outbox events.
            return strategies.flush()
                    .flatMap(flushed -> starts
                            ? outbox.add(event(EventType.STRATEGY_STARTED, s, "started by deployment"))
                            : Uni.createFrom().voidItem())
                    .map(ignored -> mapper.toView(s));
        });
    }

    private Uni<Strategy> owned(String ownerId, UUID id) {
        return strategies.findOwned(id, ownerId).onItem().ifNull()
                .failWith(() -> new NotFoundException("no strategy " + id));
    }

    private StrategyEvent event(EventType type, Strategy s, String message) {
        return StrategyEvent.of(type, SOURCE, now(),
                new StrategyEventData(s.ownerId, s.id, s.name, null, s.status, null, message));
    }

    /** Microseconds, as PostgreSQL stores them, so what we return equals what we stored. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

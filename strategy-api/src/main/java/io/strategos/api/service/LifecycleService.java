package io.strategos.api.service;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.strategos.api.domain.Action;
import io.strategos.api.domain.Strategy;
import io.strategos.api.domain.StrategyStatus;
import io.strategos.api.mapping.DeployRequest;
import io.strategos.api.mapping.RunAccepted;
import io.strategos.api.mapping.StrategyMapper;
import io.strategos.api.mapping.StrategyView;
import io.strategos.api.repository.CallerScope;
import io.strategos.api.repository.OutboxRepository;
import io.strategos.api.repository.RunRequestRepository;
import io.strategos.api.repository.RunStateRepository;
import io.strategos.api.repository.StrategyRepository;
import io.strategos.api.repository.TransitionRepository;
import io.strategos.model.FieldError;
import io.strategos.model.event.EventType;
import io.strategos.model.event.StrategyEvent;
import io.strategos.model.event.StrategyEventData;
import io.strategos.model.rest.InvalidInputException;
import io.strategos.model.rest.StateConflictException;
import io.strategos.model.schedule.Jitter;
import io.strategos.model.schedule.MisfirePolicy;
import io.strategos.model.schedule.Schedule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Deployment and the state machine of {@link Action}. Each change locks the strategy row, records
 * the transition and writes its event to the outbox, all in one transaction: an event exists
 * exactly when its change does, and reaches Kafka once the relay can.
 */
@ApplicationScoped
public class LifecycleService {

    static final String SOURCE = "/strategos/strategy-api";

    private final StrategyRepository strategies;
    private final TransitionRepository transitions;
    private final RunRequestRepository runRequests;
    private final OutboxRepository outbox;
    private final RequestValidator validator;
    private final StrategyMapper mapper;
    private final Clocks clock;
    private final CallerScope scope;
    private final RunStateRepository runState;
    /** Time-ordered (UUIDv7) ids for manual runs, like the executor's; a field, so a native image seeds it at run time. */
    private final TimeBasedEpochGenerator executionIds = Generators.timeBasedEpochGenerator();

    public LifecycleService(StrategyRepository strategies, TransitionRepository transitions,
                            RunRequestRepository runRequests, OutboxRepository outbox, RequestValidator validator,
                            StrategyMapper mapper, Clocks clock,
                           CallerScope scope, RunStateRepository runState) {
        this.strategies = strategies;
        this.transitions = transitions;
        this.runRequests = runRequests;
        this.outbox = outbox;
        this.validator = validator;
        this.mapper = mapper;
        this.clock = clock;
        this.scope = scope;
        this.runState = runState;
    }

    /**
     * Stores the schedule and trading settings. With {@code autoStart} the strategy runs from its
     * first slot; without it a draft becomes stopped and a running strategy keeps running on the new
     * schedule.
     */
    @WithTransaction
    public Uni<StrategyView> deploy(String ownerId, UUID id, DeployRequest request) {
        Instant now = clock.now();
        checkDeployment(request, now);
        return scope.enter(ownerId).flatMap(entered -> locked(ownerId, id).flatMap(s -> {
            if (s.currentStatus() == StrategyStatus.ARCHIVED) {
                throw new StateConflictException(s.status, "an archived strategy cannot be deployed; unarchive it first");
            }
            s.schedule = mapper.write(request.schedule());
            s.tradingMode = request.tradingMode();
            s.paperBankrollUsd = request.paperBankrollUsd();
            s.misfirePolicy = request.misfirePolicy() == MisfirePolicy.SKIP ? "skip" : "run_once";
            s.jitterSeconds = request.jitterSeconds() == null ? 0 : request.jitterSeconds();
            s.autoPauseAfterErrors = request.autoPauseAfterConsecutiveErrors() == null ? 3 : request.autoPauseAfterConsecutiveErrors();
            s.maxExecutions = request.maxExecutions();
            s.expiresAt = request.expiresAt();
            s.maxDrawdownPct = request.maxDrawdownPct();
            s.triggerCondition = request.triggerCondition() == null ? null : mapper.write(request.triggerCondition());
            s.deployedAt = now;
            s.updatedAt = now;
            StrategyStatus from = s.currentStatus();
            boolean run = Boolean.TRUE.equals(request.autoStart()) || from == StrategyStatus.RUNNING;
            StrategyStatus to = run ? StrategyStatus.RUNNING : from == StrategyStatus.DRAFT ? StrategyStatus.STOPPED : from;
            if (run) {
                s.nextExecutionAt = new Jitter(s.jitterSeconds).firstSlot(request.schedule(), s.id, now).orElse(null);
                s.consecutiveErrors = 0;
            }
            s.status = to.wire();
            EventType event = run && from != StrategyStatus.RUNNING ? EventType.STRATEGY_STARTED : null;
            return recordChange(s, from, to, "deploy", event, "started by deployment");
        }));
    }

    /** Applies {@code action}, or refuses it with 409 naming the current state. */
    @WithTransaction
    public Uni<StrategyView> apply(String ownerId, UUID id, Action action) {
        return scope.enter(ownerId).flatMap(entered -> locked(ownerId, id).flatMap(s -> {
            StrategyStatus from = s.currentStatus();
            if (!action.allowedFrom(from)) {
                throw new StateConflictException(s.status, refusal(action, from));
            }
            Instant now = clock.now();
            StrategyStatus to = action.target(s.deployed());
            if (to == StrategyStatus.RUNNING) {
                checkCanRun(s, now);
                s.nextExecutionAt = new Jitter(s.jitterSeconds).firstSlot(schedule(s), s.id, now).orElse(null);
                s.consecutiveErrors = 0;
            }
            s.status = to.wire();
            s.updatedAt = now;
            return recordChange(s, from, to, action.wire(), action.event().orElse(null), action.wire() + " by the owner");
        }));
    }

    /**
     * Queues a run now, outside the schedule, for executor-worker; the run will be recorded as an
     * execution with the returned id and trigger {@code manual}.
     */
    @WithTransaction
    public Uni<RunAccepted> runNow(String ownerId, UUID id) {
        return scope.enter(ownerId).flatMap(entered -> locked(ownerId, id).flatMap(s -> {
            StrategyStatus status = s.currentStatus();
            if (status == StrategyStatus.ARCHIVED) {
                throw new StateConflictException(s.status, "an archived strategy cannot run; unarchive it first");
            }
            if (!s.deployed()) {
                throw new StateConflictException(s.status, "a strategy runs with its trading settings; deploy it first");
            }
            Instant now = clock.now();
            UUID executionId = executionIds.generate();
            return runRequests.add(executionId, s.id, ownerId, now).map(ignored -> new RunAccepted(executionId, s.id, now));
        }));
    }

    private Uni<StrategyView> recordChange(Strategy s, StrategyStatus from, StrategyStatus to, String action,
                                           EventType event, String message) {
        // Flush the strategy row first: its lock orders this strategy's outbox events. Then the run
        // state: the next slot is set exactly while the strategy runs.
        Uni<Void> flushed = strategies.flush().flatMap(ignored -> to == StrategyStatus.RUNNING && s.nextExecutionAt != null
                ? runState.schedule(s.id, s.ownerId, s.nextExecutionAt)
                : runState.unschedule(s.id, s.ownerId));
        Uni<Void> recorded = from == to ? flushed
                : flushed.flatMap(ignored -> transitions.add(s.id, s.ownerId, from.wire(), to.wire(), action));
        return recorded
                .flatMap(ignored -> event == null ? Uni.createFrom().voidItem()
                        : outbox.add(StrategyEvent.of(event, SOURCE, clock.now(),
                        new StrategyEventData(s.ownerId, s.id, s.name, null, s.status, null, message))))
                .map(ignored -> mapper.toView(s));
    }

    private void checkDeployment(DeployRequest request, Instant now) {
        List<FieldError> domain = new ArrayList<>();
        if (request != null && request.schedule() != null) {
            domain.addAll(request.schedule().validate("/schedule"));
        }
        if (request != null && request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            domain.add(new FieldError("/expiresAt", "must be in the future"));
        }
        if (request != null && "paper".equals(request.tradingMode()) && request.paperBankrollUsd() == null) {
            domain.add(new FieldError("/paperBankrollUsd", "paper trading needs a bankroll (100 to 1,000,000 USD)"));
        }
        validator.check(request, domain);
        if ("live".equals(request.tradingMode())) {
            throw new InvalidInputException(422, List.of(new FieldError("/tradingMode",
                    "live trading is not available yet; deploy in paper mode")));
        }
    }

    private void checkCanRun(Strategy s, Instant now) {
        if (s.expiresAt != null && !s.expiresAt.isAfter(now)) {
            throw new StateConflictException(s.status, "the deployment expired at " + s.expiresAt + "; deploy it again with a later expiresAt");
        }
        if (s.maxExecutions != null && s.totalExecutions >= s.maxExecutions) {
            throw new StateConflictException(s.status, "the strategy has used its " + s.maxExecutions
                    + " executions; deploy it again with a higher maxExecutions");
        }
    }

    private Schedule schedule(Strategy s) {
        return mapper.read(s.schedule, Schedule.class);
    }

    private static String refusal(Action action, StrategyStatus from) {
        if (from == StrategyStatus.DRAFT && action == Action.START) {
            return "a draft has no schedule yet; deploy it first";
        }
        if (from == StrategyStatus.RUNNING && action == Action.ARCHIVE) {
            return "a running strategy cannot be archived; stop it first";
        }
        return "cannot " + action.wire() + " a strategy that is " + from.wire();
    }

    private Uni<Strategy> locked(String ownerId, UUID id) {
        return strategies.findOwnedForUpdate(id, ownerId).onItem().ifNull()
                .failWith(() -> new NotFoundException("no strategy " + id));
    }
}

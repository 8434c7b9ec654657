package io.strategos.api.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.uuid.Generators;
import io.smallrye.mutiny.Uni;
import io.strategos.api.mapping.BacktestRequest;
import io.strategos.api.mapping.BacktestView;
import io.strategos.api.mapping.Cursor;
import io.strategos.api.mapping.Page;
import io.strategos.api.mapping.Pages;
import io.strategos.api.repository.BacktestQueries;
import io.strategos.api.repository.LabQueries;
import io.strategos.model.FieldError;
import io.strategos.model.rest.InvalidInputException;
import io.strategos.model.rest.StateConflictException;
import io.strategos.model.schedule.CronSchedule;
import io.strategos.model.schedule.IntervalSchedule;
import io.strategos.model.schedule.Schedule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The strategy lab's backtests: strategy-api validates and stores the request, executor-worker claims and
 * replays it. A user sees and cancels only their own.
 */
@ApplicationScoped
public class BacktestService {

    private final BacktestQueries backtests;
    private final LabQueries strategies;
    private final RequestValidator validator;
    private final LabSettings settings;
    private final Clocks clock;
    private final ObjectMapper json;

    public BacktestService(BacktestQueries backtests, LabQueries strategies, RequestValidator validator, LabSettings settings,
                           Clocks clock, ObjectMapper json) {
        this.backtests = backtests;
        this.strategies = strategies;
        this.validator = validator;
        this.settings = settings;
        this.clock = clock;
        this.json = json;
    }

    public Uni<BacktestView> submit(String caller, UUID strategyId, BacktestRequest request) {
        validator.check(request, request == null ? List.of() : rangeErrors(request));
        return strategies.find(caller, strategyId, request.version()).flatMap(strategy -> {
            if (strategy == null) {
                throw new NotFoundException("no strategy " + strategyId);
            }
            if (strategy.graph() == null) {
                throw new NotFoundException("strategy " + strategyId + " has no version " + request.version());
            }
            try {
                Schedule schedule = request.schedule() != null ? request.schedule()
                        : strategy.schedule() == null ? null : json.readValue(strategy.schedule(), Schedule.class);
                if (schedule == null) {
                    throw invalid("/schedule", "the strategy is not deployed; give the schedule to replay");
                }
                if (slotsAtMost(schedule, request.from(), request.to()) > settings.backtestMaxSlots()) {
                    throw invalid("/schedule", "more than " + settings.backtestMaxSlots() + " slots in the range; shorten it or"
                            + " run less often");
                }
                ObjectNode stored = json.createObjectNode();
                stored.put("paperBankrollUsd", request.paperBankrollUsd() != null ? request.paperBankrollUsd()
                        : strategy.paperBankrollUsd() != null ? strategy.paperBankrollUsd() : settings.defaultBankrollUsd());
                stored.put("feeBps", request.feeBps());
                stored.put("slippageBps", request.slippageBps());
                stored.put("maxDrawdownPct", request.maxDrawdownPct() != null ? request.maxDrawdownPct() : strategy.maxDrawdownPct());
                stored.set("triggerCondition", strategy.triggerCondition() == null ? null : json.readTree(strategy.triggerCondition()));
                return backtests.insert(caller, new BacktestQueries.NewBacktest(Generators.timeBasedEpochGenerator().generate(),
                        strategyId, strategy.version(), request.from(), request.to(), json.writeValueAsString(schedule),
                        json.writeValueAsString(stored)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("strategy " + strategyId + " has an unreadable schedule", e);
            }
        });
    }

    public Uni<BacktestView> get(String caller, UUID id) {
        return backtests.find(caller, id).onItem().ifNull().failWith(() -> new NotFoundException("no backtest " + id));
    }

    public Uni<Page<BacktestView>> list(String caller, UUID strategyId, String cursor, int limit) {
        Cursor after = Cursor.decodeTimed(cursor);
        return backtests.list(caller, strategyId, after, limit + 1)
                .map(found -> Pages.of(found, limit, BacktestQueries.Found::backtest, f -> new Cursor(f.sortKey(), f.backtest().id())));
    }

    /** Cancels a queued or running backtest; its worker stops at its next checkpoint. */
    public Uni<BacktestView> cancel(String caller, UUID id) {
        return backtests.cancel(caller, id).flatMap(cancelled -> cancelled != null ? Uni.createFrom().item(cancelled)
                : get(caller, id).map(existing -> {
                    throw new StateConflictException(existing.status(), "only a queued or running backtest can be cancelled");
                }));
    }

    /** One page of runs in slot order: the equity curve. */
    public Uni<Page<BacktestView.Run>> runs(String caller, UUID id, String cursor, int limit) {
        return detail(caller, id, BacktestQueries.RUNS, cursor, limit);
    }

    /** One page of trades in the order they were made. */
    public Uni<Page<BacktestView.Trade>> trades(String caller, UUID id, String cursor, int limit) {
        return detail(caller, id, BacktestQueries.TRADES, cursor, limit);
    }

    /** A page of the backtest's rows of one kind; 404, not an empty page, when the caller has no such backtest. */
    private <T> Uni<Page<T>> detail(String caller, UUID id, BacktestQueries.Detail<T> detail, String cursor, int limit) {
        Cursor after = Cursor.decode(cursor);
        Object afterKey;
        try {
            afterKey = after == null ? null : detail.afterKey().apply(after.key());
        } catch (RuntimeException e) {
            throw Cursor.invalid();
        }
        return get(caller, id).flatMap(b -> backtests.detail(caller, id, detail, afterKey, limit + 1))
                .map(rows -> Pages.of(rows, limit, row -> row, row -> new Cursor(detail.cursorKey().apply(row), id)));
    }

    private List<FieldError> rangeErrors(BacktestRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.from() != null && request.to() != null && !request.to().isAfter(request.from())) {
            errors.add(new FieldError("/to", "must be after from"));
        }
        if (request.to() != null && request.to().isAfter(clock.now())) {
            errors.add(new FieldError("/to", "must not be in the future: a backtest replays market history"));
        }
        if (request.schedule() != null) {
            errors.addAll(request.schedule().validate("/schedule"));
        }
        return errors;
    }

    /** An upper bound on the slots of a schedule in [from, to): a cron fires at most once a minute. */
    private static long slotsAtMost(Schedule schedule, Instant from, Instant to) {
        long seconds = Duration.between(from, to).toSeconds();
        return switch (schedule) {
            case IntervalSchedule interval -> seconds / interval.everySeconds() + 1;
            case CronSchedule cron -> seconds / 60 + 1;
            default -> 1;
        };
    }

    private static InvalidInputException invalid(String pointer, String message) {
        return new InvalidInputException(List.of(new FieldError(pointer, message)));
    }
}

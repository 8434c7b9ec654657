package io.strategos.executor.recording;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.strategos.executor.claim.ClaimedRun;
import io.strategos.executor.metrics.ExecutorMetrics;
import io.strategos.executor.paper.PaperTradeWriter;
import io.strategos.executor.pipeline.NodeResult;
import io.strategos.executor.pipeline.RunContext.EmittedEvent;
import io.strategos.executor.pipeline.RunContext.WatchlistAddition;
import io.strategos.executor.pipeline.RunResult;
import io.strategos.model.event.EventType;
import io.strategos.model.event.StrategyEvent;
import io.strategos.model.event.StrategyEventData;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Writes the outcome of a batch of runs in one transaction: the execution rows with every node's log,
 * the strategies' next slot and statistics, paper trades, watchlist additions, and the events for
 * the outbox.
 * Each statement covers the whole batch (arrays unnested server-side), so a batch costs a handful
 * of round trips, not a handful per run.
 *
 * <p>A slot that already has an execution row was run by another replica (its lease expired while
 * this one was still running); such a result is dropped whole, so no slot is recorded twice.
 */
@ApplicationScoped
public class ExecutionRecorder {

    static final String SOURCE = "/strategos/executor-worker";

    // Each run's node logs go in its execution row (V22): the JSON text, and per node its id, type, status and
    // duration for the statistics. The batch's nodes come as flat arrays, one element per node of every run,
    // each tagged with its run's position in the batch, and are gathered back into each run's arrays by that
    // position. (Slicing each run's part out of the flat arrays instead walked text arrays from their start
    // for every run: a batch of 500 runs cost five times as much.) A run that ran no node has empty arrays.
    private static final String INSERT_EXECUTIONS = """
            WITH nodes AS (
                SELECT n.run,
                       array_agg(n.node_id ORDER BY n.seq)     AS node_ids,
                       array_agg(n.node_type ORDER BY n.seq)   AS node_types,
                       array_agg(n.status ORDER BY n.seq)      AS node_statuses,
                       array_agg(n.duration_ms ORDER BY n.seq) AS node_durations_ms
                  FROM unnest($14::int[], $15::text[], $16::text[], $17::text[], $18::int[]) WITH ORDINALITY
                       AS n(run, node_id, node_type, status, duration_ms, seq)
                 GROUP BY n.run
            )
            INSERT INTO executions (id, strategy_id, owner_id, strategy_version, trigger, scheduled_for,
                                    started_at, completed_at, status, nodes_executed, error, duration_ms,
                                    node_logs, node_ids, node_types, node_statuses, node_durations_ms)
            SELECT r.id, r.strategy_id, r.owner_id, r.strategy_version, r.trigger, r.scheduled_for,
                   r.started_at, r.completed_at, r.status, r.nodes_executed, r.error, r.duration_ms,
                   r.node_logs::json, coalesce(n.node_ids, '{}'), coalesce(n.node_types, '{}'),
                   coalesce(n.node_statuses, '{}'), coalesce(n.node_durations_ms, '{}')
              FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::timestamptz[],
                          $7::timestamptz[], $8::timestamptz[], $9::text[], $10::int[], $11::text[], $12::int[],
                          $13::text[]) WITH ORDINALITY
                   AS r(id, strategy_id, owner_id, strategy_version, trigger, scheduled_for,
                        started_at, completed_at, status, nodes_executed, error, duration_ms, node_logs, run)
              LEFT JOIN nodes n ON n.run = r.run
            ON CONFLICT DO NOTHING
            RETURNING id
            """;

    // The few strategies a batch stops (auto-pause, kill switch, completion) change status in their
    // wide row; only if still running, since the owner may have paused or stopped them meanwhile.
    // Locked before the run state, in the order strategy-api locks the two. Each change is recorded
    // in strategy_transitions like the API's, so it is in the audit trail and, through V14's trigger
    // on that table, on the owner's run stream.
    private static final String STOP_STRATEGIES = """
            WITH stopped AS (
                UPDATE strategies s
                   SET status = r.status,
                       updated_at = now()
                  FROM unnest($1::uuid[], $2::text[]) AS r(id, status)
                 WHERE s.id = r.id
                   AND s.status = 'running'
                RETURNING s.id, s.owner_id, s.status
            ), recorded AS (
                INSERT INTO strategy_transitions (strategy_id, owner_id, from_status, to_status, action)
                SELECT id, owner_id, 'running', status,
                       CASE status WHEN 'error' THEN 'auto_pause' WHEN 'paused' THEN 'kill_switch' ELSE 'complete' END
                  FROM stopped
            )
            SELECT id, status FROM stopped
            """;

    // Statistics and the next slot, in the narrow run-state row. The slot advances only if it is still
    // the one this worker ran: if the owner paused, resumed or redeployed the strategy meanwhile, the
    // slot they set stays. A stopped strategy has no next slot. A manual run counts in the statistics
    // but leaves the schedule, and any lease of a scheduled run, as they are.
    private static final String ADVANCE_RUN_STATE = """
            UPDATE strategy_run_state rs
               SET next_run_at = CASE WHEN r.stopped THEN NULL
                                      WHEN r.manual OR rs.next_run_at IS DISTINCT FROM r.slot THEN rs.next_run_at
                                      ELSE r.next_at END,
                   lease_owner = CASE WHEN r.manual THEN rs.lease_owner END,
                   lease_expires_at = CASE WHEN r.manual THEN rs.lease_expires_at END,
                   total_executions = rs.total_executions + 1,
                   successful_executions = rs.successful_executions + CASE WHEN r.succeeded THEN 1 ELSE 0 END,
                   failed_executions = rs.failed_executions + CASE WHEN r.failed THEN 1 ELSE 0 END,
                   consecutive_errors = CASE WHEN r.failed THEN rs.consecutive_errors + 1
                                             WHEN r.succeeded THEN 0
                                             ELSE rs.consecutive_errors END,
                   avg_duration_ms = (coalesce(rs.avg_duration_ms, 0) * rs.total_executions + r.duration_ms)
                                     / (rs.total_executions + 1),
                   last_executed_at = r.completed_at
              FROM unnest($1::uuid[], $2::timestamptz[], $3::bool[], $4::bool[], $5::int[], $6::timestamptz[],
                          $7::timestamptz[], $8::bool[], $9::bool[])
                   AS r(id, slot, succeeded, failed, duration_ms, completed_at, next_at, manual, stopped)
             WHERE rs.strategy_id = r.id
            """;

    // A market already on the watchlist stays as it is; RETURNING tells which additions were new.
    private static final String INSERT_WATCHLIST = """
            INSERT INTO watchlist_entries (id, strategy_id, owner_id, market_id, reason, metadata, added_by_execution_id)
            SELECT id, strategy_id, owner_id, market_id, reason, metadata::jsonb, execution_id
              FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[])
                   AS w(id, strategy_id, owner_id, market_id, reason, metadata, execution_id)
            ON CONFLICT ON CONSTRAINT watchlist_entries_one_per_market DO NOTHING
            RETURNING strategy_id
            """;

    private static final String INSERT_OUTBOX = """
            INSERT INTO outbox_events (message_key, event_type, payload, traceparent)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
            """;

    private final Pool pool;
    /** Resolved once: looking the serializer up for every event showed in the profile. */
    private final ObjectWriter events;
    private final PaperTradeWriter paperTrades;
    private final ExecutorMetrics metrics;
    private final RunChangeNotices notices;
    private final Clock clock = Clock.systemUTC();

    public ExecutionRecorder(Pool pool, ObjectMapper json, PaperTradeWriter paperTrades, ExecutorMetrics metrics,
                             RunChangeNotices notices) {
        this.pool = pool;
        this.notices = notices;
        this.events = json.writerFor(StrategyEvent.class);
        this.paperTrades = paperTrades;
        this.metrics = metrics;
    }

    /** @return the results that were recorded (the others' slots had been recorded already) */
    public List<RunResult> record(List<RunResult> results) {
        if (results.isEmpty()) {
            return List.of();
        }
        List<RunResult> recorded = pool.withTransaction(conn -> insertExecutions(conn, results)
                .call(inserted -> deleteAnsweredRequests(conn, results))
                .flatMap(inserted -> inserted.isEmpty() ? Uni.createFrom().item(inserted)
                        : recordOutcomes(conn, inserted).map(ignored -> inserted)))
                .await().indefinitely();
        notices.announce(recorded);
        return recorded;
    }

    private Uni<List<RunResult>> insertExecutions(SqlConnection conn, List<RunResult> results) {
        int n = results.size();
        UUID[] ids = new UUID[n];
        UUID[] strategies = new UUID[n];
        String[] owners = new String[n];
        Integer[] versions = new Integer[n];
        String[] triggers = new String[n];
        OffsetDateTime[] slots = new OffsetDateTime[n];
        OffsetDateTime[] started = new OffsetDateTime[n];
        OffsetDateTime[] completed = new OffsetDateTime[n];
        String[] statuses = new String[n];
        Integer[] nodesExecuted = new Integer[n];
        String[] errors = new String[n];
        Integer[] durations = new Integer[n];
        String[] nodeLogs = new String[n];
        int nodeCount = results.stream().mapToInt(r -> r.nodes().size()).sum();
        Integer[] nodeRuns = new Integer[nodeCount];
        String[] nodeIds = new String[nodeCount];
        String[] nodeTypes = new String[nodeCount];
        String[] nodeStatuses = new String[nodeCount];
        Integer[] nodeDurations = new Integer[nodeCount];
        int node = 0;
        for (int i = 0; i < n; i++) {
            RunResult r = results.get(i);
            ClaimedRun run = r.run();
            ids[i] = r.executionId();
            strategies[i] = run.strategyId();
            owners[i] = run.ownerId();
            versions[i] = run.strategyVersion();
            triggers[i] = run.trigger();
            slots[i] = utc(run.scheduledFor());
            started[i] = utc(r.startedAt());
            completed[i] = utc(r.completedAt());
            statuses[i] = r.status().dbValue();
            nodesExecuted[i] = r.nodesExecuted();
            errors[i] = r.error();
            durations[i] = (int) r.durationMs();
            nodeLogs[i] = NodeLogs.json(r.nodes());
            for (NodeResult result : r.nodes()) {
                nodeRuns[node] = i + 1;  // the run's ordinality in the unnest, which counts from 1
                nodeIds[node] = result.nodeId();
                nodeTypes[node] = result.nodeType();
                nodeStatuses[node] = result.status().dbValue();
                nodeDurations[node] = (int) result.durationMs();
                node++;
            }
        }
        Tuple params = Tuple.tuple(List.of(ids, strategies, owners, versions, triggers, slots, started, completed,
                statuses, nodesExecuted, errors, durations, nodeLogs, nodeRuns, nodeIds, nodeTypes, nodeStatuses,
                nodeDurations));
        return conn.preparedQuery(INSERT_EXECUTIONS).execute(params).map(rows -> {
            Set<UUID> inserted = new HashSet<>();
            rows.forEach(row -> inserted.add(row.getUUID("id")));
            return results.stream().filter(r -> inserted.contains(r.executionId())).toList();
        });
    }

    /** Manual requests are answered once their run is recorded, here or (after a lost lease) elsewhere. */
    private Uni<Void> deleteAnsweredRequests(SqlConnection conn, List<RunResult> results) {
        UUID[] answered = results.stream().filter(r -> r.run().isManual()).map(RunResult::executionId).toArray(UUID[]::new);
        if (answered.length == 0) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("DELETE FROM run_requests WHERE execution_id = ANY($1)").execute(Tuple.of(answered))
                .replaceWithVoid();
    }

    private Uni<Void> recordOutcomes(SqlConnection conn, List<RunResult> recorded) {
        Instant now = clock.instant();
        Map<UUID, Optional<Instant>> nextSlots = new HashMap<>();
        Map<UUID, String> stopping = new HashMap<>();
        for (RunResult r : recorded) {
            Optional<Instant> next = r.run().isManual() ? Optional.empty() : r.run().nextSlot(now);
            nextSlots.put(r.executionId(), next);
            StopDecision.after(r, next).ifPresent(status -> stopping.put(r.run().strategyId(), status));
        }
        return stopStrategies(conn, stopping)
                .flatMap(stopped -> advanceRunState(conn, recorded, nextSlots, stopped)
                        .flatMap(ignored -> paperTrades.write(conn, recorded))
                        .flatMap(ignored -> insertWatchlist(conn, recorded))
                        .flatMap(added -> insertOutbox(conn, recorded, stopped, added)));
    }

    /** @return the strategies this batch did stop, with their new status: error (auto-paused), paused (kill switch) or completed */
    private Uni<Map<UUID, String>> stopStrategies(SqlConnection conn, Map<UUID, String> stopping) {
        if (stopping.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Tuple params = Tuple.of(stopping.keySet().toArray(UUID[]::new), stopping.values().toArray(String[]::new));
        return conn.preparedQuery(STOP_STRATEGIES).execute(params).map(rows -> {
            Map<UUID, String> stopped = new HashMap<>();
            rows.forEach(row -> stopped.put(row.getUUID("id"), row.getString("status")));
            metrics.autoPaused((int) stopped.values().stream().filter(status -> !status.equals("completed")).count());
            return stopped;
        });
    }

    private Uni<Void> advanceRunState(SqlConnection conn, List<RunResult> results, Map<UUID, Optional<Instant>> nextSlots,
                                      Map<UUID, String> stopped) {
        int n = results.size();
        UUID[] ids = new UUID[n];
        OffsetDateTime[] slots = new OffsetDateTime[n];
        Boolean[] succeeded = new Boolean[n];
        Boolean[] failed = new Boolean[n];
        Integer[] durations = new Integer[n];
        OffsetDateTime[] completed = new OffsetDateTime[n];
        OffsetDateTime[] next = new OffsetDateTime[n];
        Boolean[] manual = new Boolean[n];
        Boolean[] stops = new Boolean[n];
        for (int i = 0; i < n; i++) {
            RunResult r = results.get(i);
            ClaimedRun run = r.run();
            ids[i] = run.strategyId();
            slots[i] = utc(run.scheduledFor());
            succeeded[i] = r.status() == RunResult.Status.SUCCESS;
            failed[i] = r.failed();
            durations[i] = (int) r.durationMs();
            completed[i] = utc(r.completedAt());
            next[i] = nextSlots.get(r.executionId()).map(ExecutionRecorder::utc).orElse(null);
            manual[i] = run.isManual();
            stops[i] = stopped.containsKey(run.strategyId());
        }
        Tuple params = Tuple.tuple(List.of(ids, slots, succeeded, failed, durations, completed, next, manual, stops));
        return conn.preparedQuery(ADVANCE_RUN_STATE).execute(params).replaceWithVoid();
    }

    /** @return how many markets each strategy newly added to its watchlist */
    private Uni<Map<UUID, Integer>> insertWatchlist(SqlConnection conn, List<RunResult> results) {
        List<UUID> ids = new ArrayList<>();
        List<UUID> strategies = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        List<String> markets = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        List<String> snapshots = new ArrayList<>();
        List<UUID> executions = new ArrayList<>();
        for (RunResult r : results) {
            for (WatchlistAddition addition : r.effects().watchlist()) {
                ids.add(UUID.randomUUID());
                strategies.add(r.run().strategyId());
                owners.add(r.run().ownerId());
                markets.add(addition.marketId());
                reasons.add(addition.reason());
                snapshots.add(addition.snapshot().toString());
                executions.add(r.executionId());
            }
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Tuple params = Tuple.tuple(List.of(ids.toArray(UUID[]::new), strategies.toArray(UUID[]::new), owners.toArray(String[]::new),
                markets.toArray(String[]::new), reasons.toArray(String[]::new), snapshots.toArray(String[]::new),
                executions.toArray(UUID[]::new)));
        return conn.preparedQuery(INSERT_WATCHLIST).execute(params).map(rows -> {
            Map<UUID, Integer> added = new HashMap<>();
            rows.forEach(row -> added.merge(row.getUUID("strategy_id"), 1, Integer::sum));
            return added;
        });
    }

    private Uni<Void> insertOutbox(SqlConnection conn, List<RunResult> results, Map<UUID, String> stopped,
                                   Map<UUID, Integer> watchlistAdded) {
        List<String> keys = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        List<String> traceparents = new ArrayList<>();
        for (RunResult r : results) {
            ClaimedRun run = r.run();
            if (r.status() != RunResult.Status.CONDITION_NOT_MET) {
                EventType outcome = r.failed() ? EventType.EXECUTION_FAILED : EventType.EXECUTION_COMPLETED;
                add(keys, types, payloads, traceparents, outcome, r, r.status().dbValue(), r.error());
            }
            for (EmittedEvent event : r.effects().events()) {
                add(keys, types, payloads, traceparents, event.type(), r, null, event.message());
            }
            Integer added = watchlistAdded.get(run.strategyId());
            if (added != null) {
                add(keys, types, payloads, traceparents, EventType.WATCHLIST_UPDATED, r, null, added + " new market(s) on the watchlist");
            }
            String newStatus = stopped.get(run.strategyId());
            if ("error".equals(newStatus)) {
                add(keys, types, payloads, traceparents, EventType.STRATEGY_ERROR, r, "error",
                        "paused after repeated failures; last error: " + r.error());
            } else if ("paused".equals(newStatus)) {
                add(keys, types, payloads, traceparents, EventType.STRATEGY_ERROR, r, "paused", r.effects().pauseReason());
            } else if ("completed".equals(newStatus)) {
                add(keys, types, payloads, traceparents, EventType.STRATEGY_STOPPED, r, "completed",
                        "completed: its schedule, maxExecutions or expiresAt allows no further runs");
            }
        }
        Tuple params = Tuple.of(keys.toArray(String[]::new), types.toArray(String[]::new), payloads.toArray(String[]::new),
                traceparents.toArray(String[]::new));
        return conn.preparedQuery(INSERT_OUTBOX).execute(params).replaceWithVoid();
    }

    private void add(List<String> keys, List<String> types, List<String> payloads, List<String> traceparents, EventType type, RunResult r,
                     String status, String message) {
        ClaimedRun run = r.run();
        StrategyEventData data = new StrategyEventData(run.ownerId(), run.strategyId(), run.strategyName(),
                r.executionId(), status, r.durationMs(), message);
        try {
            payloads.add(events.writeValueAsString(StrategyEvent.of(type, SOURCE, r.completedAt(), data)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an event", e);
        }
        keys.add(run.strategyId().toString());
        types.add(type.typeName());
        // The run's span: the notifier's handling of the event continues the run's trace.
        traceparents.add(r.traceparent());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

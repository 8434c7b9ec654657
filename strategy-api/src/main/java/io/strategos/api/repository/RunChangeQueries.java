package io.strategos.api.repository;

import io.smallrye.mutiny.Uni;
import io.strategos.api.mapping.ExecutionView;
import io.strategos.api.mapping.RunChangeView;
import io.strategos.api.mapping.TransitionView;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads of run_changes (V14), the ordered log of each user's runs and status changes. */
@ApplicationScoped
public class RunChangeQueries {

    // Both reads are served by the key, (owner_id, id) since V21. A change whose execution or transition
    // is gone (its strategy was deleted) comes back with neither: the stream skips it but moves past it.
    private static final String AFTER = """
            SELECT c.id AS seq, c.strategy_id,
                   e.id, e.strategy_version, e.trigger, e.status, e.scheduled_for, e.started_at, e.completed_at,
                   e.duration_ms, e.nodes_executed, e.error,
                   t.action, t.from_status, t.to_status, t.occurred_at
              FROM run_changes c
              LEFT JOIN executions e ON e.id = c.execution_id AND e.owner_id = c.owner_id
              LEFT JOIN strategy_transitions t ON t.id = c.transition_id AND t.owner_id = c.owner_id
             WHERE c.owner_id = $1 AND c.id > $2
               AND ($3::uuid IS NULL OR c.strategy_id = $3)
             ORDER BY c.id
             LIMIT $4
            """;

    private static final String LATEST = """
            SELECT coalesce(max(id), 0) AS latest
              FROM run_changes
             WHERE owner_id = $1
            """;

    // The window in seconds: the reactive client sends no interval type from a string.
    private static final String PRUNE = "SELECT prune_run_changes(make_interval(secs => $1)) AS pruned";

    private final CallerScope scope;

    public RunChangeQueries(CallerScope scope) {
        this.scope = scope;
    }

    /** Up to {@code limit} of the owner's changes after {@code afterSeq}, of one strategy when it is given, oldest first. */
    public Uni<List<RunChangeView>> after(String ownerId, UUID strategyId, long afterSeq, int limit) {
        Tuple args = Tuple.tuple().addString(ownerId).addLong(afterSeq).addUUID(strategyId).addInteger(limit);
        return scope.run(ownerId, c -> c.preparedQuery(AFTER).execute(args).map(rows -> {
            List<RunChangeView> changes = new ArrayList<>(rows.size());
            rows.forEach(row -> changes.add(change(row)));
            return changes;
        }));
    }

    /** The owner's latest change, where a stream that replays nothing starts; 0 when there is none. */
    public Uni<Long> latest(String ownerId) {
        return scope.run(ownerId, c -> c.preparedQuery(LATEST).execute(Tuple.of(ownerId))
                .map(rows -> rows.iterator().next().getLong("latest")));
    }

    /** Deletes changes older than {@code keep}, everyone's: the replay window's end. */
    public Uni<Long> prune(Duration keep) {
        return scope.run("", c -> c.preparedQuery(PRUNE).execute(Tuple.of((double) keep.toSeconds()))
                .map(rows -> rows.iterator().next().getLong("pruned")));
    }

    private static RunChangeView change(Row row) {
        UUID strategyId = row.getUUID("strategy_id");
        ExecutionView execution = row.getUUID("id") == null ? null : new ExecutionView(row.getUUID("id"), strategyId,
                row.getInteger("strategy_version"), row.getString("trigger"), row.getString("status"),
                StrategyRows.instant(row, "scheduled_for"), StrategyRows.instant(row, "started_at"),
                StrategyRows.instant(row, "completed_at"), row.getInteger("duration_ms"), row.getInteger("nodes_executed"),
                row.getString("error"), null);
        TransitionView transition = row.getString("action") == null ? null : new TransitionView(row.getString("action"),
                row.getString("from_status"), row.getString("to_status"), StrategyRows.instant(row, "occurred_at"));
        return new RunChangeView(row.getLong("seq"), strategyId, execution, transition);
    }
}

package io.strategos.api.repository;

import io.smallrye.mutiny.Uni;
import io.strategos.api.mapping.StatsView;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Run statistics computed in PostgreSQL over all of a strategy's executions, so they are exact
 * (not the executor's running averages). Both statements read one covering index alone
 * (executions_history_idx, which includes the owner and each run's node ids, types, statuses and durations).
 */
@ApplicationScoped
public class StatsQueries {

    private static final String TOTALS = """
            SELECT count(*)                                                     AS total,
                   count(*) FILTER (WHERE e.status = 'success')                 AS successful,
                   count(*) FILTER (WHERE e.status IN ('failed', 'timed_out'))  AS failed,
                   count(*) FILTER (WHERE e.status IN ('skipped', 'condition_not_met')) AS skipped,
                   avg(e.duration_ms)::float8                                   AS avg_ms,
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY e.duration_ms)  AS p95_ms,
                   max(e.started_at)                                            AS last_run
              FROM executions e
             WHERE e.strategy_id = $1 AND e.owner_id = $2
            """;

    // One row per node of every execution, from the node arrays the history index includes (V22).
    private static final String PER_NODE = """
            SELECT n.node_id,
                   min(n.node_type)                                             AS node_type,
                   count(*)                                                     AS runs,
                   count(*) FILTER (WHERE n.status = 'error')                   AS errors,
                   avg(n.duration_ms)::float8                                   AS avg_ms,
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY n.duration_ms)  AS p95_ms
              FROM executions e,
                   unnest(e.node_ids, e.node_types, e.node_statuses, e.node_durations_ms)
                       AS n(node_id, node_type, status, duration_ms)
             WHERE e.strategy_id = $1 AND e.owner_id = $2 AND n.status <> 'skipped'
             GROUP BY n.node_id
             ORDER BY n.node_id
            """;

    private final CallerScope scope;

    public StatsQueries(CallerScope scope) {
        this.scope = scope;
    }

    public Uni<StatsView> forOwnedStrategy(UUID strategyId, String ownerId, Instant nextRunAt) {
        return scope.run(ownerId, c -> c.preparedQuery(TOTALS).execute(Tuple.of(strategyId, ownerId)).flatMap(totals ->
                c.preparedQuery(PER_NODE).execute(Tuple.of(strategyId, ownerId)).map(nodes -> {
                    Row t = totals.iterator().next();
                    long total = t.getLong("total");
                    long successful = t.getLong("successful");
                    long skipped = t.getLong("skipped");
                    long decided = total - skipped;
                    List<StatsView.NodeStats> perNode = new ArrayList<>(nodes.size());
                    for (Row n : nodes) {
                        long runs = n.getLong("runs");
                        long errors = n.getLong("errors");
                        perNode.add(new StatsView.NodeStats(n.getString("node_id"), n.getString("node_type"), runs, errors,
                                runs == 0 ? null : (double) errors / runs, n.getDouble("avg_ms"), n.getDouble("p95_ms")));
                    }
                    return new StatsView(total, successful, t.getLong("failed"), skipped,
                            decided == 0 ? null : (double) successful / decided, t.getDouble("avg_ms"),
                            t.getDouble("p95_ms"), StrategyRows.instant(t, "last_run"), nextRunAt, perNode);
                })));
    }
}

package io.strategos.executor.service;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The worker's tables as its tests use them: strategies made due as strategy-api would, and what their runs recorded. */
final class WorkerTables {

    private final Pool pool;

    WorkerTables(Pool pool) {
        this.pool = pool;
    }

    /** A running strategy due now, repeating every {@code everySeconds}. */
    UUID insertRunningStrategy(String owner, String graph, int everySeconds) {
        return insertRunningStrategy(owner, graph, "{\"type\": \"interval\", \"everySeconds\": " + everySeconds + "}");
    }

    /** A running strategy due now, on {@code schedule} (its JSON) afterwards. */
    UUID insertRunningStrategy(String owner, String graph, String schedule) {
        return insertRunningStrategy(owner, graph, schedule, null);
    }

    /** As above, running its graph only when {@code triggerCondition} (its JSON; null: always) holds. */
    UUID insertRunningStrategy(String owner, String graph, String schedule, String triggerCondition) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("""
                        WITH s AS (
                            INSERT INTO strategies (id, owner_id, name, graph, status, schedule, trading_mode, paper_bankroll_usd,
                                                    deployed_at, trigger_condition)
                            VALUES ($1, $2, 'flow test', $3::text::jsonb, 'running', $4::text::jsonb, 'paper', 1000, now(),
                                    $5::text::jsonb)
                            RETURNING id, owner_id)
                        INSERT INTO strategy_run_state (strategy_id, owner_id, next_run_at) SELECT id, owner_id, now() FROM s""")
                .execute(Tuple.of(id, owner, graph, schedule, triggerCondition))
                .await().indefinitely();
        return id;
    }

    /** The strategy's row with its run state's columns. */
    Row strategy(UUID id) {
        return pool.preparedQuery("SELECT * FROM strategies s JOIN strategy_run_state rs ON rs.strategy_id = s.id WHERE s.id = $1").execute(Tuple.of(id)).await().indefinitely()
                .iterator().next();
    }

    List<Row> rows(String sql, Object... args) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.from(args)).await().indefinitely().forEach(rows::add);
        return rows;
    }
}

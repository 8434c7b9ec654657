package io.strategos.executor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BacklogGaugesTest {

    private static final String OWNER = "backlog-gauge-owner";

    @Inject
    BacklogGauges gauges;

    @Inject
    Pool pool;

    @AfterEach
    void removeStrategies() {
        pool.preparedQuery("DELETE FROM strategies WHERE owner_id = $1").execute(Tuple.of(OWNER)).await().indefinitely();
    }

    @Test
    void countsStrategiesWhoseSlotHasCome() {
        // Due an hour ago and leased to a replica that is not this one, so this worker's loop leaves them due.
        pool.preparedQuery("""
                        WITH s AS (
                            INSERT INTO strategies (id, owner_id, name, graph, status, schedule, trading_mode, paper_bankroll_usd, deployed_at)
                            SELECT gen_random_uuid(), $1, 'backlog ' || g, '{"nodes": [], "edges": []}', 'running',
                                   '{"type": "interval", "everySeconds": 60}', 'paper', 1000, now()
                              FROM generate_series(1, 3) AS g
                            RETURNING id, owner_id)
                        INSERT INTO strategy_run_state (strategy_id, owner_id, next_run_at, lease_owner, lease_expires_at)
                        SELECT id, owner_id, now() - interval '1 hour', 'another-replica', now() + interval '1 hour' FROM s""")
                .execute(Tuple.of(OWNER)).await().indefinitely();

        gauges.refresh();

        assertThat(gauges.due()).isGreaterThanOrEqualTo(3);
    }
}

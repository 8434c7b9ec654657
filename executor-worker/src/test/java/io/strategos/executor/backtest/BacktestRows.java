package io.strategos.executor.backtest;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** The rows strategy-api would write for a backtest: the strategy with its first version, and the request. */
public final class BacktestRows {

    /** The executor's own fees and slippage, a 1,000 USD bankroll. */
    public static final String LIVE_FILLS = """
            {"paperBankrollUsd": 1000, "feeBps": null, "slippageBps": null, "triggerCondition": null}""";

    private BacktestRows() {
    }

    public static UUID strategy(Pool pool, String owner, String graph) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("""
                        WITH s AS (
                            INSERT INTO strategies (id, owner_id, name, graph) VALUES ($1, $2, 'backtested', $3::text::jsonb)
                            RETURNING id, name, graph)
                        INSERT INTO strategy_versions (strategy_id, version, name, graph) SELECT id, 1, name, graph FROM s""")
                .execute(Tuple.of(id, owner, graph)).await().indefinitely();
        return id;
    }

    /** A queued backtest of version 1 over [from, to) every {@code everySeconds}. */
    public static UUID backtest(Pool pool, String owner, UUID strategy, Instant from, Instant to, int everySeconds, String settings) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("""
                        INSERT INTO backtests (id, owner_id, strategy_id, strategy_version, range_from, range_to, schedule, settings)
                        VALUES ($1, $2, $3, 1, $4, $5, jsonb_build_object('type', 'interval', 'everySeconds', $6::int), $7::text::jsonb)""")
                .execute(Tuple.from(List.of(id, owner, strategy, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC),
                        everySeconds, settings)))
                .await().indefinitely();
        return id;
    }
}

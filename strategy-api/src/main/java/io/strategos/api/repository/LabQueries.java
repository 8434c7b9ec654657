package io.strategos.api.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.UUID;

/** What the strategy lab needs of a saved strategy: one version's graph and the deployment's settings. */
@ApplicationScoped
public class LabQueries {

    // The version asked for, or the current one; a strategy without that version has no row v.
    private static final String STRATEGY = """
            SELECT s.name, v.version, v.graph::text AS graph, s.schedule::text AS schedule, s.paper_bankroll_usd,
                   s.max_drawdown_pct, s.trigger_condition::text AS trigger_condition
              FROM strategies s
              LEFT JOIN strategy_versions v ON v.strategy_id = s.id AND v.version = COALESCE($3::int, s.version)
             WHERE s.id = $1 AND s.owner_id = $2
            """;

    /** A strategy's version as the lab runs it; {@code graph} is null when the strategy has no such version. */
    public record LabStrategy(String name, Integer version, String graph, String schedule, BigDecimal paperBankrollUsd,
                              BigDecimal maxDrawdownPct, String triggerCondition) {
    }

    private final CallerScope scope;

    public LabQueries(CallerScope scope) {
        this.scope = scope;
    }

    /** @return the caller's strategy, or null when they have none with this id */
    public Uni<LabStrategy> find(String ownerId, UUID id, Integer version) {
        return scope.run(ownerId, c -> c.preparedQuery(STRATEGY).execute(Tuple.of(id, ownerId, version)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            return new LabStrategy(row.getString("name"), row.getInteger("version"), row.getString("graph"),
                    row.getString("schedule"), row.getBigDecimal("paper_bankroll_usd"), row.getBigDecimal("max_drawdown_pct"),
                    row.getString("trigger_condition"));
        }));
    }
}

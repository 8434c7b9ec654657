package io.strategos.api.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.strategos.api.mapping.TransitionView;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The record of every status change, written in the transaction of the change. */
@ApplicationScoped
public class TransitionRepository {

    private static final String INSERT = """
            INSERT INTO strategy_transitions (strategy_id, owner_id, from_status, to_status, action)
            VALUES (?1, ?2, ?3, ?4, ?5)
            """;

    private static final String LIST = """
            SELECT action, from_status, to_status, occurred_at
              FROM strategy_transitions
             WHERE strategy_id = $1 AND owner_id = $2
             ORDER BY id DESC
             LIMIT $3
            """;

    private final CallerScope scope;

    public TransitionRepository(CallerScope scope) {
        this.scope = scope;
    }

    /** Inside the caller's Hibernate transaction. */
    public Uni<Void> add(UUID strategyId, String ownerId, String from, String to, String action) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(INSERT)
                        .setParameter(1, strategyId)
                        .setParameter(2, ownerId)
                        .setParameter(3, from)
                        .setParameter(4, to)
                        .setParameter(5, action)
                        .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<List<TransitionView>> latest(UUID strategyId, String ownerId, int limit) {
        return scope.run(ownerId, c -> c.preparedQuery(LIST).execute(Tuple.of(strategyId, ownerId, limit)).map(rows -> {
            List<TransitionView> views = new ArrayList<>(rows.size());
            rows.forEach(r -> views.add(new TransitionView(r.getString("action"), r.getString("from_status"),
                    r.getString("to_status"), StrategyRows.instant(r, "occurred_at"))));
            return views;
        }));
    }
}

package io.strategos.api.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/**
 * Tells PostgreSQL who the caller is, for the row-level security policies (V4 migration): every
 * transaction of this service starts with {@code set_config('app.user_id', <sub>, true)}, which
 * holds until that transaction ends and so never leaks to the next user of the connection. The two most
 * frequent reads do the same in one statement instead ({@link StrategyQueries}).
 */
@ApplicationScoped
public class CallerScope {

    private static final String SET_NATIVE = "SELECT set_config('app.user_id', ?1, true)";
    private static final String SET = "SELECT set_config('app.user_id', $1, true)";

    private final Pool pool;

    public CallerScope(Pool pool) {
        this.pool = pool;
    }

    /** In the current Hibernate transaction: run it first. */
    public Uni<Void> enter(String callerId) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(SET_NATIVE).setParameter(1, callerId).getSingleResult())
                .replaceWithVoid();
    }

    /**
     * Runs {@code work} in a transaction of its own, as {@code callerId}. The setting goes out without
     * waiting for its answer, pipelined with the work's first statement: a connection runs statements
     * in the order they were sent, so the setting is in place first, and a round trip sooner. Should it
     * fail, the transaction is aborted and the work fails with it.
     */
    public <T> Uni<T> run(String callerId, Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(connection -> Uni.combine().all()
                .unis(connection.preparedQuery(SET).execute(Tuple.of(callerId)), work.apply(connection))
                .with((set, result) -> result));
    }
}

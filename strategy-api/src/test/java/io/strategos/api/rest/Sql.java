package io.strategos.api.rest;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Direct SQL for tests, in a transaction as a given user ({@code app.user_id}): on the service's pool
 * (strategos_api) under row-level security, on {@link OwnerPool} past it.
 */
final class Sql {

    private Sql() {
    }

    static RowSet<Row> as(Pool pool, String user, String statement, Tuple args) {
        return pool.withTransaction(c -> c.preparedQuery("SELECT set_config('app.user_id', $1, true)").execute(Tuple.of(user))
                        .flatMap(ignored -> c.preparedQuery(statement).execute(args)))
                .await().indefinitely();
    }
}

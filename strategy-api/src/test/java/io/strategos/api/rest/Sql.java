package io.strategos.api.rest;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** Direct SQL for tests, as a given user: the tests run under row-level security (see db/strategy-test). */
final class Sql {

    private Sql() {
    }

    static RowSet<Row> as(Pool pool, String user, String statement, Tuple args) {
        return pool.withTransaction(c -> c.preparedQuery("SELECT set_config('app.user_id', $1, true)").execute(Tuple.of(user))
                        .flatMap(ignored -> c.preparedQuery(statement).execute(args)))
                .await().indefinitely();
    }
}

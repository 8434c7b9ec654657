package io.strategos.executor.retention;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Statements the retention tests set their tables up and check them with. */
@ApplicationScoped
class Sql {

    private final Pool pool;

    Sql(Pool pool) {
        this.pool = pool;
    }

    long count(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(args)).await().indefinitely().iterator().next().getLong(0);
    }

    void execute(String sql, Object... args) {
        pool.preparedQuery(sql).execute(Tuple.from(args)).await().indefinitely();
    }
}

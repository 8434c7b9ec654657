package io.strategos.api.rest;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A connection pool as the tables' owner (the role Flyway migrates as), which row-level security
 * exempts: what the tests write in executor-worker's place (runs, paper accounts, status changes)
 * and read beyond the API's grants (the outbox). The service's own pool connects as strategos_api.
 */
@ApplicationScoped
public class OwnerPool {

    private final Pool pool;

    OwnerPool(Vertx vertx,
              @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
              @ConfigProperty(name = "quarkus.flyway.username") String user,
              @ConfigProperty(name = "quarkus.flyway.password") String password) {
        PgConnectOptions connect = PgConnectOptions.fromUri(url).setUser(user).setPassword(password);
        pool = Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(connect)
                .using(vertx.getDelegate()).build());
    }

    public Pool pool() {
        return pool;
    }

    void close(@Observes ShutdownEvent event) {
        pool.closeAndAwait();
    }
}

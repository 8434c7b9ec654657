package io.strategos.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.strategos.api.repository.CallerScope;
import io.strategos.api.rest.OwnerPool;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two limiters, each with its own connection pool as strategos_api, as two strategy-api replicas would be, against
 * the same database: the limit (3 per hour in tests) holds between them.
 */
@QuarkusTest
class TestRunRateLimitTest {

    @Inject
    Vertx vertx;

    @Inject
    LabSettings settings;

    @Inject
    OwnerPool owner;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    private final List<Pool> pools = new ArrayList<>();
    private TestRunRateLimit first;
    private TestRunRateLimit second;

    private TestRunRateLimit replica() {
        Pool pool = Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
                .connectingTo(PgConnectOptions.fromUri(url).setUser(user).setPassword(password)).using(vertx.getDelegate()).build());
        pools.add(pool);
        return new TestRunRateLimit(new CallerScope(pool), settings);
    }

    @BeforeEach
    void twoReplicas() {
        first = replica();
        second = replica();
    }

    @AfterEach
    void close() {
        pools.forEach(Pool::closeAndAwait);
    }

    private static String newUser() {
        return "limited-" + UUID.randomUUID();
    }

    private static long take(TestRunRateLimit limiter, String user) {
        return limiter.tryAcquire(user).await().indefinitely();
    }

    @Test
    void theLimitIsSharedByTheReplicasAndTellsHowLongToWait() {
        String user = newUser();
        assertThat(take(first, user)).isZero();
        assertThat(take(second, user)).isZero();
        assertThat(take(first, user)).isZero();
        long wait = take(second, user);
        assertThat(wait).as("the fourth in an hour, whichever replica").isBetween(3500L, 3600L);
        assertThat(take(first, user)).isBetween(3500L, 3600L);
        assertThat(take(second, newUser())).as("limits are per user").isZero();
    }

    @Test
    void concurrentRequestsThroughBothReplicasLetExactlyTheLimitThrough() {
        String user = newUser();
        List<Uni<Long>> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            requests.add((i % 2 == 0 ? first : second).tryAcquire(user));
        }
        List<Long> waits = Uni.join().all(requests).andFailFast().await().indefinitely();
        assertThat(waits.stream().filter(wait -> wait == 0).count()).isEqualTo(settings.testRuns().perUser());
    }

    @Test
    void aWindowThatHasEndedStartsAfreshWithTheNextTestRun() {
        String user = newUser();
        for (int i = 0; i < 3; i++) {
            take(i % 2 == 0 ? first : second, user);
        }
        assertThat(take(first, user)).isPositive();
        owner.pool().preparedQuery("UPDATE test_run_limits SET window_start = now() - interval '61 minutes' WHERE owner_id = $1")
                .execute(Tuple.of(user)).await().indefinitely();

        assertThat(take(second, user)).isZero();
        assertThat(take(first, user)).isZero();
        assertThat(take(second, user)).isZero();
        assertThat(take(first, user)).as("the new window holds three too").isPositive();
    }
}

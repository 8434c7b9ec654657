package io.strategos.api.service;

import io.smallrye.mutiny.Uni;
import io.strategos.api.repository.CallerScope;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The per-user limit on test runs ({@code strategos.lab.test-runs.*}), counted in PostgreSQL (V23's
 * test_run_limits) so that it holds across every strategy-api replica: {@code per-user} test runs in a window
 * of {@code period} that starts with the first of them. One statement per test run, on the user's own row.
 */
@ApplicationScoped
public class TestRunRateLimit {

    // $2 is the period in seconds. A window still open counts one more; an ended one (or none) starts at now() with this one.
    private static final String TAKE = """
            INSERT INTO test_run_limits AS l (owner_id, window_start, used) VALUES ($1, now(), 1)
            ON CONFLICT (owner_id) DO UPDATE
               SET window_start = CASE WHEN l.window_start > now() - make_interval(secs => $2) THEN l.window_start ELSE now() END,
                   used         = CASE WHEN l.window_start > now() - make_interval(secs => $2) THEN l.used + 1 ELSE 1 END
            RETURNING used, ceil(extract(epoch FROM window_start + make_interval(secs => $2) - now()))::bigint AS seconds_left
            """;

    private final CallerScope scope;
    private final int perUser;
    private final double periodSeconds;

    public TestRunRateLimit(CallerScope scope, LabSettings settings) {
        if (settings.testRuns().perUser() < 1 || settings.testRuns().period().isZero() || settings.testRuns().period().isNegative()) {
            throw new IllegalArgumentException("strategos.lab.test-runs needs a per-user of at least 1 and a positive period");
        }
        this.scope = scope;
        this.perUser = settings.testRuns().perUser();
        this.periodSeconds = settings.testRuns().period().toMillis() / 1000.0;
    }

    /** @return 0 when the user may run a test now (it is counted), else the whole seconds until their window ends */
    public Uni<Long> tryAcquire(String user) {
        return scope.run(user, c -> c.preparedQuery(TAKE).execute(Tuple.of(user, periodSeconds)).map(rows -> {
            Row row = rows.iterator().next();
            return row.getInteger("used") <= perUser ? 0L : Math.max(1, row.getLong("seconds_left"));
        }));
    }
}

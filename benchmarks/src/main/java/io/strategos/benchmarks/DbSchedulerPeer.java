package io.strategos.benchmarks;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;

/**
 * The peer: kagkarlsson/db-scheduler with lock-and-fetch polling, on the same PostgreSQL, running
 * N no-op one-time tasks that all fall due at the same instant. It records nothing but the task
 * row's deletion, so its throughput is the ceiling for a scheduler without history.
 */
final class DbSchedulerPeer {

    // db-scheduler's PostgreSQL table, as its documentation gives it.
    private static final String TABLE = """
            CREATE TABLE scheduled_tasks (
                task_name            text                     NOT NULL,
                task_instance        text                     NOT NULL,
                task_data            bytea,
                execution_time       timestamp with time zone NOT NULL,
                picked               boolean                  NOT NULL,
                picked_by            text,
                last_success         timestamp with time zone,
                last_failure         timestamp with time zone,
                consecutive_failures int,
                last_heartbeat       timestamp with time zone,
                version              bigint                   NOT NULL,
                priority             smallint,
                PRIMARY KEY (task_name, task_instance)
            );
            CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
            CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
            CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
            """;

    private DbSchedulerPeer() {
    }

    static void run(int tasks, int threads) throws Exception {
        try (BenchEnvironment env = new BenchEnvironment()) {
            env.execute(TABLE);
            Instant due = Instant.now().plusSeconds(10);
            try (Connection c = env.connect(); PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version, priority)
                    SELECT 'noop', 'task-' || g, ?::timestamptz, false, 1, 0 FROM generate_series(1, ?) AS g""")) {
                insert.setString(1, due.toString());
                insert.setInt(2, tasks);
                insert.execute();
            }
            HikariConfig pool = new HikariConfig();
            pool.setJdbcUrl(env.postgres.jdbcUrl(BenchEnvironment.DATABASE));
            pool.setUsername(env.postgres.user());
            pool.setPassword(env.postgres.password());
            pool.setMaximumPoolSize(threads + 2);
            try (HikariDataSource dataSource = new HikariDataSource(pool)) {
                OneTimeTask<Void> noop = Tasks.oneTime("noop").execute((instance, context) -> { });
                Scheduler scheduler = Scheduler.create(dataSource, noop)
                        .threads(threads)
                        .pollUsingLockAndFetch(0.5, 1.0)
                        .pollingInterval(Duration.ofMillis(100))
                        .build();
                System.out.printf("db-scheduler: %d no-op tasks due at %s, %d threads, lock-and-fetch%n", tasks, due, threads);
                scheduler.start();
                BenchEnvironment.awaitUntil(() -> env.count("SELECT count(*) FROM scheduled_tasks") == 0,
                        Duration.between(Instant.now(), due.plus(Duration.ofMinutes(15))), Duration.ofMillis(50));
                Instant done = Instant.now();
                scheduler.stop();
                double seconds = Duration.between(due, done).toMillis() / 1000.0;
                System.out.printf("db-scheduler ran %d tasks in %.2f s -> %.0f executions/s (no history written)%n",
                        tasks, seconds, tasks / seconds);
            }
        }
    }
}

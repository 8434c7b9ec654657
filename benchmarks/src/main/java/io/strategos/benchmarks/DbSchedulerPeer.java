package io.strategos.benchmarks;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The peer: kagkarlsson/db-scheduler with lock-and-fetch polling, on the same PostgreSQL, running
 * N no-op one-time tasks that all fall due at the same instant. It records nothing but the task
 * row's deletion. Run at its best: a sweep over thread counts and lock-and-fetch limits, each with a
 * HikariCP pool of threads + 2 connections filled before the clock starts and 100 ms polling, after
 * warm-up rounds in the same JVM until its JIT has settled; the best setting is the one to compare with.
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

    /** One setting of the sweep: executor threads and pollUsingLockAndFetch's lower and upper limits. */
    record Setting(int threads, double lowerLimit, double upperLimit) {
        @Override
        public String toString() {
            return "%d threads, lock-and-fetch (%.1f, %.1f)".formatted(threads, lowerLimit, upperLimit);
        }
    }

    record Result(Setting setting, int tasks, double seconds, double cpuMs, double postgresCpuMs) {
        double perSecond() {
            return tasks / seconds;
        }
    }

    static final List<Setting> SWEEP = List.of(
            new Setting(8, 0.5, 1.0), new Setting(8, 1.0, 4.0),
            new Setting(20, 0.5, 1.0), new Setting(20, 1.0, 4.0),
            new Setting(32, 0.5, 1.0), new Setting(32, 1.0, 4.0));

    private static final int WARM_UP_TASKS = 20_000;

    private DbSchedulerPeer() {
    }

    /** The sweep on a fresh environment, every result printed; returns the best. */
    static Result best(int tasks) throws Exception {
        try (BenchEnvironment env = new BenchEnvironment(false)) {
            env.execute(TABLE);
            warmUp(env);
            Result best = null;
            for (Setting setting : SWEEP) {
                Result result = once(env, setting, tasks);
                print(result);
                if (best == null || result.perSecond() > best.perSecond()) {
                    best = result;
                }
            }
            System.out.printf("db-scheduler at its best here: %s, %.0f executions/s (no history written)%n",
                    best.setting(), best.perSecond());
            return best;
        }
    }

    /** One setting on a fresh environment, after the same warm-up as the sweep's. */
    static Result at(Setting setting, int tasks) throws Exception {
        try (BenchEnvironment env = new BenchEnvironment(false)) {
            env.execute(TABLE);
            warmUp(env);
            Result result = once(env, setting, tasks);
            print(result);
            return result;
        }
    }

    private static void print(Result result) {
        System.out.printf("db-scheduler, %s: %d tasks in %.2f s -> %.0f executions/s; CPU per run: "
                        + "scheduler JVM %.3f ms, PostgreSQL %.3f ms%n", result.setting(), result.tasks(), result.seconds(),
                result.perSecond(), result.cpuMs(), result.postgresCpuMs());
    }

    /**
     * Rounds of {@link #WARM_UP_TASKS} in this JVM until its JIT has settled, by the same rule as
     * Strategos' warm-up ({@link ExecutorThroughput#SETTLED_COMPILER_SHARE}), so each side is measured
     * compiled.
     */
    private static void warmUp(BenchEnvironment env) throws Exception {
        long pid = ProcessHandle.current().pid();
        for (int round = 1; ; round++) {
            long ticksBefore = CpuTime.ticks(pid);
            long compilerBefore = CpuTime.compilerTicks(pid);
            once(env, SWEEP.getLast(), WARM_UP_TASKS);
            long ticks = CpuTime.ticks(pid) - ticksBefore;
            double compilerShare = ticks == 0 ? 0 : (double) (CpuTime.compilerTicks(pid) - compilerBefore) / ticks;
            if (compilerShare < ExecutorThroughput.SETTLED_COMPILER_SHARE || round == ExecutorThroughput.MAX_WARM_UP_ROUNDS) {
                System.out.printf("db-scheduler warmed up with %d rounds of %d tasks (JIT compiler threads %.0f %% of its JVM's CPU in the last)%n",
                        round, WARM_UP_TASKS, 100 * compilerShare);
                return;
            }
        }
    }

    /** N no-op tasks due at one instant, run by a scheduler with {@code setting}; the table is empty after. */
    static Result once(BenchEnvironment env, Setting setting, int tasks) throws Exception {
        Instant due = Instant.now().plusSeconds(8);
        try (Connection c = env.connect(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version, priority)
                SELECT 'noop', 'task-' || g, ?::timestamptz, false, 1, 0 FROM generate_series(1, ?) AS g""")) {
            insert.setString(1, due.toString());
            insert.setInt(2, tasks);
            insert.execute();
        }
        env.execute("VACUUM ANALYZE scheduled_tasks");
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(env.postgres.jdbcUrl(BenchEnvironment.DATABASE));
        pool.setUsername(env.postgres.user());
        pool.setPassword(env.postgres.password());
        pool.setMaximumPoolSize(setting.threads() + 2);
        pool.setMinimumIdle(setting.threads() + 2);
        try (HikariDataSource dataSource = new HikariDataSource(pool)) {
            BenchEnvironment.awaitUntil(() -> dataSource.getHikariPoolMXBean().getTotalConnections() == setting.threads() + 2,
                    Duration.ofSeconds(30), Duration.ofMillis(50));
            OneTimeTask<Void> noop = Tasks.oneTime("noop").execute((instance, context) -> { });
            // Counted in memory, as db-scheduler reports each completion: polling the table would load the
            // database the peer runs on.
            AtomicLong completed = new AtomicLong();
            Scheduler scheduler = Scheduler.create(dataSource, noop)
                    .threads(setting.threads())
                    .pollUsingLockAndFetch(setting.lowerLimit(), setting.upperLimit())
                    .pollingInterval(Duration.ofMillis(100))
                    .addSchedulerListener(new AbstractSchedulerListener() {
                        @Override
                        public void onExecutionComplete(ExecutionComplete executionComplete) {
                            completed.incrementAndGet();
                        }
                    })
                    .build();
            scheduler.start();
            BenchEnvironment.awaitUntil(() -> !Instant.now().isBefore(due), Duration.ofSeconds(30), Duration.ofMillis(10));
            long cpuBefore = CpuTime.ticks(ProcessHandle.current().pid());
            long postgresBefore = CpuTime.postgresTicks();
            BenchEnvironment.awaitUntil(() -> completed.get() >= tasks, Duration.ofMinutes(15), Duration.ofMillis(5));
            Instant done = Instant.now();
            long cpuTicks = CpuTime.ticks(ProcessHandle.current().pid()) - cpuBefore;
            long postgresTicks = CpuTime.postgresTicks() - postgresBefore;
            scheduler.stop();
            if (env.count("SELECT count(*) FROM scheduled_tasks") != 0) {
                throw new IllegalStateException("db-scheduler reported every task complete, but some are still in its table");
            }
            return new Result(setting, tasks, Duration.between(due, done).toMillis() / 1000.0,
                    CpuTime.msPerRun(cpuTicks, tasks), CpuTime.msPerRun(postgresTicks, tasks));
        }
    }
}

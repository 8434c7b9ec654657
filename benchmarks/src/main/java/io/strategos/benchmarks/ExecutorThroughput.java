package io.strategos.benchmarks;

import io.strategos.localstack.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sustained executions per second with full history. N strategies with a 3-node pipeline all fall
 * due at the same instant T; the executors run each once, writing the execution row, three node
 * logs, statistics, the next slot and the outbox event. Throughput is N / (last completion - T);
 * schedule lag is each run's start minus T. Warm-up rounds run first, until the JIT has settled. Optionally the table also
 * holds idle strategies (running, next slot a day away), to show that the claim and record cost per
 * run does not grow with the number of strategies.
 */
final class ExecutorThroughput {

    static final String THREE_NODE_GRAPH = """
            {"nodes": [{"id": "markets", "type": "polymarket-stream", "config": {"limit": 20}},
                       {"id": "cheap", "type": "filter", "config": {"conditions": [{"field": "price", "operator": "lt", "value": 0.6}]}},
                       {"id": "liquid", "type": "filter", "config": {"conditions": [{"field": "liquidity", "operator": "gt", "value": 5000}]}}],
             "edges": [{"source": "markets", "target": "cheap"}, {"source": "cheap", "target": "liquid"}]}""";
    static final String DAILY = "{\"type\": \"interval\", \"everySeconds\": 86400}";

    /**
     * Warm-up: this many strategies run again and again before anything is measured, until the JIT has
     * compiled the hot paths (a sustained rate, not a cold start). Code that runs once per batch of 500
     * runs reaches C2 only after hundreds of thousands of runs, so a short warm-up measures the compiler.
     */
    static final int WARM_UP_RUNS = 20_000;
    /** The warm-up ends when the compiler threads used less than this share of the executors' CPU in a round. */
    static final double SETTLED_COMPILER_SHARE = 0.05;
    static final int MAX_WARM_UP_ROUNDS = 30;
    private static final String WARM_UP_NAME = "warm-up ";
    private static final Duration POLL = Duration.ofMillis(250);
    /**
     * Whether a strategy's slot at or before the given time is still unrecorded (recording a run moves its
     * slot on, in the same transaction) or an event is still unpublished. Each side reads only the head of an
     * index, in order and limited to one row, so the planner keeps to the index even when its statistics say
     * every strategy is due; a count, or an EXISTS, let it scan the whole table at every poll (60 to 110 ms of
     * PostgreSQL's CPU each, seen in pg_stat_statements during a measured round).
     */
    private static final String UNFINISHED = """
            SELECT (SELECT next_run_at FROM strategy_run_state WHERE next_run_at <= ?::timestamptz
                     ORDER BY next_run_at LIMIT 1) IS NOT NULL
                OR (SELECT id FROM outbox_events ORDER BY id LIMIT 1) IS NOT NULL""";

    /** What one measured round cost: runs per second, and CPU per run of each process involved. */
    record Result(long runs, double seconds, double lagP50, double lagP99, double executorCpuMs, double postgresCpuMs,
                  double kafkaCpuMs, double executorCompilerShare) {

        double perSecond() {
            return runs / seconds;
        }
    }

    private ExecutorThroughput() {
    }

    /**
     * Runs {@code runs} strategies round after round until the executors' JIT has settled (see
     * {@link #SETTLED_COMPILER_SHARE}), waiting each round for the events to reach Kafka; then deletes
     * them with their history, so the measured round starts from an empty history.
     */
    static void warmUp(BenchEnvironment env, int runs) throws Exception {
        warmUp(env, runs, false);
    }

    /**
     * As above, with the graphs the measured round will have: warmed up on one template only, a round of
     * distinct graphs measured the JIT compiling their parsing (a quarter of the executor's CPU in it).
     */
    static void warmUp(BenchEnvironment env, int runs, boolean distinctGraphs) throws Exception {
        seed(env, runs, Instant.now(), DAILY, distinctGraphs, WARM_UP_NAME);
        List<ServiceProcess> executors = env.services();
        for (int round = 1; ; round++) {
            long ticksBefore = executorTicks(executors);
            long compilerBefore = compilerTicks(executors);
            awaitFinished(env, Instant.now(), Duration.ofMinutes(10), POLL);
            double compilerShare = share(compilerTicks(executors) - compilerBefore, executorTicks(executors) - ticksBefore);
            if (compilerShare < SETTLED_COMPILER_SHARE || round == MAX_WARM_UP_ROUNDS) {
                System.out.printf("warmed up with %d rounds of %d runs (JIT compiler threads %.0f %% of the executors' CPU in the last)%n",
                        round, runs, 100 * compilerShare);
                break;
            }
            env.execute("UPDATE strategy_run_state SET next_run_at = now() WHERE strategy_id IN "
                    + "(SELECT id FROM strategies WHERE name LIKE '" + WARM_UP_NAME + "%')");
        }
        // Emptied, so the measured round writes into tables and indexes as small as on the first day.
        env.execute("TRUNCATE executions, outbox_events");
        env.execute("DELETE FROM strategies WHERE name LIKE '" + WARM_UP_NAME + "%'");
        env.execute("VACUUM ANALYZE strategies, strategy_run_state");
    }

    /** Waits until every slot up to {@code due} is recorded and every event published, polling over one connection. */
    private static void awaitFinished(BenchEnvironment env, Instant due, Duration timeout, Duration poll) throws Exception {
        try (Connection c = env.connect(); PreparedStatement unfinished = c.prepareStatement(UNFINISHED)) {
            unfinished.setString(1, due.toString());
            BenchEnvironment.awaitUntil(() -> {
                try (ResultSet rs = unfinished.executeQuery()) {
                    rs.next();
                    return !rs.getBoolean(1);
                }
            }, timeout, poll);
        }
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    static void run(int strategies, int replicas, int batchSize, int pipelines, int idle, boolean distinctGraphs) throws Exception {
        try (BenchEnvironment env = new BenchEnvironment()) {
            Result result = measure(env, strategies, replicas, batchSize, pipelines, idle, distinctGraphs);
            print(result, strategies, idle);
            for (ServiceProcess executor : env.services()) {
                System.out.printf("%s (%s): peak RSS %d MiB%n", executor.name(), BenchEnvironment.packaging, peakResidentMiB(executor));
            }
        }
    }

    /** The most memory the process has held resident since it started ({@code VmHWM}), warm-up included. */
    private static long peakResidentMiB(ServiceProcess service) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(service.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmHWM for " + service.name());
    }

    /**
     * On a fresh environment: replicas started, idle strategies seeded, warm-up, then one measured round.
     *
     * @param distinctGraphs every strategy's graph differs (a filter threshold of its own), so no two
     *                       share a parsed definition; otherwise all are made from one template
     */
    static Result measure(BenchEnvironment env, int strategies, int replicas, int batchSize, int pipelines, int idle,
                          boolean distinctGraphs) throws Exception {
        if (BenchEnvironment.schemaVariant != null) {
            env.migrate();  // before the replicas start, which would otherwise migrate without the variant
        }
        List<ServiceProcess> executors = env.startExecutors(replicas, batchSize, pipelines);
        if (idle > 0) {
            seed(env, idle, Instant.now().plus(Duration.ofDays(1)), DAILY);
            System.out.printf("seeded %d idle strategies (running, next slot in a day)%n", idle);
        }
        warmUp(env, Math.min(strategies, WARM_UP_RUNS), distinctGraphs);
        Instant due = Instant.now().plusSeconds(20);
        seed(env, strategies, due, DAILY, distinctGraphs);
        System.out.printf("seeded %d strategies due at %s (%s); %d replica(s), batch size %d, %d pipelines%n", strategies, due,
                distinctGraphs ? "each graph different" : "one graph, as from a template", replicas, batchSize, pipelines);

        long executorBefore = executorTicks(executors);
        long compilerBefore = compilerTicks(executors);
        long postgresBefore = CpuTime.postgresTicks();
        long kafkaBefore = CpuTime.ticks(env.kafkaPid());
        Duration timeout = Duration.between(Instant.now(), due.plus(Duration.ofMinutes(15)));
        // Polled once a second: the figures come from the rows' own times, and polling loads the database.
        awaitFinished(env, due, timeout, Duration.ofSeconds(1));
        long executorTicks = executorTicks(executors) - executorBefore;
        double compilerShare = share(compilerTicks(executors) - compilerBefore, executorTicks);
        long postgresTicks = CpuTime.postgresTicks() - postgresBefore;
        long kafkaTicks = CpuTime.ticks(env.kafkaPid()) - kafkaBefore;

        try (Connection c = env.connect(); PreparedStatement stats = c.prepareStatement("""
                SELECT count(*) AS runs,
                       extract(epoch FROM max(completed_at) - ?::timestamptz) AS seconds,
                       percentile_cont(0.50) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - scheduled_for)) AS lag_p50,
                       percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - scheduled_for)) AS lag_p99
                  FROM executions""")) {
            stats.setString(1, due.toString());
            try (ResultSet rs = stats.executeQuery()) {
                rs.next();
                long runs = rs.getLong("runs");
                return new Result(runs, rs.getDouble("seconds"), rs.getDouble("lag_p50"), rs.getDouble("lag_p99"),
                        CpuTime.msPerRun(executorTicks, runs), CpuTime.msPerRun(postgresTicks, runs),
                        CpuTime.msPerRun(kafkaTicks, runs), compilerShare);
            }
        }
    }

    static void print(Result r, int strategies, int idle) {
        System.out.printf("runs recorded: %d of %d (%d idle strategies in the table) in %.2f s -> %.0f executions/s%n",
                r.runs(), strategies, idle, r.seconds(), r.perSecond());
        System.out.printf("schedule lag: p50 %.3f s, p99 %.3f s%n", r.lagP50(), r.lagP99());
        System.out.printf("CPU per run (until every event was in Kafka): executor-worker %.3f ms (JIT compiler threads %.0f %% of it), "
                        + "PostgreSQL %.3f ms, Kafka broker %.3f ms%n",
                r.executorCpuMs(), 100 * r.executorCompilerShare(), r.postgresCpuMs(), r.kafkaCpuMs());
    }

    private static long executorTicks(List<ServiceProcess> executors) throws Exception {
        long total = 0;
        for (ServiceProcess executor : executors) {
            total += CpuTime.ticks(executor.pid());
        }
        return total;
    }

    private static long compilerTicks(List<ServiceProcess> executors) throws Exception {
        long total = 0;
        for (ServiceProcess executor : executors) {
            total += CpuTime.compilerTicks(executor.pid());
        }
        return total;
    }

    /**
     * All strategies in one statement, running as strategy-api leaves them (the definition, and the
     * run state with the next slot); their owners spread over 1,000 users.
     */
    static void seed(BenchEnvironment env, int strategies, Instant due, String schedule) throws Exception {
        seed(env, strategies, due, schedule, false);
    }

    static void seed(BenchEnvironment env, int strategies, Instant due, String schedule, boolean distinctGraphs) throws Exception {
        seed(env, strategies, due, schedule, distinctGraphs, "bench ");
    }

    private static void seed(BenchEnvironment env, int strategies, Instant due, String schedule, boolean distinctGraphs,
                             String namePrefix) throws Exception {
        try (Connection c = env.connect(); PreparedStatement insert = c.prepareStatement("""
                WITH s AS (
                    INSERT INTO strategies (id, owner_id, name, graph, status, schedule, trading_mode, paper_bankroll_usd,
                                            deployed_at)
                    SELECT gen_random_uuid(), 'user-' || (g % 1000), ? || g,
                           CASE WHEN ? THEN replace(?, '"value": 5000', '"value": ' || (5000 + g)) ELSE ? END::jsonb,
                           'running', ?::jsonb,
                           'paper', 10000, now()
                      FROM generate_series(1, ?) AS g
                    RETURNING id, owner_id)
                INSERT INTO strategy_run_state (strategy_id, owner_id, next_run_at)
                SELECT id, owner_id, ?::timestamptz FROM s""")) {
            insert.setString(1, namePrefix);
            insert.setBoolean(2, distinctGraphs);
            insert.setString(3, THREE_NODE_GRAPH);
            insert.setString(4, THREE_NODE_GRAPH);
            insert.setString(5, schedule);
            insert.setInt(6, strategies);
            insert.setString(7, due.toString());
            insert.execute();
        }
        env.execute("VACUUM ANALYZE strategies, strategy_run_state");
    }
}

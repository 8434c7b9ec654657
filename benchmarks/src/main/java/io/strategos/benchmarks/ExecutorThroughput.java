package io.strategos.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;

/**
 * Sustained executions per second with full history. N strategies with a 3-node pipeline all fall
 * due at the same instant T; the executors run each once, writing the execution row, three node
 * logs, statistics, the next slot and the outbox event. Throughput is N / (last completion - T);
 * schedule lag is each run's start minus T. A warm-up round runs first.
 */
final class ExecutorThroughput {

    static final String THREE_NODE_GRAPH = """
            {"nodes": [{"id": "markets", "type": "polymarket-stream", "config": {"limit": 20}},
                       {"id": "cheap", "type": "filter", "config": {"conditions": [{"field": "price", "operator": "lt", "value": 0.6}]}},
                       {"id": "liquid", "type": "filter", "config": {"conditions": [{"field": "liquidity", "operator": "gt", "value": 5000}]}}],
             "edges": [{"source": "markets", "target": "cheap"}, {"source": "cheap", "target": "liquid"}]}""";

    /** Runs before measuring, so the JIT has compiled the hot paths: a sustained rate, not a cold start. */
    static final int WARM_UP_RUNS = 10_000;
    private static final Duration POLL = Duration.ofMillis(250);

    private ExecutorThroughput() {
    }

    /** Runs {@code runs} strategies once, waits for their events to reach Kafka, then clears their history. */
    static void warmUp(BenchEnvironment env, int runs) throws Exception {
        seed(env, runs, Instant.now(), "{\"type\": \"interval\", \"everySeconds\": 86400}");
        BenchEnvironment.awaitUntil(() -> env.count("SELECT count(*) FROM executions") >= runs
                && env.count("SELECT count(*) FROM outbox_events") == 0, Duration.ofMinutes(10), POLL);
        env.execute("TRUNCATE executions CASCADE");
        System.out.printf("warmed up with %d runs%n", runs);
    }

    static void run(int strategies, int replicas, int batchSize) throws Exception {
        try (BenchEnvironment env = new BenchEnvironment()) {
            env.startExecutors(replicas, batchSize);
            warmUp(env, Math.min(strategies, WARM_UP_RUNS));
            Instant due = Instant.now().plusSeconds(20);
            seed(env, strategies, due, "{\"type\": \"interval\", \"everySeconds\": 86400}");
            System.out.printf("seeded %d strategies due at %s; %d replica(s), batch size %d%n", strategies, due, replicas, batchSize);

            Duration timeout = Duration.between(Instant.now(), due.plus(Duration.ofMinutes(15)));
            BenchEnvironment.awaitUntil(() -> env.count("SELECT count(*) FROM executions") >= strategies, timeout, POLL);
            report(env, strategies, due);
            Instant drainStart = Instant.now();
            BenchEnvironment.awaitUntil(() -> env.count("SELECT count(*) FROM outbox_events") == 0,
                    Duration.between(Instant.now(), due.plus(Duration.ofMinutes(15))), POLL);
            System.out.printf("outbox drained to Kafka %.1f s after the last run was recorded%n",
                    Duration.between(drainStart, Instant.now()).toMillis() / 1000.0);
        }
    }

    /** All strategies in one statement; their owners spread over 1,000 users. */
    static void seed(BenchEnvironment env, int strategies, Instant due, String schedule) throws Exception {
        try (Connection c = env.connect(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO strategies (id, owner_id, name, graph, status, schedule, trading_mode, paper_bankroll_usd,
                                        next_execution_at, deployed_at)
                SELECT gen_random_uuid(), 'user-' || (g % 1000), 'bench ' || g, ?::jsonb, 'running', ?::jsonb,
                       'paper', 10000, ?::timestamptz, now()
                  FROM generate_series(1, ?) AS g""")) {
            insert.setString(1, THREE_NODE_GRAPH);
            insert.setString(2, schedule);
            insert.setString(3, due.toString());
            insert.setInt(4, strategies);
            insert.execute();
        }
        env.execute("VACUUM ANALYZE strategies");
    }

    static void report(BenchEnvironment env, int strategies, Instant due) throws Exception {
        try (Connection c = env.connect(); PreparedStatement stats = c.prepareStatement("""
                SELECT count(*) AS runs,
                       (SELECT count(*) FROM execution_node_logs) AS node_logs,
                       extract(epoch FROM max(completed_at) - ?::timestamptz) AS seconds,
                       percentile_cont(0.50) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - scheduled_for)) AS lag_p50,
                       percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - scheduled_for)) AS lag_p99,
                       max(extract(epoch FROM started_at - scheduled_for)) AS lag_max
                  FROM executions""")) {
            stats.setString(1, due.toString());
            try (ResultSet rs = stats.executeQuery()) {
                rs.next();
                long runs = rs.getLong("runs");
                double seconds = rs.getDouble("seconds");
                System.out.printf("runs recorded: %d of %d (node logs: %d) in %.2f s -> %.0f executions/s%n",
                        runs, strategies, rs.getLong("node_logs"), seconds, runs / seconds);
                System.out.printf("schedule lag: p50 %.3f s, p99 %.3f s, max %.3f s%n",
                        rs.getDouble("lag_p50"), rs.getDouble("lag_p99"), rs.getDouble("lag_max"));
            }
        }
    }
}

package io.strategos.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;

/**
 * What KEDA's postgresql scaler sees and costs (deploy/k8s/base/executor-worker.yaml): its backlog
 * query, evaluated as the scaler evaluates it, one statement at a time on one connection, while
 * {@code strategies} strategies are due. Measured twice: on a vacuumed table, and after every row's
 * slot was updated once, as a round of runs leaves the table before autovacuum comes (dead index
 * entries, pages no longer all-visible, so the index-only scan visits the heap). For each: latency per evaluation, and the CPU the
 * serving backend used per evaluation, with the plan and its buffers. No services run meanwhile.
 */
final class KedaBacklog {

    static final String QUERY = "SELECT count(*) FROM strategy_run_state WHERE next_run_at <= now()";

    private KedaBacklog() {
    }

    static void run(int strategies, int evaluations) throws Exception {
        try (BenchEnvironment env = new BenchEnvironment(false)) {
            env.migrate();
            // Due a minute ago: every row matches, the worst case for a count.
            ExecutorThroughput.seed(env, strategies, Instant.now().minusSeconds(60), ExecutorThroughput.DAILY);
            System.out.printf("seeded %d strategies, all due; KEDA's query: %s%n", strategies, QUERY);
            measure(env, "vacuumed", evaluations);
            env.execute("UPDATE strategy_run_state SET next_run_at = next_run_at - interval '1 millisecond'");
            measure(env, "every slot updated once since the VACUUM", evaluations);
        }
    }

    private static void measure(BenchEnvironment env, String state, int evaluations) throws Exception {
        try (Connection c = env.connect(); PreparedStatement query = c.prepareStatement(QUERY)) {
            long backend = backendPid(c);
            long seen = 0;
            for (int i = 0; i < 20; i++) {
                seen = count(query);
            }
            long[] nanos = new long[evaluations];
            long cpuBefore = CpuTime.ticks(backend);
            for (int i = 0; i < evaluations; i++) {
                long start = System.nanoTime();
                seen = count(query);
                nanos[i] = System.nanoTime() - start;
            }
            long cpuTicks = CpuTime.ticks(backend) - cpuBefore;
            Arrays.sort(nanos);
            System.out.printf("%s: backlog %d; %d evaluations: latency p50 %.2f ms, p95 %.2f ms, max %.2f ms;"
                            + " PostgreSQL backend CPU %.2f ms per evaluation%n",
                    state, seen, evaluations, ms(nanos[evaluations / 2]), ms(nanos[(int) (evaluations * 0.95)]),
                    ms(nanos[evaluations - 1]), cpuTicks * 1000.0 / CpuTime.TICKS_PER_SECOND / evaluations);
            try (Statement explain = c.createStatement();
                 ResultSet plan = explain.executeQuery("EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) " + QUERY)) {
                while (plan.next()) {
                    System.out.println("  " + plan.getString(1));
                }
            }
        }
    }

    private static long count(PreparedStatement query) throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long backendPid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}

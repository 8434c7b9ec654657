package io.strategos.benchmarks;

import io.strategos.localstack.ServiceProcess;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How soon a killed replica's runs come back. Two replicas drain N strategies due at one instant;
 * while they are at it, one of them is SIGKILLed holding claimed batches. Reported: how many slots it
 * held, and the time from the kill until the survivor had recorded the last of them (each exactly
 * once: the slot is unique in executions).
 */
final class Recovery {

    private Recovery() {
    }

    static void run(int strategies) throws Exception {
        try (BenchEnvironment env = new BenchEnvironment()) {
            List<ServiceProcess> replicas = env.startExecutors(2, 500);
            ExecutorThroughput.warmUp(env, ExecutorThroughput.WARM_UP_RUNS);
            Instant due = Instant.now().plusSeconds(10);
            ExecutorThroughput.seed(env, strategies, due, ExecutorThroughput.DAILY);
            System.out.printf("seeded %d strategies due at %s; 2 replicas%n", strategies, due);

            BenchEnvironment.awaitUntil(() -> env.count(
                    "SELECT count(*) FROM strategy_run_state WHERE lease_owner LIKE 'bench-0-%' AND lease_expires_at > now()") >= 500,
                    Duration.between(Instant.now(), due.plusSeconds(60)), Duration.ofMillis(10));
            // What the doomed replica holds at the moment of the kill: its leased slots.
            env.execute("""
                    CREATE TABLE held_at_kill AS
                    SELECT strategy_id, next_run_at AS slot FROM strategy_run_state
                     WHERE lease_owner LIKE 'bench-0-%' AND lease_expires_at > now()""");
            replicas.getFirst().kill();
            Instant killed = Instant.now();
            long held = env.count("SELECT count(*) FROM held_at_kill");

            String recordedHeld = """
                    SELECT count(*) FROM held_at_kill h
                      JOIN executions e ON e.strategy_id = h.strategy_id AND e.scheduled_for = h.slot""";
            BenchEnvironment.awaitUntil(() -> env.count(recordedHeld) == held, Duration.ofMinutes(2), Duration.ofMillis(100));
            try (Connection c = env.connect(); PreparedStatement stats = c.prepareStatement("""
                    SELECT count(*) FILTER (WHERE e.completed_at < ?::timestamptz) AS before_kill,
                           extract(epoch FROM max(e.completed_at) - ?::timestamptz) AS recovered_after
                      FROM held_at_kill h
                      JOIN executions e ON e.strategy_id = h.strategy_id AND e.scheduled_for = h.slot""")) {
                stats.setString(1, killed.toString());
                stats.setString(2, killed.toString());
                try (ResultSet rs = stats.executeQuery()) {
                    rs.next();
                    System.out.printf("killed replica bench-0 holding %d claimed slots (%d of them recorded before it died); "
                                    + "the survivor recorded the last of them %.2f s after the kill%n",
                            held, rs.getLong("before_kill"), rs.getDouble("recovered_after"));
                }
            }
            BenchEnvironment.awaitUntil(() -> env.count("SELECT count(*) FROM executions") >= strategies,
                    Duration.ofMinutes(5), Duration.ofSeconds(1));
            System.out.printf("all %d slots recorded once each: %s%n", strategies,
                    env.count("SELECT count(*) FROM executions") == strategies
                            && env.count("SELECT count(DISTINCT (strategy_id, scheduled_for)) FROM executions") == strategies);
        }
    }
}

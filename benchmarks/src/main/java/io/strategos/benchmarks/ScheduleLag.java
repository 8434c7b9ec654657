package io.strategos.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Schedule lag at scale: N strategies on a 1-minute cron ({@code * * * * *}), run for a few
 * minutes. Lag is each run's start minus its slot; reported per minute-slot and overall.
 */
final class ScheduleLag {

    private ScheduleLag() {
    }

    static void run(int strategies, int minutes, int replicas) throws Exception {
        try (BenchEnvironment env = new BenchEnvironment()) {
            env.startExecutors(replicas, 500);
            Instant firstSlot = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
            ExecutorThroughput.seed(env, strategies, firstSlot, "{\"type\": \"cron\", \"expression\": \"* * * * *\", \"timezone\": \"UTC\"}");
            System.out.printf("seeded %d strategies on * * * * *, first slot %s, measuring %d minute(s)%n", strategies, firstSlot, minutes);
            Instant end = firstSlot.plus(Duration.ofMinutes(minutes)).plusSeconds(30);
            while (Instant.now().isBefore(end)) {
                Thread.sleep(1_000);
            }
            try (Connection c = env.connect(); PreparedStatement stats = c.prepareStatement("""
                    SELECT scheduled_for, count(*) AS runs,
                           percentile_cont(0.50) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - scheduled_for)) AS p50,
                           percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - scheduled_for)) AS p99,
                           max(extract(epoch FROM started_at - scheduled_for)) AS max
                      FROM executions
                     GROUP BY scheduled_for
                     ORDER BY scheduled_for""");
                 ResultSet rs = stats.executeQuery()) {
                while (rs.next()) {
                    System.out.printf("slot %s: %d runs, lag p50 %.3f s, p99 %.3f s, max %.3f s%n",
                            rs.getTimestamp("scheduled_for").toInstant(), rs.getLong("runs"), rs.getDouble("p50"),
                            rs.getDouble("p99"), rs.getDouble("max"));
                }
            }
        }
    }
}

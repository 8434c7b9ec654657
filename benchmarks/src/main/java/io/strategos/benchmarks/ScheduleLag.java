package io.strategos.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Schedule lag at scale: N strategies on a 1-minute cron ({@code * * * * *}), run for a few
 * minutes, optionally spread by jitter. Lag is each run's start minus its (jittered) slot, reported
 * per minute.
 */
final class ScheduleLag {

    private ScheduleLag() {
    }

    static void run(int strategies, int minutes, int replicas, int jitterSeconds) throws Exception {
        try (BenchEnvironment env = new BenchEnvironment()) {
            env.startExecutors(replicas, 500);
            ExecutorThroughput.warmUp(env, ExecutorThroughput.WARM_UP_RUNS);
            Instant firstSlot = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
            ExecutorThroughput.seed(env, strategies, firstSlot, "{\"type\": \"cron\", \"expression\": \"* * * * *\", \"timezone\": \"UTC\"}");
            if (jitterSeconds > 0) {
                // The executor spreads each strategy by a fixed offset from its second slot on; the
                // first slot is spread the same way here, so every measured minute is alike.
                env.execute("UPDATE strategies SET jitter_seconds = " + jitterSeconds);
                env.execute("UPDATE strategy_run_state SET next_run_at = next_run_at + make_interval(secs => floor(random() * "
                        + (jitterSeconds + 1) + "))");
            }
            System.out.printf("seeded %d strategies on * * * * *, jitter %d s, first slot %s, measuring %d minute(s)%n",
                    strategies, jitterSeconds, firstSlot, minutes);
            Instant end = firstSlot.plus(Duration.ofMinutes(minutes)).plusSeconds(30);
            BenchEnvironment.awaitUntil(() -> !Instant.now().isBefore(end), Duration.between(Instant.now(), end).plusSeconds(1),
                    Duration.ofSeconds(1));
            try (Connection c = env.connect(); PreparedStatement stats = c.prepareStatement("""
                    SELECT date_trunc('minute', scheduled_for) AS minute, count(*) AS runs,
                           percentile_cont(0.50) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - scheduled_for)) AS p50,
                           percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - scheduled_for)) AS p99,
                           max(extract(epoch FROM started_at - scheduled_for)) AS max
                      FROM executions
                     GROUP BY 1
                     ORDER BY 1""");
                 ResultSet rs = stats.executeQuery()) {
                while (rs.next()) {
                    System.out.printf("minute %s: %d runs, lag p50 %.3f s, p99 %.3f s, max %.3f s%n",
                            rs.getTimestamp("minute").toInstant(), rs.getLong("runs"), rs.getDouble("p50"),
                            rs.getDouble("p99"), rs.getDouble("max"));
                }
            }
        }
    }
}

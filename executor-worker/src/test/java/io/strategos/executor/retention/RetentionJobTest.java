package io.strategos.executor.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RetentionJobTest {

    @Inject
    RetentionJob retention;

    @Inject
    Sql db;

    /** A finished run of {@code strategy}, {@code daysAgo} days old, with one node log. */
    private UUID runDaysAgo(UUID strategy, int daysAgo) {
        UUID execution = UUID.randomUUID();
        db.execute("""
                INSERT INTO executions (id, strategy_id, owner_id, strategy_version, trigger, scheduled_for, started_at,
                                        completed_at, status, duration_ms, node_logs, node_ids, node_types, node_statuses,
                                        node_durations_ms)
                VALUES ($1, $2, 'retention-owner', 1, 'manual', now() - make_interval(days => $3),
                        now() - make_interval(days => $3), now() - make_interval(days => $3), 'success', 5,
                        '[{"seq": 1, "nodeId": "n", "nodeType": "filter", "status": "success"}]', '{n}', '{filter}',
                        '{success}', '{5}')""",
                execution, strategy, daysAgo);
        return execution;
    }

    @Test
    void runHistoryOlderThanTheRetentionIsDeletedWithItsNodeLogs() {
        UUID strategy = UUID.randomUUID();
        db.execute("INSERT INTO strategies (id, owner_id, name, graph) VALUES ($1, 'retention-owner', 'old', '{}')", strategy);
        UUID expired = runDaysAgo(strategy, 40);
        UUID justExpired = runDaysAgo(strategy, 31);
        UUID recent = runDaysAgo(strategy, 1);

        retention.run();

        assertThat(db.count("SELECT count(*) FROM executions WHERE id = ANY($1)", (Object) new UUID[] {expired, justExpired})).isZero();
        assertThat(db.count("SELECT count(*) FROM executions WHERE id = $1 AND node_ids = '{n}'", recent)).isEqualTo(1);
    }

    @Test
    void aDayWhoseRowsLandedInTheDefaultPartitionGetsItsPartitionWithThem() {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(2);
        String partition = "market_snapshots_p" + day.format(DateTimeFormatter.ofPattern("yyyyMMdd"));
        db.execute("DROP TABLE IF EXISTS " + partition);
        OffsetDateTime early = day.atTime(9, 0).atOffset(ZoneOffset.UTC);
        db.execute("""
                INSERT INTO market_snapshots (period_start, fetched_at, market_ids, prices, volumes_24h, liquidity, momentum)
                VALUES ($1, $1, '{"501"}', '{0.62}', '{1}', '{1}', '{0}')""", early);
        assertThat(db.count("SELECT count(*) FROM market_snapshots_default WHERE period_start = $1", early)).isEqualTo(1);

        retention.run();

        assertThat(db.count("SELECT count(*) FROM " + partition + " WHERE period_start = $1", early)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM market_snapshots_default WHERE period_start = $1", early)).isZero();
    }

    @Test
    void marketHistoryKeepsItsOwnNumberOfDaysInWholeDays() {
        // strategos.market-history.retention-days is 10 in tests, run history's 30: a 20-day-old day goes, run history's stays.
        LocalDate expired = LocalDate.now(ZoneOffset.UTC).minusDays(20);
        LocalDate kept = LocalDate.now(ZoneOffset.UTC).minusDays(5);
        for (String table : List.of("market_snapshots", "market_descriptions")) {
            for (LocalDate day : List.of(expired, kept)) {
                db.execute("CREATE TABLE IF NOT EXISTS " + table + "_p" + day.format(DateTimeFormatter.ofPattern("yyyyMMdd")) + " PARTITION OF "
                        + table + " FOR VALUES FROM ('" + day + " 00:00:00+00') TO ('" + day.plusDays(1) + " 00:00:00+00')");
            }
        }
        db.execute("""
                INSERT INTO market_snapshots (period_start, fetched_at, market_ids, prices, volumes_24h, liquidity, momentum)
                VALUES ($1, $1, '{"501"}', '{0.62}', '{1}', '{1}', '{0}'), ($2, $2, '{"501"}', '{0.63}', '{1}', '{1}', '{0}'),
                       (now() - interval '15 days', now() - interval '15 days', '{"501"}', '{0.64}', '{1}', '{1}', '{0}')""",
                expired.atTime(12, 0).atOffset(ZoneOffset.UTC), kept.atTime(12, 0).atOffset(ZoneOffset.UTC));
        assertThat(db.count("SELECT count(*) FROM market_snapshots_default")).isEqualTo(1);

        retention.run();

        String expiredDay = expired.format(DateTimeFormatter.ofPattern("yyyyMMdd"));
        String keptDay = kept.format(DateTimeFormatter.ofPattern("yyyyMMdd"));
        assertThat(db.count("SELECT count(*) FROM pg_class WHERE relname IN ($1, $2)", "market_snapshots_p" + expiredDay,
                "market_descriptions_p" + expiredDay)).isZero();
        assertThat(db.count("SELECT count(*) FROM pg_class WHERE relname IN ($1, $2)", "market_snapshots_p" + keptDay,
                "market_descriptions_p" + keptDay)).isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM market_snapshots WHERE period_start < now()")).isEqualTo(1);
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).format(DateTimeFormatter.ofPattern("yyyyMMdd"));
        assertThat(db.count("SELECT count(*) FROM pg_class WHERE relname IN ($1, $2)", "market_snapshots_p" + tomorrow,
                "market_descriptions_p" + tomorrow)).isEqualTo(2);
    }
}

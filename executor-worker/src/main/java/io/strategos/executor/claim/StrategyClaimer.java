package io.strategos.executor.claim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import io.strategos.executor.sql.UnflushedCommit;
import io.strategos.model.schedule.MisfirePolicy;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Leases due strategies to this worker. Rows locked by another replica's claim are skipped rather
 * than waited for, and a leased strategy is invisible to other replicas until its lease expires,
 * which is how a crashed replica's work comes back.
 */
@ApplicationScoped
public class StrategyClaimer {

    private static final Logger LOG = Logger.getLogger(StrategyClaimer.class);

    // What a run needs of its strategy; both claims return it.
    private static final String RUN_COLUMNS = """
            s.id, s.owner_id, s.name, s.version, s.graph::text, s.schedule::text, s.misfire_policy, s.jitter_seconds,
                      s.paper_bankroll_usd, s.max_drawdown_pct, s.trigger_condition::text, s.auto_pause_after_errors,
                      s.max_executions, s.expires_at, rs.total_executions, rs.consecutive_errors""";

    // Due order, served by strategy_run_state_due_idx. Only the narrow run-state row is written; the
    // strategy's definition is read alongside. The lease commits without waiting for the disk
    // (UnflushedCommit): lost in a crash, the slot is only claimed again.
    private static final String CLAIM = """
            WITH %s,
            due AS (
                SELECT strategy_id
                  FROM strategy_run_state
                 WHERE next_run_at <= now()
                   AND (lease_expires_at IS NULL OR lease_expires_at < now())
                 ORDER BY next_run_at
                 LIMIT $1
                   FOR UPDATE SKIP LOCKED
            )
            UPDATE strategy_run_state rs
               SET lease_owner = $2,
                   lease_expires_at = now() + make_interval(secs => $3)
              FROM due, strategies s, %s
             WHERE rs.strategy_id = due.strategy_id
               AND s.id = due.strategy_id
            RETURNING %s, rs.next_run_at AS scheduled_for
            """.formatted(UnflushedCommit.CTE, UnflushedCommit.NAME, RUN_COLUMNS);

    // Manual runs requested through the API, oldest first, leased like strategies.
    private static final String CLAIM_REQUESTED = """
            WITH %s,
            requested AS (
                SELECT execution_id
                  FROM run_requests
                 WHERE lease_expires_at IS NULL OR lease_expires_at < now()
                 ORDER BY requested_at
                 LIMIT $1
                   FOR UPDATE SKIP LOCKED
            )
            UPDATE run_requests r
               SET lease_owner = $2,
                   lease_expires_at = now() + make_interval(secs => $3)
              FROM requested, strategies s, strategy_run_state rs, %s
             WHERE r.execution_id = requested.execution_id
               AND s.id = r.strategy_id
               AND rs.strategy_id = r.strategy_id
            RETURNING %s, r.requested_at AS scheduled_for, r.execution_id AS requested_execution_id
            """.formatted(UnflushedCommit.CTE, UnflushedCommit.NAME, RUN_COLUMNS);

    // When the next slot not leased to anyone falls due, from PostgreSQL's clock like the claim; the
    // head of the due index. Rows leased now (running somewhere) are passed over.
    private static final String NEXT_DUE = """
            SELECT greatest(0, extract(epoch FROM next_run_at - now()) * 1000)::bigint AS wait_ms
              FROM strategy_run_state
             WHERE next_run_at IS NOT NULL
               AND (lease_expires_at IS NULL OR lease_expires_at < now())
             ORDER BY next_run_at
             LIMIT 1
            """;

    private final Pool pool;
    private final ParsedDefinitions definitions;
    /** Time-ordered (UUIDv7) execution ids; a field, not a static, so a native image seeds it at run time. */
    private final TimeBasedEpochGenerator executionIds = Generators.timeBasedEpochGenerator();

    public StrategyClaimer(Pool pool, ParsedDefinitions definitions) {
        this.pool = pool;
        this.definitions = definitions;
    }

    /** Leases up to {@code limit} due strategies to {@code workerId} for {@code lease}. */
    public List<ClaimedRun> claim(int limit, String workerId, Duration lease) {
        return leased(CLAIM, limit, workerId, lease);
    }

    /** Leases up to {@code limit} manual run requests; each runs its strategy's current graph once. */
    public List<ClaimedRun> claimRequested(int limit, String workerId, Duration lease) {
        return leased(CLAIM_REQUESTED, limit, workerId, lease);
    }

    /** How long until the next unleased slot falls due (zero when one is due now); empty when none is scheduled. */
    public Optional<Duration> untilNextDue() {
        var rows = pool.preparedQuery(NEXT_DUE).execute().await().indefinitely();
        return rows.size() == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(rows.iterator().next().getLong("wait_ms")));
    }

    private List<ClaimedRun> leased(String claim, int limit, String workerId, Duration lease) {
        var rows = pool.preparedQuery(claim).execute(Tuple.of(limit, workerId, lease.toMillis() / 1000.0))
                .await().indefinitely();
        List<ClaimedRun> runs = new ArrayList<>(rows.size());
        for (Row row : rows) {
            try {
                runs.add(toRun(row));
            } catch (JsonProcessingException e) {
                // Written by strategy-api after validation, so this is a bug or a manual edit; the lease
                // keeps it from being retried in a tight loop.
                LOG.errorf("strategy %s has an unreadable graph or schedule: %s", row.getUUID("id"), e.getMessage());
            }
        }
        return runs;
    }

    private ClaimedRun toRun(Row row) throws JsonProcessingException {
        boolean manual = row.getColumnIndex("requested_execution_id") >= 0;
        return new ClaimedRun(
                manual ? row.getUUID("requested_execution_id") : executionIds.generate(),
                manual,
                row.getUUID("id"),
                row.getString("owner_id"),
                row.getString("name"),
                row.getInteger("version"),
                definitions.graph(row.getString("graph")),
                definitions.schedule(row.getString("schedule")),
                "skip".equals(row.getString("misfire_policy")) ? MisfirePolicy.SKIP : MisfirePolicy.RUN_ONCE,
                row.getInteger("jitter_seconds"),
                row.getBigDecimal("paper_bankroll_usd"),
                row.getBigDecimal("max_drawdown_pct"),
                definitions.condition(row.getString("trigger_condition")),
                row.getOffsetDateTime("scheduled_for").toInstant(),
                new Standing(row.getLong("total_executions"), row.getInteger("consecutive_errors"),
                        row.getInteger("auto_pause_after_errors"), row.getLong("max_executions"),
                        row.getOffsetDateTime("expires_at") == null ? null : row.getOffsetDateTime("expires_at").toInstant()));
    }
}

package io.strategos.executor.claim;

import io.quarkus.scheduler.Scheduled;
import io.strategos.executor.service.ExecutorSettings;
import io.strategos.executor.service.WorkerIdentity;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Keeps the leases of the runs this replica holds alive while it works on them. Leases can then be
 * short, so a killed replica's runs come back to the others within seconds, while a live replica's
 * long run is never taken over: every {@code heartbeat-interval} the lease of each run claimed and
 * not yet recorded is pushed {@code lease} into the future again if it would otherwise run out before
 * the beat after next. Most runs are recorded well within that, so their leases are never renewed:
 * renewing every held lease at every beat rewrote run-state rows the recording was about to write
 * anyway. Only leases still this replica's are renewed.
 */
@ApplicationScoped
public class LeaseHeartbeat {

    private static final Logger LOG = Logger.getLogger(LeaseHeartbeat.class);

    private static final String RENEW_SCHEDULED = """
            UPDATE strategy_run_state
               SET lease_expires_at = now() + make_interval(secs => $3)
             WHERE strategy_id = ANY($1) AND lease_owner = $2
            """;
    private static final String RENEW_REQUESTED = """
            UPDATE run_requests
               SET lease_expires_at = now() + make_interval(secs => $3)
             WHERE execution_id = ANY($1) AND lease_owner = $2
            """;

    private final Pool pool;
    private final ExecutorSettings settings;
    private final WorkerIdentity worker;
    /** The runs held, by execution id (a run's own equality would hash its whole graph). */
    private final Map<UUID, Held> held = new ConcurrentHashMap<>();

    /** A run, and when its lease was last set ({@link System#nanoTime()}, taken before the statement that set it). */
    private record Held(ClaimedRun run, long leaseSetAt) {
    }

    public LeaseHeartbeat(Pool pool, ExecutorSettings settings, WorkerIdentity worker) {
        this.pool = pool;
        this.settings = settings;
        this.worker = worker;
    }

    /**
     * From the claim until the batch is recorded.
     *
     * @param claimStarted {@link System#nanoTime()} before the claim was sent, so a lease is never
     *                     thought younger than it is
     */
    public void hold(List<ClaimedRun> runs, long claimStarted) {
        runs.forEach(run -> held.put(run.executionId(), new Held(run, claimStarted)));
    }

    public void release(List<ClaimedRun> runs) {
        runs.forEach(run -> held.remove(run.executionId()));
    }

    @Scheduled(every = "${strategos.executor.heartbeat-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void renew() {
        long beat = System.nanoTime();
        // A lease set longer ago than this would lapse before the beat after next without renewal.
        long renewAfter = settings.lease().minus(settings.heartbeatInterval().multipliedBy(2)).toNanos();
        List<ClaimedRun> runs = held.values().stream()
                .filter(h -> beat - h.leaseSetAt() >= renewAfter)
                .map(Held::run)
                .toList();
        if (runs.isEmpty()) {
            return;
        }
        UUID[] scheduled = runs.stream().filter(run -> !run.isManual()).map(ClaimedRun::strategyId).toArray(UUID[]::new);
        UUID[] requested = runs.stream().filter(ClaimedRun::isManual).map(ClaimedRun::executionId).toArray(UUID[]::new);
        double seconds = settings.lease().toMillis() / 1000.0;
        try {
            if (scheduled.length > 0) {
                pool.preparedQuery(RENEW_SCHEDULED).execute(Tuple.of(scheduled, worker.id(), seconds)).await().indefinitely();
            }
            if (requested.length > 0) {
                pool.preparedQuery(RENEW_REQUESTED).execute(Tuple.of(requested, worker.id(), seconds)).await().indefinitely();
            }
            runs.forEach(run -> held.computeIfPresent(run.executionId(), (id, h) -> new Held(h.run(), beat)));
        } catch (RuntimeException e) {
            // The next beat tries again; leases outlast several missed beats.
            LOG.warnf("could not renew %d lease(s): %s", runs.size(), e.getMessage());
        }
    }
}

package io.strategos.executor.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The executor's tuning knobs; each is documented in application.properties. */
@ConfigMapping(prefix = "strategos.executor")
public interface ExecutorSettings {

    /** How often an idle worker looks for due strategies (read by the {@code @Scheduled} claim loop). */
    Duration pollInterval();

    /** Batches this replica works on at once (claim, run, record), so round trips overlap. */
    int pipelines();

    /** Strategies claimed per round trip. */
    int batchSize();

    /** How long a claimed strategy stays invisible to other replicas unless its worker renews the lease. */
    Duration lease();

    /** How often a worker renews the leases of the runs it holds (read by {@code LeaseHeartbeat}). */
    Duration heartbeatInterval();

    /** Parsed definitions kept per kind (graphs, schedules, trigger conditions), by their JSON text. */
    long definitionCacheSize();

    /** A run still going after this is recorded as timed out. */
    Duration runTimeout();

    /** Names this replica in leases (a random suffix makes each process unique). */
    @WithDefault("${HOSTNAME:local}")
    String workerName();
}

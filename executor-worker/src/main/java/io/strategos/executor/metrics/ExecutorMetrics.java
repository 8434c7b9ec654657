package io.strategos.executor.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.strategos.executor.pipeline.RunResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The executor's own meters, exported at /q/metrics as strategos_executor_runs_total{status},
 * strategos_executor_run_duration_seconds, strategos_executor_schedule_lag_seconds and
 * strategos_executor_claim_batch_size and strategos_executor_auto_paused_total. The backlog gauges are in {@link BacklogGauges}.
 */
@ApplicationScoped
public class ExecutorMetrics {

    private final Map<RunResult.Status, Counter> runs = new EnumMap<>(RunResult.Status.class);
    private final Timer runDuration;
    private final Timer scheduleLag;
    private final DistributionSummary claimBatchSize;
    private final Counter autoPaused;

    public ExecutorMetrics(MeterRegistry registry) {
        for (RunResult.Status status : RunResult.Status.values()) {
            runs.put(status, Counter.builder("strategos.executor.runs").tag("status", status.dbValue())
                    .description("Runs recorded, by outcome").register(registry));
        }
        runDuration = Timer.builder("strategos.executor.run.duration").description("Time a run took, from start to end of its last node")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(60)).register(registry);
        scheduleLag = Timer.builder("strategos.executor.schedule.lag").description("Start of a run minus the slot it was scheduled for")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofMinutes(5)).register(registry);
        claimBatchSize = DistributionSummary.builder("strategos.executor.claim.batch.size")
                .description("Strategies leased per claim").register(registry);
        autoPaused = Counter.builder("strategos.executor.auto.paused")
                .description("Strategies paused by their own failures or the drawdown kill switch").register(registry);
    }

    public void autoPaused(int strategies) {
        autoPaused.increment(strategies);
    }

    public void claimed(int batchSize) {
        claimBatchSize.record(batchSize);
    }

    /** Counts the runs that were recorded (not those another replica had already recorded). */
    public void recorded(List<RunResult> results) {
        for (RunResult r : results) {
            runs.get(r.status()).increment();
            runDuration.record(Duration.ofMillis(r.durationMs()));
            Duration lag = Duration.between(r.run().scheduledFor(), r.startedAt());
            scheduleLag.record(lag.isNegative() ? Duration.ZERO : lag);
        }
    }
}

package io.strategos.executor.service;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.strategos.executor.claim.ClaimedRun;
import io.strategos.executor.claim.LeaseHeartbeat;
import io.strategos.executor.claim.StrategyClaimer;
import io.strategos.executor.metrics.ExecutorMetrics;
import io.strategos.executor.pipeline.PipelineRunner;
import io.strategos.executor.pipeline.RunResult;
import io.strategos.executor.recording.ExecutionRecorder;
import io.strategos.model.tracing.Traceparent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The worker's main loop: claim a batch of due strategies, run them concurrently, record the batch,
 * and go on while full batches keep coming. On shutdown it stops claiming; what it holds is either
 * finished or, if it is killed first, picked up by another replica when the lease expires.
 */
@ApplicationScoped
public class ExecutorLoop {

    private static final Logger LOG = Logger.getLogger(ExecutorLoop.class);
    /**
     * The shortest wait between a batch that was not full and the next claim, when more is due at
     * once: slots keep coming (jitter spreads them over the minute), and claiming them a few at a
     * time in a tight loop would cost a round trip per handful of runs.
     */
    private static final long MIN_PAUSE_MS = 10;

    private final StrategyClaimer claimer;
    private final PipelineRunner runner;
    private final ExecutionRecorder recorder;
    private final ExecutorSettings settings;
    private final ExecutorMetrics metrics;
    private final LeaseHeartbeat heartbeat;
    private final Tracer tracer;
    /** One permit per batch between claim and record, so shutdown can wait for them all. */
    private final Semaphore batchesInFlight;
    private final ExecutorService runs = Executors.newVirtualThreadPerTaskExecutor();
    private final String workerId;
    private volatile boolean stopping;

    public ExecutorLoop(StrategyClaimer claimer, PipelineRunner runner, ExecutionRecorder recorder, ExecutorSettings settings,
                        ExecutorMetrics metrics, LeaseHeartbeat heartbeat, WorkerIdentity worker, Tracer tracer) {
        this.claimer = claimer;
        this.runner = runner;
        this.recorder = recorder;
        this.settings = settings;
        this.metrics = metrics;
        this.heartbeat = heartbeat;
        this.tracer = tracer;
        this.batchesInFlight = new Semaphore(settings.pipelines());
        this.workerId = worker.id();
    }

    @Scheduled(every = "${strategos.executor.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void claimAndRun() throws InterruptedException {
        // Several pipelines overlap one batch's claim with another's recording, keeping the
        // database busy while this process runs nodes.
        List<Future<?>> pipelines = new ArrayList<>(settings.pipelines());
        for (int i = 0; i < settings.pipelines(); i++) {
            pipelines.add(runs.submit(() -> {
                drain();
                return null;
            }));
        }
        for (Future<?> pipeline : pipelines) {
            try {
                pipeline.get();
            } catch (ExecutionException e) {
                LOG.error("a claim pipeline failed; the next poll starts it again", e.getCause());
            }
        }
    }

    /**
     * Claims batch after batch while they come full. Once one is not, what was due is claimed; if the
     * next slot falls due before the next poll, the pipeline waits for it instead of for the poll, so
     * a run starts within milliseconds of its slot rather than up to a poll interval late.
     */
    private void drain() throws InterruptedException {
        while (!stopping) {
            boolean full;
            batchesInFlight.acquire();
            try {
                full = claimRunAndRecordOneBatch();
            } finally {
                batchesInFlight.release();
            }
            if (!full) {
                Optional<Duration> untilDue = claimer.untilNextDue();
                if (untilDue.isEmpty() || untilDue.get().compareTo(settings.pollInterval()) >= 0 || stopping) {
                    return;
                }
                Thread.sleep(Math.max(untilDue.get().toMillis(), MIN_PAUSE_MS));
            }
        }
    }

    /**
     * Manual runs first (someone is waiting for them), then scheduled ones; each kind in a batch of
     * its own, so a strategy appears at most once per recording transaction.
     *
     * @return true when a batch was full, so more work is probably due
     */
    private boolean claimRunAndRecordOneBatch() {
        boolean requestedFull = claimRunAndRecord(() -> claimer.claimRequested(settings.batchSize(), workerId, settings.lease()));
        boolean scheduledFull = claimRunAndRecord(() -> claimer.claim(settings.batchSize(), workerId, settings.lease()));
        return requestedFull || scheduledFull;
    }

    private boolean claimRunAndRecord(Supplier<List<ClaimedRun>> claim) {
        long claimStarted = System.nanoTime();
        List<ClaimedRun> batch = claim.get();
        metrics.claimed(batch.size());
        if (batch.isEmpty()) {
            return false;
        }
        heartbeat.hold(batch, claimStarted);
        try {
            metrics.recorded(recorder.record(runAll(batch)));
        } finally {
            heartbeat.release(batch);
        }
        return batch.size() == settings.batchSize();
    }

    private List<RunResult> runAll(List<ClaimedRun> batch) {
        List<Span> spans = new ArrayList<>(batch.size());
        List<Future<RunResult>> futures = new ArrayList<>(batch.size());
        for (ClaimedRun run : batch) {
            Span span = runSpan(run);
            spans.add(span);
            futures.add(runs.submit(() -> runTraced(run, span)));
        }
        Instant deadline = Instant.now().plus(settings.runTimeout());
        List<RunResult> results = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            ClaimedRun run = batch.get(i);
            Span span = spans.get(i);
            Future<RunResult> future = futures.get(i);
            RunResult result;
            try {
                long remaining = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
                result = future.get(remaining, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                result = RunResult.timedOut(run, settings.runTimeout());
                span.setStatus(StatusCode.ERROR, result.error()).end();
            } catch (ExecutionException e) {
                LOG.errorf(e.getCause(), "run of strategy %s crashed", run.strategyId());
                result = RunResult.crashed(run, e.getCause());
                span.recordException(e.getCause()).setStatus(StatusCode.ERROR, result.error()).end();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return results;
            }
            results.add(result.withTraceparent(Traceparent.of(span)));
        }
        return results;
    }

    /** Each run is a trace of its own, which its events carry on through Kafka to the notifier. */
    private Span runSpan(ClaimedRun run) {
        return tracer.spanBuilder("run strategy")
                .setNoParent()
                .setAttribute("strategos.strategy.id", run.strategyId().toString())
                .setAttribute("strategos.execution.id", run.executionId().toString())
                .setAttribute("strategos.run.trigger", run.trigger())
                .startSpan();
    }

    /** Runs with the span current, so the run's log lines carry its trace and span ids. */
    private RunResult runTraced(ClaimedRun run, Span span) {
        try (Scope ignored = span.makeCurrent()) {
            RunResult result = runner.run(run);
            if (result.failed()) {
                span.setStatus(StatusCode.ERROR, result.error());
            }
            span.setAttribute("strategos.run.status", result.status().dbValue());
            LOG.debugf("strategy %s, execution %s: %s", run.strategyId(), run.executionId(), result.status().dbValue());
            return result;
        } finally {
            // A run that outlived the timeout was ended as timed out already; a second end is ignored.
            span.end();
        }
    }

    /**
     * SIGTERM: claim nothing more and let the batch in flight finish and be recorded. If the grace
     * period runs out first, its leases expire and another replica runs those slots.
     */
    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        if (batchesInFlight.tryAcquire(settings.pipelines(), settings.runTimeout().plusSeconds(5).toSeconds(), TimeUnit.SECONDS)) {
            batchesInFlight.release(settings.pipelines());
        } else {
            LOG.warn("stopping with a batch still in flight; its leases will expire and another replica will run it");
        }
        runs.shutdown();
    }
}

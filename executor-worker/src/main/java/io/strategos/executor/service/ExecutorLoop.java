package io.strategos.executor.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.strategos.executor.claim.ClaimedRun;
import io.strategos.executor.claim.StrategyClaimer;
import io.strategos.executor.pipeline.PipelineRunner;
import io.strategos.executor.pipeline.RunResult;
import io.strategos.executor.recording.ExecutionRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The worker's main loop: claim a batch of due strategies, run them concurrently, record the batch,
 * and go on while full batches keep coming. On shutdown it stops claiming; what it holds is either
 * finished or, if it is killed first, picked up by another replica when the lease expires.
 */
@ApplicationScoped
public class ExecutorLoop {

    private static final Logger LOG = Logger.getLogger(ExecutorLoop.class);

    private final StrategyClaimer claimer;
    private final PipelineRunner runner;
    private final ExecutionRecorder recorder;
    private final ExecutorSettings settings;
    private final ExecutorService runs = Executors.newVirtualThreadPerTaskExecutor();
    private final String workerId;
    private volatile boolean stopping;

    public ExecutorLoop(StrategyClaimer claimer, PipelineRunner runner, ExecutionRecorder recorder, ExecutorSettings settings) {
        this.claimer = claimer;
        this.runner = runner;
        this.recorder = recorder;
        this.settings = settings;
        this.workerId = settings.workerName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Scheduled(every = "${strategos.executor.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void claimAndRun() {
        while (!stopping) {
            List<ClaimedRun> batch = claimer.claim(settings.batchSize(), workerId, settings.lease());
            if (batch.isEmpty()) {
                return;
            }
            recorder.record(runAll(batch));
            if (batch.size() < settings.batchSize()) {
                return;
            }
        }
    }

    private List<RunResult> runAll(List<ClaimedRun> batch) {
        List<Future<RunResult>> futures = new ArrayList<>(batch.size());
        for (ClaimedRun run : batch) {
            futures.add(runs.submit(() -> runner.run(run)));
        }
        Instant deadline = Instant.now().plus(settings.runTimeout());
        List<RunResult> results = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            ClaimedRun run = batch.get(i);
            Future<RunResult> future = futures.get(i);
            try {
                long remaining = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
                results.add(future.get(remaining, TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                future.cancel(true);
                results.add(RunResult.timedOut(run, settings.runTimeout()));
            } catch (ExecutionException e) {
                LOG.errorf(e.getCause(), "run of strategy %s crashed", run.strategyId());
                results.add(RunResult.crashed(run, e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return results;
            }
        }
        return results;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        runs.shutdown();
    }
}

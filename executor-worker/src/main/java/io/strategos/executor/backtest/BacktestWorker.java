package io.strategos.executor.backtest;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.strategos.executor.market.MarketHistory;
import io.strategos.executor.paper.PaperTradingSettings;
import io.strategos.executor.pipeline.PipelineRunner;
import io.strategos.executor.service.WorkerIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Claims backtests and replays them, at most {@code strategos.backtest.max-concurrent} at once on this
 * replica, each on a virtual thread of its own. Scheduled runs come first: no backtest is claimed, and a
 * running one waits between checkpoints, while a strategy is overdue. Every checkpoint interval the slots
 * run since the last one are written with the state they lead to and the lease is renewed; a killed
 * worker's backtest is taken over by another replica when its lease expires and resumes from its last
 * checkpoint, with the same result it would have had. On SIGTERM a backtest checkpoints and is released.
 */
@ApplicationScoped
public class BacktestWorker {

    private static final Logger LOG = Logger.getLogger(BacktestWorker.class);

    private final BacktestRepository backtests;
    private final PipelineRunner runner;
    private final MarketHistory history;
    private final PaperTradingSettings liveFills;
    private final BacktestSettings settings;
    private final WorkerIdentity worker;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean stopping;

    public BacktestWorker(BacktestRepository backtests, PipelineRunner runner, MarketHistory history,
                          PaperTradingSettings liveFills, BacktestSettings settings, WorkerIdentity worker) {
        this.backtests = backtests;
        this.runner = runner;
        this.history = history;
        this.liveFills = liveFills;
        this.settings = settings;
        this.worker = worker;
    }

    @Scheduled(every = "${strategos.backtest.poll-interval}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void claim() {
        while (!stopping && running.get() < settings.maxConcurrent()) {
            Optional<Backtest> claimed = backtests.claim(worker.id(), settings.lease(), settings.yieldWhenOverdue());
            if (claimed.isEmpty()) {
                return;
            }
            running.incrementAndGet();
            threads.submit(() -> {
                try {
                    replay(claimed.get());
                } catch (RuntimeException e) {
                    LOG.errorf(e, "backtest %s broke; its lease will expire and another replica will retry it", claimed.get().id());
                } finally {
                    running.decrementAndGet();
                }
            });
        }
    }

    private void replay(Backtest backtest) {
        try {
            replayOn(backtest);
        } catch (MarketHistory.Missing e) {
            backtests.fail(backtest.id(), worker.id(), e.getMessage());
        }
    }

    private void replayOn(Backtest backtest) {
        PaperTradingSettings fills = fills(backtest.settings());
        BacktestEngine engine = new BacktestEngine(runner, backtest, fills, history.replay());
        List<BacktestEngine.SlotRun> pending = new ArrayList<>();
        long tradeSeq = engine.state().trades();
        long nextCheckpoint = System.nanoTime() + settings.checkpointInterval().toNanos();
        while (engine.nextSlot().isPresent()) {
            if (stopping) {
                if (checkpoint(backtest, engine, pending, tradeSeq)) {
                    backtests.release(backtest.id(), worker.id());
                }
                return;
            }
            pending.add(engine.step());
            if (System.nanoTime() >= nextCheckpoint) {
                if (!checkpoint(backtest, engine, pending, tradeSeq)) {
                    LOG.infof("backtest %s was cancelled or taken over; stopping", backtest.id());
                    return;
                }
                tradeSeq = engine.state().trades();
                pending.clear();
                waitWhileScheduledRunsAreOverdue(backtest, engine);
                nextCheckpoint = System.nanoTime() + settings.checkpointInterval().toNanos();
            }
        }
        if (!checkpoint(backtest, engine, pending, tradeSeq)) {
            return;
        }
        BacktestState state = engine.state();
        long every = Math.max(1, (state.slotsDone() + settings.baselinePoints() - 1) / settings.baselinePoints());
        List<Instant> sample = state.firstSlot() == null ? List.of()
                : BacktestEngine.sample(backtest, state.firstSlot(), state.lastSlot(), every);
        backtests.complete(backtest.id(), worker.id(), BacktestResult.of(state, BacktestResult.baseline(state, sample, history.replay())));
    }

    private boolean checkpoint(Backtest backtest, BacktestEngine engine, List<BacktestEngine.SlotRun> pending, long tradeSeq) {
        Instant next = engine.nextSlot().orElse(backtest.to());
        double progress = 100.0 * Duration.between(backtest.from(), next).toMillis() / Duration.between(backtest.from(), backtest.to()).toMillis();
        return backtests.checkpoint(backtest, worker.id(), pending, tradeSeq, engine.state(), next, Math.min(100, progress), settings.lease());
    }

    /** Scheduled runs first: while some are overdue, hold on to the backtest (its lease renewed) without working on it. */
    private void waitWhileScheduledRunsAreOverdue(Backtest backtest, BacktestEngine engine) {
        while (!stopping && backtests.scheduledRunsOverdue(settings.yieldWhenOverdue())) {
            try {
                TimeUnit.MILLISECONDS.sleep(settings.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!checkpoint(backtest, engine, List.of(), engine.state().trades())) {
                return;
            }
        }
    }

    private PaperTradingSettings fills(Backtest.Settings requested) {
        int fee = requested.feeBps() == null ? liveFills.feeBps() : requested.feeBps();
        int slippage = requested.slippageBps() == null ? liveFills.slippageBps() : requested.slippageBps();
        return new PaperTradingSettings() {
            @Override
            public int feeBps() {
                return fee;
            }

            @Override
            public int slippageBps() {
                return slippage;
            }
        };
    }

    /** SIGTERM: running backtests checkpoint and are released, so another replica resumes them at once. */
    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        threads.shutdown();
        if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("a backtest is still checkpointing; its lease will expire and another replica will resume it");
        }
    }
}

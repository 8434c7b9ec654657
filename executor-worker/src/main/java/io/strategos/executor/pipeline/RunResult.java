package io.strategos.executor.pipeline;

import io.strategos.executor.claim.ClaimedRun;
import io.strategos.executor.pipeline.RunContext.RunEffects;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The outcome of one run, everything the recorder writes about it. {@code traceparent} is the run's
 * span, which its events carry (null when tracing is disabled).
 */
public record RunResult(
        UUID executionId,
        ClaimedRun run,
        Status status,
        Instant startedAt,
        Instant completedAt,
        List<NodeResult> nodes,
        String error,
        RunEffects effects,
        String traceparent) {

    /** A result not yet tied to its run's span. */
    public RunResult(UUID executionId, ClaimedRun run, Status status, Instant startedAt, Instant completedAt,
                     List<NodeResult> nodes, String error, RunEffects effects) {
        this(executionId, run, status, startedAt, completedAt, nodes, error, effects, null);
    }

    public RunResult withTraceparent(String traceparent) {
        return new RunResult(executionId, run, status, startedAt, completedAt, nodes, error, effects, traceparent);
    }

    public enum Status {
        SUCCESS, FAILED, TIMED_OUT, CONDITION_NOT_MET;

        public String dbValue() {
            return name().toLowerCase();
        }
    }

    /** A run whose strategy's trigger condition did not hold: recorded, cheaply, without running a node. */
    public static RunResult conditionNotMet(UUID executionId, ClaimedRun run, Instant at, String why) {
        return new RunResult(executionId, run, Status.CONDITION_NOT_MET, at, at, List.of(), why, RunEffects.NONE);
    }

    public boolean failed() {
        return status == Status.FAILED || status == Status.TIMED_OUT;
    }

    /** A run that did not finish within {@code timeout}: its node logs are lost with it. */
    public static RunResult timedOut(ClaimedRun run, java.time.Duration timeout) {
        Instant now = Instant.now();
        return new RunResult(run.executionId(), run, Status.TIMED_OUT, now.minus(timeout), now, List.of(),
                "the run did not finish within " + timeout.toSeconds() + " s", RunEffects.NONE);
    }

    /** A run that broke outside any node (a bug): recorded as failed rather than lost. */
    public static RunResult crashed(ClaimedRun run, Throwable cause) {
        Instant now = Instant.now();
        return new RunResult(run.executionId(), run, Status.FAILED, now, now, List.of(), "internal error: " + cause, RunEffects.NONE);
    }

    public long durationMs() {
        return completedAt.toEpochMilli() - startedAt.toEpochMilli();
    }

    public int nodesExecuted() {
        int executed = 0;
        for (NodeResult node : nodes) {
            if (node.status() != NodeResult.Status.SKIPPED) {
                executed++;
            }
        }
        return executed;
    }
}

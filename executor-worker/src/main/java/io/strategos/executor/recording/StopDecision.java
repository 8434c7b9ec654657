package io.strategos.executor.recording;

import io.strategos.executor.claim.ClaimedRun;
import io.strategos.executor.claim.Standing;
import io.strategos.executor.pipeline.RunResult;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a run stops its strategy, and the status it then moves to: {@code paused} when the paper
 * portfolio's drawdown kill switch fired, {@code error} after {@code autoPauseAfterErrors} failures
 * in a row, {@code completed} when a scheduled run leaves no further slot (schedule used up,
 * {@code maxExecutions} reached, or the next slot past {@code expiresAt}). A manual run never
 * completes a strategy: it is outside the schedule.
 */
final class StopDecision {

    private StopDecision() {
    }

    /** @param nextSlot the slot after this run's, empty when the schedule has none (ignored for manual runs) */
    static Optional<String> after(RunResult result, Optional<Instant> nextSlot) {
        ClaimedRun run = result.run();
        Standing standing = run.standing();
        if (result.effects().pauseReason() != null) {
            return Optional.of("paused");
        }
        if (result.failed() && standing.consecutiveErrors() + 1 >= standing.autoPauseAfterErrors()) {
            return Optional.of("error");
        }
        if (!run.isManual() && (nextSlot.isEmpty()
                || standing.maxExecutions() != null && standing.totalExecutions() + 1 >= standing.maxExecutions()
                || standing.expiresAt() != null && nextSlot.get().isAfter(standing.expiresAt()))) {
            return Optional.of("completed");
        }
        return Optional.empty();
    }
}

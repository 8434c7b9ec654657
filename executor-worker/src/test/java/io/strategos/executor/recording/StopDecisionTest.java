package io.strategos.executor.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.strategos.executor.claim.ClaimedRun;
import io.strategos.executor.claim.Standing;
import io.strategos.executor.pipeline.RunContext.RunEffects;
import io.strategos.executor.pipeline.RunResult;
import io.strategos.model.graph.StrategyGraph;
import io.strategos.model.schedule.IntervalSchedule;
import io.strategos.model.schedule.MisfirePolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StopDecisionTest {

    private static final Instant SLOT = Instant.parse("2026-12-01T10:00:00Z");
    private static final Optional<Instant> NEXT = Optional.of(SLOT.plusSeconds(60));

    private static RunResult result(RunResult.Status status, boolean manual, Standing standing, String pauseReason) {
        ClaimedRun run = new ClaimedRun(UUID.randomUUID(), manual, UUID.randomUUID(), "owner", "s", 1,
                new StrategyGraph(List.of(), List.of()), new IntervalSchedule(60L), MisfirePolicy.RUN_ONCE, 0, null, null, null,
                SLOT, standing);
        RunEffects effects = new RunEffects(List.of(), List.of(), List.of(), Map.of(), pauseReason);
        return new RunResult(run.executionId(), run, status, SLOT, SLOT.plusMillis(5), List.of(), null, effects);
    }

    @Test
    void aSuccessfulRunWithSlotsLeftStopsNothing() {
        assertThat(StopDecision.after(result(RunResult.Status.SUCCESS, false, Standing.FRESH, null), NEXT)).isEmpty();
    }

    @Test
    void theFailureThatReachesTheLimitAutoPauses() {
        Standing twoFailures = new Standing(10, 2, 3, null, null);
        assertThat(StopDecision.after(result(RunResult.Status.FAILED, false, twoFailures, null), NEXT)).contains("error");
        assertThat(StopDecision.after(result(RunResult.Status.TIMED_OUT, true, twoFailures, null), NEXT)).contains("error");
        Standing oneFailure = new Standing(10, 1, 3, null, null);
        assertThat(StopDecision.after(result(RunResult.Status.FAILED, false, oneFailure, null), NEXT)).isEmpty();
    }

    @Test
    void theKillSwitchPausesBeforeAnythingElse() {
        Standing twoFailures = new Standing(10, 2, 3, 11L, null);
        assertThat(StopDecision.after(result(RunResult.Status.FAILED, false, twoFailures, "drawdown 25% over 20%"), NEXT))
                .contains("paused");
    }

    @Test
    void aScheduledRunCompletesTheStrategyWhenNoSlotIsLeft() {
        assertThat(StopDecision.after(result(RunResult.Status.SUCCESS, false, Standing.FRESH, null), Optional.empty()))
                .contains("completed");
        assertThat(StopDecision.after(result(RunResult.Status.SUCCESS, false, new Standing(4, 0, 3, 5L, null), null), NEXT))
                .contains("completed");
        assertThat(StopDecision.after(result(RunResult.Status.SUCCESS, false, new Standing(3, 0, 3, 5L, null), null), NEXT))
                .isEmpty();
        assertThat(StopDecision.after(result(RunResult.Status.SUCCESS, false,
                new Standing(0, 0, 3, null, SLOT.plusSeconds(30)), null), NEXT)).contains("completed");
    }

    @Test
    void aManualRunNeverCompletesAStrategy() {
        assertThat(StopDecision.after(result(RunResult.Status.SUCCESS, true, new Standing(4, 0, 3, 5L, null), null),
                Optional.empty())).isEmpty();
    }
}

package io.strategos.executor.claim;

import static org.assertj.core.api.Assertions.assertThat;

import io.strategos.model.graph.StrategyGraph;
import io.strategos.model.schedule.CronSchedule;
import io.strategos.model.schedule.MisfirePolicy;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClaimedRunTest {

    private static ClaimedRun everyFiveMinutes(UUID id, int jitterSeconds, Instant slot) {
        return new ClaimedRun(UUID.randomUUID(), false, id, "owner", "s", 1, new StrategyGraph(null, null),
                new CronSchedule("*/5 * * * *", "UTC"), MisfirePolicy.RUN_ONCE, jitterSeconds, null, null, null, slot,
                Standing.FRESH);
    }

    @Test
    void withoutJitterTheNextSlotIsTheNextCronTime() {
        Instant slot = Instant.parse("2026-01-01T10:00:00Z");
        assertThat(everyFiveMinutes(UUID.randomUUID(), 0, slot).nextSlot(slot.plusSeconds(1)))
                .contains(Instant.parse("2026-01-01T10:05:00Z"));
    }

    @Test
    void jitterShiftsEverySlotOfAStrategyByTheSameOffset() {
        UUID id = UUID.randomUUID();
        long offset = Math.floorMod(id.hashCode(), 61);
        Instant slot = Instant.parse("2026-01-01T10:00:00Z").plusSeconds(offset);
        Instant next = everyFiveMinutes(id, 60, slot).nextSlot(slot.plusSeconds(1)).orElseThrow();
        assertThat(next).isEqualTo(Instant.parse("2026-01-01T10:05:00Z").plusSeconds(offset));
        Instant after = everyFiveMinutes(id, 60, next).nextSlot(next.plusSeconds(1)).orElseThrow();
        assertThat(after).isEqualTo(Instant.parse("2026-01-01T10:10:00Z").plusSeconds(offset));
    }
}

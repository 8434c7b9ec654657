package io.strategos.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JitterTest {

    private static final CronSchedule EVERY_FIVE_MINUTES = new CronSchedule("*/5 * * * *", "UTC");
    private static final Instant NOW = Instant.parse("2026-01-01T10:01:30Z");

    @Test
    void withoutJitterSlotsAreTheScheduleOwn() {
        UUID id = UUID.randomUUID();
        assertThat(new Jitter(0).firstSlot(EVERY_FIVE_MINUTES, id, NOW)).contains(Instant.parse("2026-01-01T10:05:00Z"));
        assertThat(new Jitter(0).slotAfter(EVERY_FIVE_MINUTES, id, Instant.parse("2026-01-01T10:05:00Z"),
                Instant.parse("2026-01-01T10:05:01Z"), MisfirePolicy.RUN_ONCE)).contains(Instant.parse("2026-01-01T10:10:00Z"));
    }

    @Test
    void everySlotOfAStrategyMovesByTheSameOffsetFromTheFirstOn() {
        UUID id = UUID.randomUUID();
        Jitter jitter = new Jitter(60);
        long offset = jitter.offsetSeconds(id);
        assertThat(offset).isBetween(0L, 60L);

        Instant first = jitter.firstSlot(EVERY_FIVE_MINUTES, id, NOW).orElseThrow();
        assertThat(first).isEqualTo(Instant.parse("2026-01-01T10:05:00Z").plusSeconds(offset));
        Instant second = jitter.slotAfter(EVERY_FIVE_MINUTES, id, first, first.plusSeconds(1), MisfirePolicy.RUN_ONCE).orElseThrow();
        assertThat(second).isEqualTo(Instant.parse("2026-01-01T10:10:00Z").plusSeconds(offset));
    }

    @Test
    void theFirstSlotIsNeverInThePastNorMoreThanAPeriodAway() {
        UUID id = UUID.randomUUID();
        Jitter jitter = new Jitter(3_600);
        long offset = jitter.offsetSeconds(id);
        Instant slotStart = Instant.parse("2026-01-01T10:05:00Z");
        Instant now = slotStart.plusSeconds(offset / 2);

        assertThat(jitter.firstSlot(EVERY_FIVE_MINUTES, id, now).orElseThrow()).isAfterOrEqualTo(now)
                .isBeforeOrEqualTo(now.plusSeconds(300));
    }

    @Test
    void aOneOffRunHappensAtItsTime() {
        Instant at = Instant.parse("2026-01-02T08:00:00Z");
        assertThat(new Jitter(600).firstSlot(new OnceSchedule(at), UUID.randomUUID(), NOW)).contains(at);
    }

    @Test
    void moreThanAnHourIsRefused() {
        assertThatThrownBy(() -> new Jitter(3_601)).isInstanceOf(IllegalArgumentException.class);
    }
}

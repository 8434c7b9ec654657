package io.strategos.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.strategos.model.FieldError;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void intervalStartsNowAndKeepsItsGrid() {
        var every5 = new IntervalSchedule(5L);
        assertThat(every5.firstSlot(NOW)).contains(NOW);
        assertThat(every5.slotAfter(NOW, NOW.plusSeconds(1), MisfirePolicy.RUN_ONCE)).contains(NOW.plusSeconds(5));
    }

    @Test
    void intervalMisfireRunsOnceOrSkips() {
        var everyMinute = new IntervalSchedule(60L);
        Instant afterDowntime = NOW.plusSeconds(3600 + 30);
        assertThat(everyMinute.slotAfter(NOW, afterDowntime, MisfirePolicy.RUN_ONCE)).contains(NOW.plusSeconds(3600));
        assertThat(everyMinute.slotAfter(NOW, afterDowntime, MisfirePolicy.SKIP)).contains(NOW.plusSeconds(3660));
    }

    @Test
    void cronFollowsTheZone() {
        var daily9 = new CronSchedule("0 9 * * *", "Europe/Berlin");
        assertThat(daily9.firstSlot(NOW)).contains(Instant.parse("2026-03-02T08:00:00Z"));
    }

    @Test
    void cronSkipsALocalTimeThatTheSpringForwardGapRemoves() {
        // 2026-03-29: Berlin clocks jump from 02:00 to 03:00, so 02:30 local does not exist that day.
        var at0230 = new CronSchedule("30 2 * * *", "Europe/Berlin");
        Instant before = Instant.parse("2026-03-28T12:00:00Z");
        assertThat(at0230.preview(before, 2)).containsExactly(
                Instant.parse("2026-03-30T00:30:00Z"), Instant.parse("2026-03-31T00:30:00Z"));
    }

    @Test
    void cronOnTheFallBackDayFiresOnce() {
        // 2026-10-25: Berlin clocks go back from 03:00 to 02:00, so 02:30 local happens twice.
        var at0230 = new CronSchedule("30 2 * * *", "Europe/Berlin");
        Instant before = Instant.parse("2026-10-24T12:00:00Z");
        assertThat(at0230.preview(before, 2)).containsExactly(
                Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-26T01:30:00Z"));
    }

    @Test
    void cronOnAHalfHourSpringForwardLosesOnlyTheMissingHalfHour() {
        // 2026-10-04: Lord Howe Island's clocks jump from 02:00 (+10:30) to 02:30 (+11:00).
        var lordHowe = "Australia/Lord_Howe";
        Instant before = Instant.parse("2026-10-03T14:00:00Z");
        assertThat(new CronSchedule("45 2 * * *", lordHowe).preview(before, 1))
                .containsExactly(Instant.parse("2026-10-03T15:45:00Z")); // 02:45 +11:00 that very day
        assertThat(new CronSchedule("15 2 * * *", lordHowe).preview(before, 1))
                .containsExactly(Instant.parse("2026-10-04T15:15:00Z")); // 02:15 is missing: the next day
        assertThat(new CronSchedule("*/20 * * * *", lordHowe).preview(Instant.parse("2026-10-03T15:00:00Z"), 3))
                .containsExactly(Instant.parse("2026-10-03T15:10:00Z"), Instant.parse("2026-10-03T15:40:00Z"),
                        Instant.parse("2026-10-03T16:00:00Z")); // 01:40 +10:30, then 02:40 and 03:00 +11:00
    }

    @Test
    void cronRunsEachLocalTimeOfARepeatedHalfHourOnce() {
        // 2026-04-05: Lord Howe Island's clocks go back from 02:00 (+11:00) to 01:30 (+10:30).
        var every20 = new CronSchedule("*/20 * * * *", "Australia/Lord_Howe");
        assertThat(every20.preview(Instant.parse("2026-04-04T14:10:00Z"), 3)).containsExactly(
                Instant.parse("2026-04-04T14:20:00Z"), // 01:20 +11:00
                Instant.parse("2026-04-04T14:40:00Z"), // 01:40 +11:00, not again at 01:40 +10:30
                Instant.parse("2026-04-04T15:30:00Z")); // 02:00 +10:30
        // A strategy down across the repeated half hour catches up on the slot it has missed, once.
        var at0150 = new CronSchedule("50 1 * * *", "Australia/Lord_Howe");
        Instant duringTheSecondPass = Instant.parse("2026-04-04T15:10:00Z"); // 01:40 +10:30
        Instant twoDaysBefore = Instant.parse("2026-04-02T14:50:00Z"); // 01:50 +11:00
        assertThat(at0150.slotAfter(twoDaysBefore, duringTheSecondPass, MisfirePolicy.RUN_ONCE))
                .contains(Instant.parse("2026-04-04T14:50:00Z")); // that day's 01:50, at its first occurrence
        assertThat(at0150.slotAfter(twoDaysBefore, duringTheSecondPass, MisfirePolicy.SKIP))
                .contains(Instant.parse("2026-04-05T15:20:00Z")); // the next day's 01:50 +10:30
    }

    @Test
    void cronMisfireRunsOnceOrSkips() {
        var every5min = new CronSchedule("*/5 * * * *", null);
        Instant afterDowntime = NOW.plusSeconds(3600 + 60);
        assertThat(every5min.slotAfter(NOW, afterDowntime, MisfirePolicy.RUN_ONCE)).contains(NOW.plusSeconds(3600));
        assertThat(every5min.slotAfter(NOW, afterDowntime, MisfirePolicy.SKIP)).contains(NOW.plusSeconds(3600 + 300));
    }

    @Test
    void invalidSchedulesSayWhichFieldIsWrong() {
        assertThat(new CronSchedule("61 * * * *", "Mars/Olympus").validate("/schedule"))
                .extracting(FieldError::pointer).containsExactly("/schedule/expression", "/schedule/timezone");
        assertThat(new IntervalSchedule(0L).validate("/schedule")).extracting(FieldError::pointer)
                .containsExactly("/schedule/everySeconds");
        assertThat(new OnceSchedule(null).validate("/schedule")).hasSize(1);
    }
}

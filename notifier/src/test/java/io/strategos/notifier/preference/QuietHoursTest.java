package io.strategos.notifier.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static QuietHours window(String start, String end) {
        return new QuietHours(LocalTime.parse(start), LocalTime.parse(end));
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void aDaytimeWindowIncludesItsStartAndExcludesItsEnd() {
        QuietHours lunch = window("12:00", "14:00");
        // Berlin is UTC+1 in January.
        assertThat(lunch.endIfInside(at("2026-01-15T11:00:00Z"), BERLIN)).contains(at("2026-01-15T13:00:00Z"));
        assertThat(lunch.endIfInside(at("2026-01-15T12:30:00Z"), BERLIN)).contains(at("2026-01-15T13:00:00Z"));
        assertThat(lunch.endIfInside(at("2026-01-15T13:00:00Z"), BERLIN)).isEmpty();
        assertThat(lunch.endIfInside(at("2026-01-15T10:59:59Z"), BERLIN)).isEmpty();
    }

    @Test
    void aWindowAcrossMidnightEndsTheNextMorningOrTheSameMorning() {
        QuietHours night = window("22:00", "07:00");
        assertThat(night.crossesMidnight()).isTrue();
        // 23:30 in Berlin: ends 07:00 the next day.
        assertThat(night.endIfInside(at("2026-01-15T22:30:00Z"), BERLIN)).contains(at("2026-01-16T06:00:00Z"));
        // 03:00 in Berlin: the window began yesterday and ends this morning.
        assertThat(night.endIfInside(at("2026-01-16T02:00:00Z"), BERLIN)).contains(at("2026-01-16T06:00:00Z"));
        // Noon and 07:00 sharp are outside.
        assertThat(night.endIfInside(at("2026-01-16T11:00:00Z"), BERLIN)).isEmpty();
        assertThat(night.endIfInside(at("2026-01-16T06:00:00Z"), BERLIN)).isEmpty();
        assertThat(night.endIfInside(at("2026-01-15T20:59:59Z"), BERLIN)).isEmpty();
    }

    @Test
    void theSameInstantIsQuietInOneZoneAndNotInAnother() {
        QuietHours night = window("22:00", "07:00");
        Instant instant = at("2026-06-01T14:00:00Z");
        // 23:00 in Tokyo, 16:00 in Berlin, 10:00 in New York.
        assertThat(night.endIfInside(instant, ZoneId.of("Asia/Tokyo"))).contains(at("2026-06-01T22:00:00Z"));
        assertThat(night.endIfInside(instant, BERLIN)).isEmpty();
        assertThat(night.endIfInside(instant, NEW_YORK)).isEmpty();
    }

    @Test
    void aNightThatSpringsForwardIsAnHourShorter() {
        // Berlin, 2026-03-29: 02:00 CET becomes 03:00 CEST at 01:00Z.
        QuietHours night = window("22:00", "07:00");
        assertThat(night.endIfInside(at("2026-03-28T21:00:00Z"), BERLIN)).contains(at("2026-03-29T05:00:00Z"));
        assertThat(night.endIfInside(at("2026-03-29T04:59:00Z"), BERLIN)).contains(at("2026-03-29T05:00:00Z"));
        assertThat(night.endIfInside(at("2026-03-29T05:00:00Z"), BERLIN)).isEmpty();
    }

    @Test
    void anEndTheClockSkipsIsReachedWhenTheSkipEnds() {
        // 02:30 does not exist in Berlin on 2026-03-29; the clock passes it at 03:00 CEST = 01:00Z.
        QuietHours window = window("23:00", "02:30");
        assertThat(window.endIfInside(at("2026-03-29T00:59:59Z"), BERLIN)).contains(at("2026-03-29T01:00:00Z"));
        assertThat(window.endIfInside(at("2026-03-29T01:00:00Z"), BERLIN)).isEmpty();
    }

    @Test
    void aStartTheClockSkipsBeginsWhenTheSkipEnds() {
        QuietHours window = window("02:30", "06:00");
        assertThat(window.endIfInside(at("2026-03-29T00:59:59Z"), BERLIN)).isEmpty();
        assertThat(window.endIfInside(at("2026-03-29T01:00:00Z"), BERLIN)).contains(at("2026-03-29T04:00:00Z"));
    }

    @Test
    void aNightThatFallsBackIsAnHourLonger() {
        // Berlin, 2026-10-25: 03:00 CEST becomes 02:00 CET at 01:00Z.
        QuietHours night = window("22:00", "07:00");
        assertThat(night.endIfInside(at("2026-10-24T20:00:00Z"), BERLIN)).contains(at("2026-10-25T06:00:00Z"));
        assertThat(night.endIfInside(at("2026-10-25T05:30:00Z"), BERLIN)).contains(at("2026-10-25T06:00:00Z"));
        assertThat(night.endIfInside(at("2026-10-25T06:00:00Z"), BERLIN)).isEmpty();
    }

    @Test
    void anEndTheClockRepeatsIsItsFirstOccurrenceAndTheWindowDoesNotReopen() {
        // 02:30 happens twice in Berlin on 2026-10-25: 00:30Z (CEST) and 01:30Z (CET).
        QuietHours window = window("23:00", "02:30");
        assertThat(window.endIfInside(at("2026-10-25T00:15:00Z"), BERLIN)).contains(at("2026-10-25T00:30:00Z"));
        // 02:10 CET, the second time the clock shows it: the window has ended.
        assertThat(window.endIfInside(at("2026-10-25T01:10:00Z"), BERLIN)).isEmpty();
    }

    @Test
    void newYorkDaylightSavingDaysToo() {
        QuietHours night = window("21:00", "06:30");
        // 2026-03-08: 02:00 EST becomes 03:00 EDT at 07:00Z. 21:00 EST = 02:00Z; 06:30 EDT = 10:30Z.
        assertThat(night.endIfInside(at("2026-03-08T02:00:00Z"), NEW_YORK)).contains(at("2026-03-08T10:30:00Z"));
        // 2026-11-01: 02:00 EDT becomes 01:00 EST at 06:00Z. 21:00 EDT = 01:00Z; 06:30 EST = 11:30Z.
        assertThat(night.endIfInside(at("2026-11-01T01:00:00Z"), NEW_YORK)).contains(at("2026-11-01T11:30:00Z"));
        assertThat(night.endIfInside(at("2026-11-01T11:30:00Z"), NEW_YORK)).isEmpty();
    }

    @Test
    void aWindowNeedsTwoDifferentEnds() {
        assertThatThrownBy(() -> window("22:00", "22:00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QuietHours(null, LocalTime.NOON)).isInstanceOf(IllegalArgumentException.class);
    }
}

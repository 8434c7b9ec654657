package io.strategos.notifier.preference;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.Optional;

/**
 * A daily window of wall-clock time, in the user's zone, during which emails wait. {@code end}
 * before {@code start} means the window crosses midnight (22:00 to 07:00).
 *
 * <p>Each night's window is the span of instants from its start to its end. A wall-clock time the
 * zone skips (spring forward) is taken as the moment the skip ends, when the clock has passed it; a
 * time the zone repeats (fall back) is taken at its first occurrence, so a window is never reopened
 * by the clock going back.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    public QuietHours {
        if (start == null || end == null || start.equals(end)) {
            throw new IllegalArgumentException("quiet hours need a start and a different end");
        }
    }

    public boolean crossesMidnight() {
        return end.isBefore(start);
    }

    /** @return when the window that {@code now} falls in ends, or empty when {@code now} is outside every window */
    public Optional<Instant> endIfInside(Instant now, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        // A window that started yesterday may still be open today, when it crosses midnight.
        for (LocalDate startDay : new LocalDate[] {today.minusDays(1), today}) {
            Instant from = instantOf(startDay.atTime(start), zone);
            Instant until = instantOf((crossesMidnight() ? startDay.plusDays(1) : startDay).atTime(end), zone);
            if (!now.isBefore(from) && now.isBefore(until)) {
                return Optional.of(until);
            }
        }
        return Optional.empty();
    }

    private static Instant instantOf(LocalDateTime wallClock, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(wallClock);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        // Outside a transition there is one offset; in an overlap, ofLocal without a preference takes the earlier.
        return ZonedDateTime.ofLocal(wallClock, zone, null).toInstant();
    }
}

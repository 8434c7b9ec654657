package io.strategos.model.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.time.ExecutionTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.Optional;

/**
 * Turns the wall-clock times a cron expression names into instants in a zone. A local time that a
 * spring-forward gap removes does not fire that day; a local time that a fall-back overlap repeats
 * fires once, at its first occurrence. So each local slot fires at most once, and slots keep their order.
 *
 * <p>cron-utils is only asked about wall-clock times (evaluated in UTC, which has no daylight saving):
 * in the zones themselves it gets some shifts wrong, e.g. it skips 02:45 on Lord Howe Island's
 * spring-forward day, when only 02:00 to 02:30 are missing.
 */
final class WallClockSlots {

    private static final ZoneId WALL_CLOCK = ZoneOffset.UTC;

    private final ExecutionTime times;
    private final ZoneId zone;

    WallClockSlots(Cron cron, ZoneId zone) {
        this.times = ExecutionTime.forCron(cron);
        this.zone = zone;
    }

    /** The first slot strictly after {@code after}, or empty when there is none. */
    Optional<Instant> next(Instant after) {
        LocalDateTime cursor = reached(after);
        while (true) {
            Optional<ZonedDateTime> local = times.nextExecution(cursor.atZone(WALL_CLOCK));
            if (local.isEmpty()) {
                return Optional.empty();
            }
            cursor = local.get().toLocalDateTime();
            Optional<Instant> slot = firstOccurrence(cursor);
            if (slot.isPresent()) {
                return slot;
            }
        }
    }

    /** The last slot at or before {@code now}, or empty when there is none. */
    Optional<Instant> lastAtOrBefore(Instant now) {
        LocalDateTime cursor = reached(now).plusNanos(1);
        while (true) {
            Optional<ZonedDateTime> local = times.lastExecution(cursor.atZone(WALL_CLOCK));
            if (local.isEmpty()) {
                return Optional.empty();
            }
            cursor = local.get().toLocalDateTime();
            Optional<Instant> slot = firstOccurrence(cursor);
            if (slot.isPresent()) {
                return slot;
            }
        }
    }

    /** The latest local time whose first occurrence is at or before {@code instant}. */
    private LocalDateTime reached(Instant instant) {
        ZonedDateTime here = instant.atZone(zone);
        ZoneOffsetTransition transition = zone.getRules().getTransition(here.toLocalDateTime());
        if (transition != null && transition.isOverlap() && here.getOffset().equals(transition.getOffsetAfter())) {
            // The second pass through a repeated hour: all of it had its first occurrence already.
            return transition.getDateTimeBefore().minusNanos(1);
        }
        return here.toLocalDateTime();
    }

    private Optional<Instant> firstOccurrence(LocalDateTime local) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition == null) {
            return Optional.of(local.atZone(zone).toInstant());
        }
        return transition.isGap() ? Optional.empty() : Optional.of(local.toInstant(transition.getOffsetBefore()));
    }
}

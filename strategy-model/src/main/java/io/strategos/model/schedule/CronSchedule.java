package io.strategos.model.schedule;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.strategos.model.FieldError;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cron expression ({@link CronDialect}: Vixie's 5 fields with names, L, W, # and macros) evaluated
 * in an IANA time zone (UTC when none is given). On daylight-saving days ({@link WallClockSlots}) a
 * local time that a spring-forward gap removes does not fire that day, and a local time that a
 * fall-back overlap repeats fires once, at its first occurrence. Both are pinned down by tests.
 */
public record CronSchedule(String expression, String timezone) implements Schedule {

    /**
     * Parsed expressions with their zone. A strategy computes its next slot after every run, and
     * parsing a cron expression costs more than evaluating it; the few distinct schedules in use
     * stay parsed. {@link WallClockSlots} is immutable, so runs share it.
     */
    private static final Cache<CronSchedule, WallClockSlots> PARSED = Caffeine.newBuilder().maximumSize(10_000).build();

    /** Where the check that an expression ever fires starts; any fixed instant would do. */
    private static final Instant EVER_SINCE = Instant.parse("2000-01-01T00:00:00Z");

    @Override
    public String trigger() {
        return "cron";
    }

    @Override
    public List<FieldError> validate(String pointer) {
        List<FieldError> errors = new ArrayList<>();
        if (expression == null || expression.isBlank()) {
            errors.add(new FieldError(pointer + "/expression", "expression is required (cron, e.g. */5 * * * * or @daily)"));
        } else {
            try {
                // Vixie cron accepts dates that never come (30 2 for 30 February); a deployment would never run.
                if (new WallClockSlots(CronDialect.parse(expression), ZoneOffset.UTC).next(EVER_SINCE).isEmpty()) {
                    errors.add(new FieldError(pointer + "/expression", "cron expression never fires (no month has such a day)"));
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(pointer + "/expression", "invalid cron expression: " + e.getMessage()));
            }
        }
        if (timezone != null) {
            try {
                ZoneId.of(timezone);
            } catch (DateTimeException e) {
                errors.add(new FieldError(pointer + "/timezone", "unknown time zone '" + timezone + "' (use an IANA name such as Europe/Berlin)"));
            }
        }
        return errors;
    }

    @Override
    public Optional<Instant> firstSlot(Instant now) {
        return nextFire(now.minusNanos(1));
    }

    @Override
    public Optional<Instant> slotAfter(Instant slot, Instant now, MisfirePolicy misfirePolicy) {
        Optional<Instant> next = nextFire(slot);
        if (next.isEmpty() || next.get().isAfter(now)) {
            return next;
        }
        return misfirePolicy == MisfirePolicy.RUN_ONCE ? lastFireAtOrBefore(now) : nextFire(now);
    }

    /** The next {@code count} fire times after {@code from}. */
    public List<Instant> preview(Instant from, int count) {
        List<Instant> fires = new ArrayList<>(count);
        Instant cursor = from;
        while (fires.size() < count) {
            Optional<Instant> next = nextFire(cursor);
            if (next.isEmpty()) {
                break;
            }
            fires.add(next.get());
            cursor = next.get();
        }
        return fires;
    }

    private Optional<Instant> nextFire(Instant after) {
        return slots().next(after);
    }

    private Optional<Instant> lastFireAtOrBefore(Instant now) {
        return slots().lastAtOrBefore(now);
    }

    private WallClockSlots slots() {
        return PARSED.get(this, schedule -> new WallClockSlots(CronDialect.parse(schedule.expression), schedule.zone()));
    }

    private ZoneId zone() {
        return timezone == null ? ZoneId.of("UTC") : ZoneId.of(timezone);
    }
}

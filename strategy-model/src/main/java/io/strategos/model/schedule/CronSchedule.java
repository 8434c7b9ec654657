package io.strategos.model.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.strategos.model.FieldError;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A 5-field Unix cron expression evaluated in an IANA time zone (UTC when none is given).
 * Daylight-saving days follow cron-utils: a local time that a spring-forward gap removes does not
 * fire that day, and a local time that a fall-back overlap repeats fires once, at its first
 * occurrence. Both are pinned down by tests.
 */
public record CronSchedule(String expression, String timezone) implements Schedule {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    @Override
    public String trigger() {
        return "cron";
    }

    @Override
    public List<FieldError> validate(String pointer) {
        List<FieldError> errors = new ArrayList<>();
        if (expression == null || expression.isBlank()) {
            errors.add(new FieldError(pointer + "/expression", "expression is required (5-field Unix cron, e.g. */5 * * * *)"));
        } else {
            try {
                PARSER.parse(expression).validate();
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
        return executionTime().nextExecution(ZonedDateTime.ofInstant(after, zone())).map(ZonedDateTime::toInstant);
    }

    private Optional<Instant> lastFireAtOrBefore(Instant now) {
        return executionTime().lastExecution(ZonedDateTime.ofInstant(now.plusNanos(1), zone())).map(ZonedDateTime::toInstant);
    }

    private ExecutionTime executionTime() {
        return ExecutionTime.forCron(PARSER.parse(expression));
    }

    private ZoneId zone() {
        return timezone == null ? ZoneId.of("UTC") : ZoneId.of(timezone);
    }
}

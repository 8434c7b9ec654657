package io.strategos.model.schedule;

import io.strategos.model.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Runs every {@code everySeconds}, starting when the strategy starts. */
public record IntervalSchedule(Long everySeconds) implements Schedule {

    public static final long MIN_SECONDS = 1;
    public static final long MAX_SECONDS = Duration.ofDays(366).toSeconds();

    @Override
    public String trigger() {
        return "interval";
    }

    @Override
    public List<FieldError> validate(String pointer) {
        if (everySeconds == null) {
            return List.of(new FieldError(pointer + "/everySeconds", "everySeconds is required"));
        }
        if (everySeconds < MIN_SECONDS || everySeconds > MAX_SECONDS) {
            return List.of(new FieldError(pointer + "/everySeconds",
                    "everySeconds must be between " + MIN_SECONDS + " and " + MAX_SECONDS));
        }
        return List.of();
    }

    @Override
    public Optional<Instant> firstSlot(Instant now) {
        return Optional.of(now);
    }

    @Override
    public Optional<Instant> slotAfter(Instant slot, Instant now, MisfirePolicy misfirePolicy) {
        long every = everySeconds;
        Instant next = slot.plusSeconds(every);
        if (next.isAfter(now)) {
            return Optional.of(next);
        }
        // Missed slots: stay on the original grid (slot + k * every).
        long missed = Duration.between(next, now).toSeconds() / every;
        Instant lastMissed = next.plusSeconds(missed * every);
        return Optional.of(misfirePolicy == MisfirePolicy.RUN_ONCE ? lastMissed : lastMissed.plusSeconds(every));
    }
}

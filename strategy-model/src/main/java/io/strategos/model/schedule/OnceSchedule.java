package io.strategos.model.schedule;

import io.strategos.model.FieldError;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Runs once, at {@code at} (or as soon as it is started, when that is already past). */
public record OnceSchedule(Instant at) implements Schedule {

    @Override
    public String trigger() {
        return "once";
    }

    @Override
    public List<FieldError> validate(String pointer) {
        return at == null ? List.of(new FieldError(pointer + "/at", "at is required (an ISO-8601 instant)")) : List.of();
    }

    @Override
    public Optional<Instant> firstSlot(Instant now) {
        return Optional.of(at.isAfter(now) ? at : now);
    }

    @Override
    public Optional<Instant> slotAfter(Instant slot, Instant now, MisfirePolicy misfirePolicy) {
        return Optional.empty();
    }
}

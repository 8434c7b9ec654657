package io.strategos.model.schedule;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Spreads strategies that share a schedule: every slot of a strategy moves later by the same offset,
 * between 0 and {@code maxSeconds}, derived from its id. A thousand strategies on "every minute" then
 * start across the minute instead of all at its first second, and each keeps its own rhythm. A
 * one-off run happens at its time: there is nothing to spread.
 *
 * @param maxSeconds 0 for none, at most 3,600
 */
public record Jitter(int maxSeconds) {

    public static final int MAX_SECONDS = 3_600;

    public Jitter {
        if (maxSeconds < 0 || maxSeconds > MAX_SECONDS) {
            throw new IllegalArgumentException("jitter must be between 0 and " + MAX_SECONDS + " seconds");
        }
    }

    /** How far every slot of this strategy moves. */
    public long offsetSeconds(UUID strategyId) {
        return maxSeconds == 0 ? 0 : Math.floorMod(strategyId.hashCode(), maxSeconds + 1);
    }

    /** The first slot when the strategy starts at {@code now}, shifted by its offset. */
    public Optional<Instant> firstSlot(Schedule schedule, UUID strategyId, Instant now) {
        long offset = schedule instanceof OnceSchedule ? 0 : offsetSeconds(strategyId);
        return schedule.firstSlot(now.minusSeconds(offset)).map(slot -> slot.plusSeconds(offset));
    }

    /** The slot after {@code slot} (itself shifted), as {@link Schedule#slotAfter} decides on the unshifted times. */
    public Optional<Instant> slotAfter(Schedule schedule, UUID strategyId, Instant slot, Instant now, MisfirePolicy misfirePolicy) {
        long offset = schedule instanceof OnceSchedule ? 0 : offsetSeconds(strategyId);
        return schedule.slotAfter(slot.minusSeconds(offset), now.minusSeconds(offset), misfirePolicy)
                .map(next -> next.plusSeconds(offset));
    }
}

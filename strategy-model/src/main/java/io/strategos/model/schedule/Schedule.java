package io.strategos.model.schedule;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.strategos.model.FieldError;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a deployed strategy runs. Slots are instants; a run is identified by its strategy and slot,
 * so no slot ever runs twice.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = IntervalSchedule.class, name = "interval"),
        @JsonSubTypes.Type(value = CronSchedule.class, name = "cron"),
        @JsonSubTypes.Type(value = OnceSchedule.class, name = "once")
})
public sealed interface Schedule permits IntervalSchedule, CronSchedule, OnceSchedule {

    /** The trigger recorded on executions this schedule starts: interval, cron or once. */
    String trigger();

    /** @return what is wrong with this schedule, each located under {@code pointer} */
    List<FieldError> validate(String pointer);

    /** @return the first slot at or after {@code now}, or empty when the schedule never fires again */
    Optional<Instant> firstSlot(Instant now);

    /**
     * The slot after {@code slot}, the one just run. When the strategy was down and that slot is
     * already past, {@link MisfirePolicy} decides: one catch-up run now, or straight to the future.
     *
     * @return the next slot, or empty when the schedule never fires again
     */
    Optional<Instant> slotAfter(Instant slot, Instant now, MisfirePolicy misfirePolicy);
}

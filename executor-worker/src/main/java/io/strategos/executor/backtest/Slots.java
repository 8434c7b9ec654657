package io.strategos.executor.backtest;

import io.strategos.model.schedule.CronSchedule;
import io.strategos.model.schedule.MisfirePolicy;
import io.strategos.model.schedule.Schedule;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A schedule's slots one after another, as a backtest replays them. A cron's come a thousand at a time
 * from {@link CronSchedule#preview}, which parses the expression once per call, where asking slot by slot
 * would parse it for every slot of the month.
 */
final class Slots {

    private static final int CRON_BATCH = 1_000;

    private final Schedule schedule;
    private final Deque<Instant> upcoming = new ArrayDeque<>();

    Slots(Schedule schedule) {
        this.schedule = schedule;
    }

    /** The first slot at or after {@code from}, or null when there is none. */
    Instant first(Instant from) {
        upcoming.clear();
        if (schedule instanceof CronSchedule cron) {
            upcoming.addAll(cron.preview(from.minusNanos(1), CRON_BATCH));
            return upcoming.poll();
        }
        return schedule.firstSlot(from).orElse(null);
    }

    /** The slot after {@code slot} (the one just replayed), or null when there is none. */
    Instant after(Instant slot) {
        if (schedule instanceof CronSchedule cron) {
            while (!upcoming.isEmpty() && !upcoming.peek().isAfter(slot)) {
                upcoming.poll();
            }
            if (upcoming.isEmpty()) {
                upcoming.addAll(cron.preview(slot, CRON_BATCH));
            }
            return upcoming.poll();
        }
        return schedule.slotAfter(slot, slot, MisfirePolicy.RUN_ONCE).orElse(null);
    }
}

package io.strategos.api.mapping;

import java.time.Instant;
import java.util.List;

/** The next fire times of a cron schedule, as instants (UTC) and as local times of its zone. */
public record SchedulePreview(String cron, String timezone, List<Instant> fireTimes, List<String> localFireTimes) {
}

package io.strategos.api.rest;

import io.quarkus.security.Authenticated;
import io.strategos.api.mapping.SchedulePreview;
import io.strategos.model.FieldError;
import io.strategos.model.rest.InvalidInputException;
import io.strategos.model.schedule.CronSchedule;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What a cron schedule would do, before deploying it. */
@Path("/api/v1/schedules")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Schedules")
@SecurityRequirement(name = "jwt")
public class ScheduleResource {

    static final int MAX_COUNT = 50;

    static final String CRON_SYNTAX = "5 fields (minute hour day-of-month month day-of-week), Vixie cron: names in any"
            + " case (JAN, sun), 0 or 7 for Sunday, ranges (SUN-TUE), steps (*/15, 9-17/2), lists (1,15); L (last day of"
            + " the month), L-3, LW, 15W (nearest weekday) in the day of month; 5L (last Friday), 5#2 (second Friday) in"
            + " the day of week, each alone in its field; or @hourly, @daily, @midnight, @weekly, @monthly, @yearly, @annually. When both day fields"
            + " are restricted, a day matches if either does. A local time skipped by a spring-forward change does not"
            + " fire that day; one repeated by a fall-back change fires once, at its first occurrence.";

    private final Clock clock = Clock.systemUTC();

    @GET
    @Path("/preview")
    @Operation(summary = "The next fire times of a cron expression in an IANA zone, DST-correct",
            description = "The cron that deployments accept: " + CRON_SYNTAX)
    public SchedulePreview preview(
            @Parameter(required = true, description = CRON_SYNTAX, example = "0 9 * * SUN-TUE") @QueryParam("cron") String cron,
            @Parameter(description = "IANA zone; UTC when absent", example = "Europe/Berlin") @QueryParam("timezone") String timezone,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "50", defaultValue = "5"))
            @QueryParam("count") String count) {
        int howMany = count(count);
        String zone = QueryParams.text("timezone", timezone);
        CronSchedule schedule = new CronSchedule(cron == null ? null : cron.strip(), zone);
        List<FieldError> problems = schedule.validate("").stream()
                .map(p -> new FieldError(p.pointer().equals("/expression") ? "cron" : "timezone", p.message()))
                .toList();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        List<Instant> fires = schedule.preview(clock.instant(), howMany);
        ZoneId zoneId = zone == null ? ZoneId.of("UTC") : ZoneId.of(zone);
        return new SchedulePreview(schedule.expression(), zoneId.getId(), fires,
                fires.stream().map(f -> f.atZone(zoneId).toOffsetDateTime().toString()).toList());
    }

    private static int count(String value) {
        if (value == null || value.isBlank()) {
            return 5;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= MAX_COUNT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw QueryParams.invalid("count", "must be a whole number from 1 to " + MAX_COUNT);
    }
}

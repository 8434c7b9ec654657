package io.strategos.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.strategos.model.FieldError;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cron people write, as CronSchedule accepts it: each case with the times it fires next. */
class CronDialectTest {

    /** A Tuesday. */
    private static final Instant TUESDAY_1_DEC = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void aDayOfWeekRangeMayStartOrEndAtSunday() {
        assertFires("0 9 * * SUN-TUE", "2026-12-01T09:00", "2026-12-06T09:00", "2026-12-07T09:00", "2026-12-08T09:00");
        assertFires("0 9 * * sun-Tue", "2026-12-01T09:00", "2026-12-06T09:00", "2026-12-07T09:00", "2026-12-08T09:00");
        assertFires("0 9 * * 0-2", "2026-12-01T09:00", "2026-12-06T09:00", "2026-12-07T09:00", "2026-12-08T09:00");
        assertFires("0 9 * * FRI-SUN", "2026-12-04T09:00", "2026-12-05T09:00", "2026-12-06T09:00", "2026-12-11T09:00");
        assertFires("0 9 * * MON-SUN", "2026-12-01T09:00", "2026-12-02T09:00", "2026-12-03T09:00");
        assertFires("0 9 * * MON-FRI/7,SUN-SAT/7", "2026-12-06T09:00", "2026-12-07T09:00", "2026-12-13T09:00");
        assertFires("0 9 * * SUN-SAT/3", "2026-12-02T09:00", "2026-12-05T09:00", "2026-12-06T09:00", "2026-12-09T09:00");
    }

    @Test
    void sundayIsZeroOrSeven() {
        assertFires("0 9 * * 7", "2026-12-06T09:00", "2026-12-13T09:00");
        assertFires("0 9 * * 0", "2026-12-06T09:00", "2026-12-13T09:00");
    }

    @Test
    void macros() {
        assertFires("@hourly", "2026-12-01T01:00", "2026-12-01T02:00");
        assertFires("@daily", "2026-12-02T00:00", "2026-12-03T00:00");
        assertFires("@DAILY", "2026-12-02T00:00", "2026-12-03T00:00");
        assertFires("@midnight", "2026-12-02T00:00", "2026-12-03T00:00");
        assertFires("@weekly", "2026-12-06T00:00", "2026-12-13T00:00");
        assertFires("@monthly", "2027-01-01T00:00", "2027-02-01T00:00");
        assertFires("@yearly", "2027-01-01T00:00", "2028-01-01T00:00");
        assertFires("@annually", "2027-01-01T00:00", "2028-01-01T00:00");
    }

    @Test
    void lastDayAndNearestWeekdayOfTheMonth() {
        assertFires("0 16 L * *", "2026-12-31T16:00", "2027-01-31T16:00", "2027-02-28T16:00", "2027-03-31T16:00");
        assertFires("0 16 L-2 * *", "2026-12-29T16:00", "2027-01-29T16:00", "2027-02-26T16:00");
        // The last weekday: 31 January 2027 is a Sunday, so Friday the 29th.
        assertFires("0 16 LW * *", "2026-12-31T16:00", "2027-01-29T16:00", "2027-02-26T16:00");
        // The weekday nearest the 15th: 15 May 2027 is a Saturday, so Friday the 14th.
        assertFires("0 8 15W 5 *", "2027-05-14T08:00", "2028-05-15T08:00");
    }

    @Test
    void nthAndLastWeekdayOfTheMonth() {
        assertFires("0 15 * * 5#2", "2026-12-11T15:00", "2027-01-08T15:00", "2027-02-12T15:00");
        assertFires("30 15 * * FRI#3", "2026-12-18T15:30", "2027-01-15T15:30", "2027-02-19T15:30");
        assertFires("0 15 * * 5L", "2026-12-25T15:00", "2027-01-29T15:00", "2027-02-26T15:00");
    }

    @Test
    void rangesStepsListsAndNames() {
        assertFires("*/30 9-17/4 * * MON-FRI", "2026-12-01T09:00", "2026-12-01T09:30", "2026-12-01T13:00",
                "2026-12-01T13:30", "2026-12-01T17:00", "2026-12-01T17:30", "2026-12-02T09:00");
        assertFires("0 0 1 jan,Jul *", "2027-01-01T00:00", "2027-07-01T00:00", "2028-01-01T00:00");
        assertFires("15,45 6 * * *", "2026-12-01T06:15", "2026-12-01T06:45", "2026-12-02T06:15");
    }

    @Test
    void bothDayFieldsRestrictedMeansEither() {
        // Vixie's rule: the 1st and the 15th, and every Monday.
        assertFires("0 12 1,15 * MON", "2026-12-01T12:00", "2026-12-07T12:00", "2026-12-14T12:00",
                "2026-12-15T12:00", "2026-12-21T12:00");
        assertFires("0 0 L * FRI", "2026-12-04T00:00", "2026-12-11T00:00", "2026-12-18T00:00",
                "2026-12-25T00:00", "2026-12-31T00:00", "2027-01-01T00:00");
    }

    @Test
    void sayWhatIsWrongInWordsThePersonWrote() {
        assertThat(problem("0 9 * * FRI-MON")).contains("runs backwards").doesNotContain("Invalid range!");
        assertThat(problem("* * * * * *")).contains("expected 5 fields").contains("6");
        assertThat(problem("61 * * * *")).contains("61").contains("[0, 59]");
        assertThat(problem("*/0 * * * *")).contains("step /0 must be from 1 to 59");
        assertThat(problem("@reboot")).contains("unknown macro @reboot");
        assertThat(problem("@foo")).contains("unknown macro @foo");
        assertThat(problem("0 0 * * 5W")).isEqualTo("invalid cron expression: '5W' is not a value its field accepts");
        // cron-utils would take these and fire on the 15th only, or on Sundays.
        assertThat(problem("0 0 L,15 * *")).contains("not in a list");
        assertThat(problem("0 0 * * 5L,1")).contains("not in a list");
        assertThat(problem("0 0 * * L")).contains("5L is the last Friday");
        assertThat(problem("0 0 30 2 *")).contains("never fires");
        assertThat(problem("0 0 * * 5#6")).contains("never fires");
        assertThat(problem("every day")).startsWith("invalid cron expression");
        assertThat(new CronSchedule("0 9 * * SUN-TUE", "UTC").validate("/schedule")).isEmpty();
        assertThat(new CronSchedule(" @weekly ", "UTC").validate("/schedule")).isEmpty();
    }

    private static String problem(String expression) {
        List<FieldError> errors = new CronSchedule(expression, "UTC").validate("/schedule");
        assertThat(errors).extracting(FieldError::pointer).containsExactly("/schedule/expression");
        return errors.get(0).message();
    }

    private static void assertFires(String expression, String... utcTimes) {
        assertThat(new CronSchedule(expression, "UTC").validate("/schedule")).as(expression).isEmpty();
        assertThat(new CronSchedule(expression, "UTC").preview(TUESDAY_1_DEC, utcTimes.length)).as(expression)
                .containsExactlyElementsOf(Arrays.stream(utcTimes)
                        .map(t -> LocalDateTime.parse(t).toInstant(ZoneOffset.UTC)).toList());
    }
}

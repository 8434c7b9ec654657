package io.strategos.model.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cron people write: Vixie cron's five fields (minute, hour, day of month, month, day of week) with
 * names in any case, 0 or 7 for Sunday, ranges, steps and lists; {@code L}, {@code LW}, {@code nW} and
 * {@code L-n} in the day of month; {@code nL} (last such weekday) and {@code n#k} (k-th such weekday)
 * in the day of week; and the macros {@code @hourly}, {@code @daily}, {@code @midnight},
 * {@code @weekly}, {@code @monthly}, {@code @yearly}, {@code @annually}. When both day fields are
 * restricted, a day matches if either matches (Vixie's rule).
 *
 * <p>cron-utils does the parsing and matching, on a definition of its own: its predefined UNIX one
 * lacks L, W, # and the macros.
 */
final class CronDialect {

    private static final CronDefinition DEFINITION = CronDefinitionBuilder.defineCron()
            .withMinutes().withValidRange(0, 59).withStrictRange().and()
            .withHours().withValidRange(0, 23).withStrictRange().and()
            .withDayOfMonth().withValidRange(1, 31).supportsL().supportsW().supportsLW().withStrictRange().and()
            .withMonth().withValidRange(1, 12).withStrictRange().and()
            .withDayOfWeek().withValidRange(0, 7).withMondayDoWValue(1).withIntMapping(7, 0)
                    .supportsL().supportsHash().withStrictRange().and()
            .withSupportedNicknameHourly().withSupportedNicknameDaily().withSupportedNicknameMidnight()
            .withSupportedNicknameWeekly().withSupportedNicknameMonthly()
            .withSupportedNicknameYearly().withSupportedNicknameAnnually()
            .instance();

    private static final CronParser PARSER = new CronParser(DEFINITION);

    /*
     * cron-utils reads the name SUN as 7 (ISO numbering), so SUN-TUE became the backwards range 7-2.
     * As the first end of a range, Sunday is 0; as the last end (MON-SUN) 7 already works.
     */
    private static final Pattern SUNDAY_STARTING_A_RANGE = Pattern.compile("(?i)(?<=^|,)SUN(?=-)");

    /*
     * cron-utils maps a day-of-week step of 7 to 0, as if it were Sunday, and refuses it. A range of days
     * stepped by 7 holds its first day and at most Sunday again (0-7/7), so its first day says the same.
     */
    private static final Pattern WEEKLY_STEP = Pattern.compile("(?<=^|,)([^,/-]+)-[^,/]+/7(?=,|$)");

    private static final Pattern STEP_OUT_OF_RANGE = Pattern.compile("Period (\\d+) not in range \\[\\d+, (\\d+)]");

    private static final Pattern INVALID_CHARS = Pattern.compile("Invalid chars in expression! Expression: (\\S+).*");

    private static final Pattern BACKWARDS_RANGE = Pattern.compile("Invalid range! \\[(\\d+),(\\d+)]");

    private CronDialect() {
    }

    /**
     * @throws IllegalArgumentException saying, for whoever wrote {@code expression}, what is wrong with it
     */
    static Cron parse(String expression) {
        try {
            Cron cron = PARSER.parse(normalise(expression));
            cron.validate();
            return cron;
        } catch (IllegalArgumentException e) {
            if (expression.strip().startsWith("@")) {
                throw new IllegalArgumentException("unknown macro " + expression.strip()
                        + " (use @hourly, @daily, @midnight, @weekly, @monthly, @yearly or @annually)", e);
            }
            throw new IllegalArgumentException(explain(e.getMessage()), e);
        } catch (RuntimeException e) {
            // cron-utils fails on some malformed input with other exceptions; the input is still what is wrong.
            throw new IllegalArgumentException("not a cron expression (5 fields: minute hour day-of-month month day-of-week)", e);
        }
    }

    private static String normalise(String expression) {
        String text = expression.strip();
        if (text.startsWith("@")) {
            return text.toLowerCase(Locale.ROOT);
        }
        String[] fields = text.split("\\s+");
        if (fields.length != 5) {
            return text; // the parser reports the number of fields
        }
        refuseWhatCronUtilsMisreads(fields[2], fields[4]);
        fields[4] = SUNDAY_STARTING_A_RANGE.matcher(fields[4]).replaceAll("0");
        fields[4] = WEEKLY_STEP.matcher(fields[4]).replaceAll("$1");
        return String.join(" ", fields);
    }

    /** cron-utils accepts these and gets them wrong: {@code L,15} fires on the 15th only, a lone L in the day of week on Sundays. */
    private static void refuseWhatCronUtilsMisreads(String dayOfMonth, String dayOfWeek) {
        String days = dayOfMonth.toUpperCase(Locale.ROOT);
        if (days.contains(",") && (days.contains("L") || days.contains("W"))) {
            throw new IllegalArgumentException("L and W stand alone in the day of month (L, L-3, LW, 15W), not in a list");
        }
        String weekdays = dayOfWeek.toUpperCase(Locale.ROOT);
        if (weekdays.contains(",") && (weekdays.contains("L") || weekdays.contains("#"))) {
            throw new IllegalArgumentException("L and # stand alone in the day of week (5L, 5#2), not in a list");
        }
        if (weekdays.equals("L")) {
            throw new IllegalArgumentException("L in the day of week follows a day: 5L is the last Friday of the month");
        }
    }

    private static String explain(String message) {
        String text = message == null ? "not a cron expression" : message.replace("Failed to parse cron expression. ", "");
        Matcher backwards = BACKWARDS_RANGE.matcher(text);
        if (backwards.find()) {
            return "range " + backwards.group(1) + "-" + backwards.group(2)
                    + " runs backwards: write ranges from low to high (SUN may start or end a day-of-week range)";
        }
        Matcher invalid = INVALID_CHARS.matcher(text);
        if (invalid.matches()) {
            return "'" + invalid.group(1) + "' is not a value its field accepts";
        }
        Matcher step = STEP_OUT_OF_RANGE.matcher(text);
        if (step.find()) {
            return "step /" + step.group(1) + " must be from 1 to " + step.group(2);
        }
        if (text.startsWith("Cron expression contains")) {
            return "expected 5 fields (minute hour day-of-month month day-of-week) or a macro such as @daily; "
                    + text.replace("Cron expression contains", "got").replaceAll(" but we expect.*", "");
        }
        return text;
    }
}

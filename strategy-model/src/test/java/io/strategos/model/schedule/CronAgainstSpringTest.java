package io.strategos.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.support.CronExpression;

/**
 * CronSchedule's fire times against Spring's {@link CronExpression}, an independent implementation, for
 * a few hundred random (seeded) expressions in zones with awkward daylight-saving rules, half of them
 * started just before a clock change.
 *
 * <p>Where the two legitimately differ, the oracle is adapted, not the comparison loosened:
 * <ul>
 * <li>Spring ANDs a restricted day of month with a restricted day of week; Vixie cron, and so
 *     CronSchedule, ORs them. The oracle then merges the fire times of the two halves.</li>
 * <li>Spring's own zone handling repeats fixed times on fall-back days and skips slots after a
 *     30-minute gap. So Spring only answers in wall-clock time (a {@link LocalDateTime}), and the
 *     oracle applies CronSchedule's documented rule with java.time's zone rules: a local time in a
 *     gap does not fire, one in an overlap fires at its first occurrence.</li>
 * <li>Vixie cron counts a day field that starts with {@code *} (say {@code *}{@code /2}) as unrestricted
 *     and then ANDs; CronSchedule counts it as restricted, as documented, and the oracle does the same.</li>
 * <li>A stepped {@code *} in the day of week counts from Sunday = 0 in cron, from Monday in Spring; the
 *     generator leaves it out there.</li>
 * </ul>
 */
class CronAgainstSpringTest {

    private static final List<ZoneId> ZONES = List.of("Australia/Lord_Howe", "Pacific/Chatham", "America/Sao_Paulo",
            "Europe/Berlin", "America/New_York").stream().map(ZoneId::of).toList();
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    private static final String[] MACROS = {"@hourly", "@daily", "@midnight", "@weekly", "@monthly", "@yearly", "@annually"};
    private static final int EXPRESSIONS = 400;
    private static final int FIRES = 8;
    /** Sao Paulo still had daylight saving before 2019, with its gap at midnight. */
    private static final Instant EARLIEST = Instant.parse("2015-01-01T00:00:00Z");
    private static final long SPAN_SECONDS = 15L * 365 * 24 * 3600;

    private final Random random = new Random(20261201);

    @Test
    void firesWhenSpringSaysItShould() {
        int compared = 0;
        int nearAClockChange = 0;
        int never = 0;
        for (int i = 0; i < EXPRESSIONS; i++) {
            ZoneId zone = ZONES.get(i % ZONES.size());
            String[] fields = expression();
            String text = String.join(" ", fields);
            Instant from = EARLIEST.plusSeconds((long) (random.nextDouble() * SPAN_SECONDS));
            if (i % 2 == 0) {
                ZoneOffsetTransition change = zone.getRules().nextTransition(from);
                if (change == null) { // Sao Paulo gave up daylight saving in 2019
                    change = zone.getRules().previousTransition(from);
                }
                from = change.getInstant().minusSeconds(random.nextInt(2 * 24 * 3600));
                nearAClockChange++;
            }
            CronSchedule schedule = new CronSchedule(text, zone.getId());
            List<Instant> expected = expected(fields, zone, from);
            if (expected.isEmpty()) {
                assertThat(schedule.validate("/schedule")).as(text).singleElement()
                        .satisfies(e -> assertThat(e.message()).contains("never fires"));
                never++;
            } else {
                assertThat(schedule.validate("/schedule")).as(text).isEmpty();
            }
            assertThat(schedule.preview(from, FIRES)).as("%s in %s after %s", text, zone, from)
                    .containsExactlyElementsOf(expected);
            compared++;
        }
        assertThat(compared).isEqualTo(EXPRESSIONS);
        assertThat(nearAClockChange).isEqualTo(EXPRESSIONS / 2);
        assertThat(never).as("expressions that never fire").isLessThan(EXPRESSIONS / 20);
    }

    /** What Spring, with Vixie's day rule and CronSchedule's daylight-saving rule, says comes next. */
    private static List<Instant> expected(String[] fields, ZoneId zone, Instant from) {
        WallClock clock = wallClock(fields);
        ZoneRules rules = zone.getRules();
        // Start a day early in wall-clock time: whatever falls before `from` is dropped below.
        LocalDateTime cursor = LocalDateTime.ofInstant(from, zone).minusDays(1);
        List<Instant> fires = new ArrayList<>();
        while (fires.size() < FIRES) {
            cursor = clock.next(cursor);
            if (cursor == null) {
                break;
            }
            ZoneOffsetTransition change = rules.getTransition(cursor);
            if (change != null && change.isGap()) {
                continue;
            }
            Instant fire = change == null ? cursor.atZone(zone).toInstant() : cursor.toInstant(change.getOffsetBefore());
            if (fire.isAfter(from)) {
                fires.add(fire);
            }
        }
        return fires;
    }

    private interface WallClock {
        LocalDateTime next(LocalDateTime after);
    }

    private static WallClock wallClock(String[] fields) {
        if (fields.length == 1) {
            CronExpression macro = CronExpression.parse(fields[0].toLowerCase(Locale.ROOT));
            return macro::next;
        }
        String dayOfMonth = fields[2];
        String dayOfWeek = fields[4];
        if (dayOfMonth.equals("*") || dayOfWeek.equals("*")) {
            CronExpression both = CronExpression.parse("0 " + String.join(" ", fields));
            return both::next;
        }
        CronExpression byDayOfMonth = CronExpression.parse("0 %s %s %s %s *".formatted(fields[0], fields[1], dayOfMonth, fields[3]));
        CronExpression byDayOfWeek = CronExpression.parse("0 %s %s * %s %s".formatted(fields[0], fields[1], fields[3], dayOfWeek));
        return after -> earliest(byDayOfMonth.next(after), byDayOfWeek.next(after));
    }

    private static LocalDateTime earliest(LocalDateTime a, LocalDateTime b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a.isBefore(b) ? a : b;
    }

    private String[] expression() {
        if (random.nextInt(20) == 0) {
            return new String[] {cased(MACROS[random.nextInt(MACROS.length)])};
        }
        return new String[] {
                field(0, 59, true, null),
                // Hours around 0 to 3 are where the clocks change.
                random.nextBoolean() ? field(0, 3, true, null) : field(0, 23, true, null),
                dayOfMonth(),
                random.nextInt(3) == 0 ? field(1, 12, false, MONTHS) : "*",
                dayOfWeek()};
    }

    private String dayOfMonth() {
        return switch (random.nextInt(10)) {
            case 0 -> "L";
            case 1 -> "LW";
            case 2 -> (1 + random.nextInt(28)) + "W";
            case 3 -> "L-" + (1 + random.nextInt(5));
            case 4, 5 -> field(1, 31, true, null);
            default -> "*";
        };
    }

    private String dayOfWeek() {
        return switch (random.nextInt(10)) {
            case 0 -> day(1 + random.nextInt(6)) + "L";
            case 1 -> day(1 + random.nextInt(6)) + "#" + (1 + random.nextInt(4));
            case 2 -> cased("SUN") + "-" + day(1 + random.nextInt(6));
            case 3 -> random.nextBoolean() ? "7" : "0";
            case 4, 5 -> field(0, 7, false, DAYS);
            default -> "*";
        };
    }

    /** A day of week as a number or a name, 1 to 6. */
    private String day(int number) {
        return random.nextBoolean() ? String.valueOf(number) : cased(DAYS[number]);
    }

    /** {@code *}, a value, a range, a stepped range, a list of those, or (when allowed) a stepped {@code *}. */
    private String field(int min, int max, boolean starStep, String[] names) {
        int kind = random.nextInt(starStep ? 6 : 5);
        if (kind == 5) {
            return "*/" + (2 + random.nextInt(Math.max(1, (max - min) / 2)));
        }
        if (kind == 4) {
            int n = 2 + random.nextInt(3);
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                parts.add(element(min, max, random.nextInt(3), names));
            }
            return String.join(",", parts);
        }
        return kind == 3 ? "*" : element(min, max, kind, names);
    }

    private String element(int min, int max, int kind, String[] names) {
        int a = min + random.nextInt(max - min);
        int b = a + 1 + random.nextInt(max - a);
        return switch (kind) {
            case 0 -> value(a, min, names);
            case 1 -> value(a, min, names) + "-" + value(b, min, names);
            default -> value(a, min, names) + "-" + value(b, min, names) + "/" + (1 + random.nextInt(Math.max(1, b - a)));
        };
    }

    private String value(int number, int min, String[] names) {
        // 7 is Sunday too but has no name of its own.
        if (names == null || number - min >= names.length || random.nextBoolean()) {
            return String.valueOf(number);
        }
        return cased(names[number - min]);
    }

    private String cased(String name) {
        return switch (random.nextInt(3)) {
            case 0 -> name.toLowerCase(Locale.ROOT);
            case 1 -> name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
            default -> name.toUpperCase(Locale.ROOT);
        };
    }
}

package io.strategos.api.rest;

import static io.strategos.api.rest.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Cron as people write it, in the schedule preview and on deploy; expected times worked out by day, here. */
@QuarkusTest
class CronDialectEndpointsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** An expression, and the local time and the days on which it fires (none near a clock change). */
    private record Case(String expression, LocalTime at, Predicate<LocalDate> day) {

        List<Instant> next(Instant after, int count) {
            List<Instant> fires = new ArrayList<>();
            for (LocalDate date = LocalDate.ofInstant(after, BERLIN); fires.size() < count; date = date.plusDays(1)) {
                Instant fire = date.atTime(at).atZone(BERLIN).toInstant();
                if (day.test(date) && fire.isAfter(after)) {
                    fires.add(fire);
                }
            }
            return fires;
        }
    }

    private static final List<Case> CASES = List.of(
            new Case("0 9 * * SUN-TUE", LocalTime.of(9, 0),
                    d -> Set.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY).contains(d.getDayOfWeek())),
            new Case("@daily", LocalTime.MIDNIGHT, d -> true),
            new Case("0 16 L * *", LocalTime.of(16, 0), d -> d.getDayOfMonth() == d.lengthOfMonth()),
            new Case("30 15 * * 5#2", LocalTime.of(15, 30),
                    d -> d.getDayOfWeek() == DayOfWeek.FRIDAY && (d.getDayOfMonth() - 1) / 7 == 1));

    private final String user = Fixtures.newUser();

    @Test
    void previewShowsWhenEachRuns() {
        for (Case c : CASES) {
            Instant before = Instant.now();
            List<String> fires = as(user).queryParam("cron", c.expression()).queryParam("timezone", "Europe/Berlin")
                    .queryParam("count", 4).get("/api/v1/schedules/preview")
                    .then().statusCode(200).body("cron", equalTo(c.expression()))
                    .extract().path("fireTimes");
            assertThat(fires.stream().map(Instant::parse).toList()).as(c.expression()).isEqualTo(c.next(before, 4));
        }
    }

    @Test
    void deployingStartsAtTheFirstOfThem() {
        for (Case c : CASES) {
            String id = Fixtures.create(user, "Cron " + c.expression());
            Instant before = Instant.now();
            String next = as(user).body("""
                            {"schedule": {"type": "cron", "expression": "%s", "timezone": "Europe/Berlin"},
                             "tradingMode": "paper", "paperBankrollUsd": 1000, "autoStart": true}""".formatted(c.expression()))
                    .post("/api/v1/strategies/" + id + "/deploy").then().statusCode(200)
                    .body("deployment.schedule.expression", equalTo(c.expression()))
                    .extract().path("nextExecutionAt");
            assertThat(Instant.parse(next)).as(c.expression()).isEqualTo(c.next(before, 1).get(0));
        }
    }

    @Test
    void theOpenApiDescriptionSaysWhichCronIsAccepted() {
        as(user).get("/q/openapi?format=json").then().statusCode(200)
                .body("components.schemas.DeployRequest.properties.schedule.description", containsString("@daily"))
                .body("paths.'/api/v1/schedules/preview'.get.parameters.find { it.name == 'cron' }.description",
                        containsString("5#2"));
    }

    @Test
    void aBadExpressionIsRefusedNamingTheField() {
        String id = Fixtures.create(user, "Backwards");
        as(user).body("""
                        {"schedule": {"type": "cron", "expression": "0 9 * * FRI-MON", "timezone": "Europe/Berlin"},
                         "tradingMode": "paper", "paperBankrollUsd": 1000, "autoStart": true}""")
                .post("/api/v1/strategies/" + id + "/deploy")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/schedule/expression"))
                .body("errors[0].message", containsString("runs backwards"));
        as(user).queryParam("cron", "0 0 30 2 *").get("/api/v1/schedules/preview")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("cron"))
                .body("errors[0].message", containsString("never fires"));
    }
}

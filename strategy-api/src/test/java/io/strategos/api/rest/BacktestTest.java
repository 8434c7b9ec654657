package io.strategos.api.rest;

import static io.restassured.RestAssured.given;
import static io.strategos.api.rest.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Backtest endpoints: submit, read, list, cancel, runs and trades. executor-worker, which replays them,
 * is not running here: its side (the replay, and a worker killed mid-backtest) is tested in
 * executor-worker and end-to-end-tests; the rows it would write are inserted as the owner role.
 */
@QuarkusTest
class BacktestTest {

    private static final Instant TO = Instant.now().truncatedTo(ChronoUnit.HOURS);
    private static final Instant FROM = TO.minus(1, ChronoUnit.DAYS);

    @Inject
    OwnerPool owner;

    private static String range(Instant from, Instant to) {
        return "{\"from\": \"" + from + "\", \"to\": \"" + to + "\"}";
    }

    private static String submit(String user, String strategyId) {
        return as(user).body(range(FROM, TO)).post("/api/v1/strategies/" + strategyId + "/backtests")
                .then().statusCode(202).extract().path("id");
    }

    @Test
    void aBacktestOfADeployedStrategyIsQueuedWithTheDeploymentsSettings() {
        String user = Fixtures.newUser();
        String strategy = Fixtures.deployed(user, "Backtested");
        var accepted = as(user).body("""
                        {"from": "%s", "to": "%s", "feeBps": 5, "maxDrawdownPct": 20}""".formatted(FROM, TO))
                .post("/api/v1/strategies/" + strategy + "/backtests")
                .then().statusCode(202).extract();
        String id = accepted.path("id");
        assertThat(accepted.header("Location")).endsWith("/api/v1/backtests/" + id);
        as(user).get("/api/v1/backtests/" + id).then().statusCode(200)
                .body("strategyId", equalTo(strategy))
                .body("strategyVersion", equalTo(1))
                .body("status", equalTo("queued"))
                .body("progressPct", equalTo(0.0f))
                .body("schedule.type", equalTo("interval"))
                .body("schedule.everySeconds", equalTo(60))
                .body("settings.paperBankrollUsd", equalTo(1000.0f))
                .body("settings.feeBps", equalTo(5))
                .body("settings.slippageBps", nullValue())
                .body("settings.maxDrawdownPct", equalTo(20))
                .body("result", nullValue());
    }

    @Test
    void theRangeScheduleAndSettingsAreValidatedByPointer() {
        String user = Fixtures.newUser();
        String deployed = Fixtures.deployed(user, "Validated");
        String path = "/api/v1/strategies/" + deployed + "/backtests";
        as(user).body("{}").post(path).then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", hasItem("/from")).body("errors.pointer", hasItem("/to"));
        as(user).body(range(TO, FROM)).post(path).then().statusCode(400).body("errors.pointer", contains("/to"));
        as(user).body(range(FROM, Instant.now().plus(1, ChronoUnit.DAYS))).post(path).then().statusCode(400)
                .body("errors[0].pointer", equalTo("/to"));
        as(user).body("""
                {"from": "%s", "to": "%s", "schedule": {"type": "interval", "everySeconds": 0}, "paperBankrollUsd": 5,
                 "feeBps": -1}""".formatted(FROM, TO)).post(path).then().statusCode(400)
                .body("errors.pointer", hasItem("/schedule/everySeconds"))
                .body("errors.pointer", hasItem("/paperBankrollUsd"))
                .body("errors.pointer", hasItem("/feeBps"));
        as(user).body("""
                {"from": "%s", "to": "%s", "schedule": {"type": "interval", "everySeconds": 1}}"""
                .formatted(TO.minus(30, ChronoUnit.DAYS), TO)).post(path).then().statusCode(400)
                .body("errors[0].pointer", equalTo("/schedule"));
        String draft = Fixtures.create(user, "Never deployed");
        as(user).body(range(FROM, TO)).post("/api/v1/strategies/" + draft + "/backtests").then().statusCode(400)
                .body("errors[0].pointer", equalTo("/schedule"));
        as(user).body("""
                {"from": "%s", "to": "%s", "schedule": {"type": "cron", "expression": "*/15 * * * *"}}""".formatted(FROM, TO))
                .post("/api/v1/strategies/" + draft + "/backtests").then().statusCode(202)
                .body("schedule.expression", equalTo("*/15 * * * *"))
                .body("settings.paperBankrollUsd", equalTo(10000));
        as(user).body("""
                {"from": "%s", "to": "%s", "version": 7}""".formatted(FROM, TO)).post(path).then().statusCode(404);
    }

    @Test
    void aUserSeesAndCancelsOnlyTheirOwnBacktests() {
        String alice = Fixtures.newUser();
        String bob = Fixtures.newUser();
        String strategy = Fixtures.deployed(alice, "Alice's");
        String id = submit(alice, strategy);

        as(bob).body(range(FROM, TO)).post("/api/v1/strategies/" + strategy + "/backtests").then().statusCode(404);
        as(bob).get("/api/v1/backtests/" + id).then().statusCode(404).contentType("application/problem+json");
        as(bob).get("/api/v1/backtests/" + id + "/runs").then().statusCode(404);
        as(bob).get("/api/v1/backtests/" + id + "/trades").then().statusCode(404);
        as(bob).delete("/api/v1/backtests/" + id).then().statusCode(404);
        as(bob).get("/api/v1/backtests").then().statusCode(200).body("items", hasSize(0));
        as(alice).get("/api/v1/backtests/" + UUID.randomUUID()).then().statusCode(404);

        as(alice).delete("/api/v1/backtests/" + id).then().statusCode(200).body("status", equalTo("cancelled"));
        as(alice).delete("/api/v1/backtests/" + id).then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void theListPagesNewestFirstAndFiltersByStrategy() {
        String user = Fixtures.newUser();
        String one = Fixtures.deployed(user, "One");
        String two = Fixtures.deployed(user, "Two");
        String first = submit(user, one);
        String second = submit(user, two);
        String third = submit(user, one);

        String cursor = as(user).get("/api/v1/backtests?limit=2").then().statusCode(200)
                .body("items.id", contains(third, second)).extract().path("nextCursor");
        as(user).get("/api/v1/backtests?limit=2&cursor=" + cursor).then().statusCode(200)
                .body("items.id", contains(first)).body("nextCursor", nullValue());
        as(user).get("/api/v1/backtests?strategyId=" + one).then().statusCode(200).body("items.id", contains(third, first));
        as(user).get("/api/v1/backtests?strategyId=nope").then().statusCode(400).body("errors[0].pointer", equalTo("strategyId"));
        as(user).get("/api/v1/backtests?cursor=garbage!").then().statusCode(400);
    }

    @Test
    void runsAndTradesArePagedInOrder() {
        String user = Fixtures.newUser();
        String id = submit(user, Fixtures.deployed(user, "Replayed"));
        UUID backtest = UUID.fromString(id);
        for (int i = 0; i < 3; i++) {
            Sql.as(owner.pool(), user, "INSERT INTO backtest_runs (backtest_id, slot, status, trades, equity) VALUES ($1, $2, 'success', $3, $4)",
                    Tuple.of(backtest, FROM.plusSeconds(60L * i).atOffset(ZoneOffset.UTC), i == 0 ? 1 : 0,
                            new java.math.BigDecimal(i == 0 ? "999.80" : "1000.00")));
        }
        Sql.as(owner.pool(), user, """
                INSERT INTO backtest_trades (backtest_id, seq, slot, market_id, question, outcome, action, quantity, price, fee_usd,
                                             cash_delta, reason)
                VALUES ($1, 0, $2, 'sim-1', 'Will it?', 'yes', 'buy', 200, 0.5, 0.2, -100.20, 'entry'),
                       ($1, 1, $3, 'sim-1', 'Will it?', 'yes', 'sell', 200, 0.6, 0.2, 119.80, 'exit')""",
                Tuple.of(backtest, FROM.atOffset(ZoneOffset.UTC), FROM.plusSeconds(120).atOffset(ZoneOffset.UTC)));

        String cursor = as(user).get("/api/v1/backtests/" + id + "/runs?limit=2").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].equity", equalTo(999.80f))
                .body("items[0].trades", equalTo(1))
                .extract().path("nextCursor");
        List<String> rest = as(user).get("/api/v1/backtests/" + id + "/runs?limit=2&cursor=" + cursor).then().statusCode(200)
                .body("nextCursor", nullValue()).extract().path("items.slot");
        assertThat(rest).containsExactly(FROM.plusSeconds(120).toString());
        String tradeCursor = as(user).get("/api/v1/backtests/" + id + "/trades?limit=1").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].action", equalTo("buy"))
                .body("items[0].cashDelta", equalTo(-100.20f))
                .extract().path("nextCursor");
        as(user).get("/api/v1/backtests/" + id + "/trades?limit=1&cursor=" + tradeCursor).then().statusCode(200)
                .body("items.action", contains("sell"))
                .body("nextCursor", nullValue());
        // A cursor of the other list holds a key of the wrong kind: 400 naming the cursor, as for any cursor this API did not return.
        as(user).get("/api/v1/backtests/" + id + "/runs?cursor=" + tradeCursor).then().statusCode(400)
                .body("errors[0].pointer", equalTo("cursor"));
        as(user).get("/api/v1/backtests/" + id + "/trades?cursor=" + cursor).then().statusCode(400)
                .body("errors[0].pointer", equalTo("cursor"));
    }

    @Test
    void aTokenIsRequired() {
        given().contentType(ContentType.JSON).body(range(FROM, TO)).post("/api/v1/strategies/" + UUID.randomUUID() + "/backtests")
                .then().statusCode(401).contentType("application/problem+json");
        given().get("/api/v1/backtests").then().statusCode(401);
        given().get("/api/v1/backtests/" + UUID.randomUUID()).then().statusCode(401);
        given().delete("/api/v1/backtests/" + UUID.randomUUID()).then().statusCode(401);
    }
}

package io.strategos.api.rest;

import static io.strategos.api.rest.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Reads over what executor-worker writes; the rows are inserted here as the executor would. */
@QuarkusTest
class ReportsTest {

    /** As executor-worker: the owner writes runs and status changes, and reads the outbox. */
    @Inject
    OwnerPool owner;

    private final String user = Fixtures.newUser();
    private final Instant base = Instant.parse("2026-03-01T10:00:00Z");

    /** JSON numbers arrive as floats: compare them with a float's precision. */
    private static org.hamcrest.Matcher<Object> near(double expected, double tolerance) {
        return new org.hamcrest.CustomTypeSafeMatcher<>("a number within " + tolerance + " of " + expected) {
            @Override
            protected boolean matchesSafely(Object actual) {
                return actual instanceof Number n && Math.abs(n.doubleValue() - expected) <= tolerance;
            }
        };
    }

    private void sql(String statement, Tuple args) {
        Sql.as(owner.pool(), user, statement, args);
    }

    /** Ten runs, one a minute: runs 0-6 succeed, 7-8 fail, 9 is skipped; durations 100, 200, ... 1000 ms. */
    private UUID strategyWithRuns() {
        UUID id = UUID.fromString(Fixtures.create(user, "Reported"));
        for (int i = 0; i < 10; i++) {
            String status = i < 7 ? "success" : i < 9 ? "failed" : "skipped";
            Instant started = base.plus(i, ChronoUnit.MINUTES);
            UUID execution = UUID.randomUUID();
            int duration = (i + 1) * 100;
            String nodeStatus = status.equals("failed") ? "error" : "success";
            String nodeError = status.equals("failed") ? "\"boom\"" : "null";
            long at = started.toEpochMilli();
            // Two nodes, as executor-worker records them (V22): the logs and the statistics' arrays.
            String nodeLogs = """
                    [{"seq": 1, "nodeId": "markets", "nodeType": "polymarket-stream", "status": "success", "output": {"markets": 3},
                      "error": null, "startedAtEpochMs": %1$d, "durationMs": %2$d},
                     {"seq": 2, "nodeId": "liquid", "nodeType": "filter", "status": "%3$s", "output": null,
                      "error": %4$s, "startedAtEpochMs": %1$d, "durationMs": %2$d}]"""
                    .formatted(at, duration / 2, nodeStatus, nodeError);
            sql("""
                    INSERT INTO executions (id, strategy_id, owner_id, strategy_version, trigger, scheduled_for, started_at,
                                            completed_at, status, nodes_executed, error, duration_ms, node_logs, node_ids,
                                            node_types, node_statuses, node_durations_ms)
                    VALUES ($1, $2, $3, 1, 'interval', $4, $4, $5, $6, 2, $7, $8, $9::text::json, '{markets,liquid}',
                            '{polymarket-stream,filter}', ARRAY['success', $10], ARRAY[$11::int, $11::int])""",
                    Tuple.tuple().addUUID(execution).addUUID(id).addString(user).addOffsetDateTime(started.atOffset(ZoneOffset.UTC))
                            .addOffsetDateTime(started.plusMillis(duration).atOffset(ZoneOffset.UTC)).addString(status)
                            .addString(status.equals("failed") ? "boom" : null).addInteger(duration).addString(nodeLogs)
                            .addString(nodeStatus).addInteger(duration / 2));
        }
        return id;
    }

    @Test
    void statsAreComputedOverAllRuns() {
        UUID id = strategyWithRuns();
        as(user).get("/api/v1/strategies/" + id + "/stats").then().statusCode(200)
                .body("totalExecutions", equalTo(10))
                .body("successful", equalTo(7))
                .body("failed", equalTo(2))
                .body("skipped", equalTo(1))
                .body("successRate", near(7.0 / 9, 1e-6))
                .body("avgDurationMs", near(550.0, 1e-6))
                .body("p95DurationMs", near(955.0, 1e-6))
                .body("lastRunAt", equalTo("2026-03-01T10:09:00Z"))
                .body("nextRunAt", nullValue())
                .body("nodes.nodeId", equalTo(List.of("liquid", "markets")))
                .body("nodes[0].runs", equalTo(10))
                .body("nodes[0].errors", equalTo(2))
                .body("nodes[0].errorRate", near(0.2, 1e-6))
                .body("nodes[1].avgDurationMs", near(275.0, 1e-6));
    }

    @Test
    void historyIsFilteredAndPagedNewestFirst() {
        UUID id = strategyWithRuns();
        String url = "/api/v1/strategies/" + id + "/executions";
        as(user).get(url + "?status=failed").then().statusCode(200).body("items", hasSize(2))
                .body("items[0].startedAt", equalTo("2026-03-01T10:08:00Z"));
        as(user).get(url + "?from=2026-03-01T10:03:00Z&to=2026-03-01T10:05:00Z").then()
                .body("items.startedAt", equalTo(List.of("2026-03-01T10:04:00Z", "2026-03-01T10:03:00Z")));
        var first = as(user).get(url + "?limit=4").then().body("items", hasSize(4)).extract();
        String cursor = first.path("nextCursor");
        as(user).get(url + "?limit=4&cursor=" + cursor).then()
                .body("items[0].startedAt", equalTo("2026-03-01T10:05:00Z"));
        as(user).get(url + "?status=exploded").then().statusCode(400).body("errors[0].pointer", equalTo("status"));
        as(user).get(url + "?from=yesterday").then().statusCode(400).body("errors[0].pointer", equalTo("from"));

        String executionId = first.path("items[0].id");
        as(user).get("/api/v1/executions/" + executionId).then().statusCode(200)
                .body("status", equalTo("skipped")).body("nodes.nodeId", equalTo(List.of("markets", "liquid")))
                .body("nodes[0].output.markets", equalTo(3))
                .body("nodes[0].startedAt", equalTo("2026-03-01T10:09:00Z"))
                .body("nodes[0].completedAt", equalTo("2026-03-01T10:09:00.500Z"));
        as(Fixtures.newUser()).get("/api/v1/executions/" + executionId).then().statusCode(404);
        as(Fixtures.newUser()).get(url).then().statusCode(404);
        as(Fixtures.newUser()).get("/api/v1/strategies/" + id + "/stats").then().statusCode(404);
    }

    @Test
    void portfolioValuesPositionsAtTheLatestPrice() {
        UUID id = UUID.fromString(Fixtures.deployed(user, "Trader"));
        as(user).get("/api/v1/strategies/" + id + "/portfolio").then().statusCode(200)
                .body("startingCash", equalTo(1000.0f)).body("cash", equalTo(1000.0f)).body("positions", hasSize(0))
                .body("winRate", nullValue());

        sql("INSERT INTO paper_portfolios (strategy_id, owner_id, starting_cash, cash, realized_pnl) VALUES ($1, $2, 1000, 700, 15)",
                Tuple.of(id, user));
        String market = "mkt-" + UUID.randomUUID();
        String unpriced = "mkt-" + UUID.randomUUID();
        sql("INSERT INTO paper_positions (strategy_id, market_id, outcome, quantity, avg_price, question) VALUES ($1, $2, 'yes', 500, 0.40, 'Q1'), ($1, $3, 'no', 100, 0.50, 'Q2')",
                Tuple.of(id, market, unpriced));
        sql("INSERT INTO market_prices (market_id, price) VALUES ($1, 0.5)", Tuple.of(market));
        for (String pnl : List.of("10", "-5", "10")) {
            sql("""
                    INSERT INTO paper_trades (id, strategy_id, owner_id, market_id, outcome, action, quantity, price, realized_pnl)
                    VALUES ($1, $2, $3, $4, 'yes', 'sell', 10, 0.5, $5::text::numeric)""",
                    Tuple.of(UUID.randomUUID(), id, user, market, pnl));
        }
        sql("""
                INSERT INTO paper_trades (id, strategy_id, owner_id, market_id, outcome, action, quantity, price)
                VALUES ($1, $2, $3, $4, 'yes', 'buy', 500, 0.4)""", Tuple.of(UUID.randomUUID(), id, user, market));

        as(user).get("/api/v1/strategies/" + id + "/portfolio").then().statusCode(200)
                .body("startingCash", equalTo(1000.0f))
                .body("cash", equalTo(700.0f))
                .body("positionsValue", equalTo(300.0f))
                .body("equity", equalTo(1000.0f))
                .body("unrealizedPnl", equalTo(50.0f))
                .body("realizedPnl", equalTo(15.0f))
                .body("roiPct", near(0.0, 1e-6))
                .body("winRate", near(2.0 / 3, 1e-6))
                .body("closedTrades", equalTo(3))
                .body("positions", hasSize(2));
        as(user).get("/api/v1/strategies/" + id + "/trades?limit=3").then().statusCode(200)
                .body("items", hasSize(3)).body("nextCursor", notNullValue());
        as(Fixtures.newUser()).get("/api/v1/strategies/" + id + "/portfolio").then().statusCode(404);
        as(Fixtures.newUser()).get("/api/v1/strategies/" + id + "/trades").then().statusCode(404);
    }
}

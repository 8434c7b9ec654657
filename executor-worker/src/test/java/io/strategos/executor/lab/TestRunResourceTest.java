package io.strategos.executor.lab;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The internal test-run endpoint: the worker's own pipeline, nothing recorded, only for strategy-api. */
@QuarkusTest
class TestRunResourceTest {

    static final String TRADING_GRAPH = """
            {"nodes": [{"id": "markets", "type": "polymarket-stream", "config": {"limit": 5}},
                       {"id": "cheap", "type": "filter", "config": {"conditions": [{"field": "price", "operator": "lt", "value": 0.95}]}},
                       {"id": "trade", "type": "orchestrator", "config": {"positionSizePct": 10, "maxOpenPositions": 3}},
                       {"id": "watch", "type": "watchlist", "config": {}}],
             "edges": [{"source": "markets", "target": "cheap"}, {"source": "cheap", "target": "trade"},
                       {"source": "trade", "target": "watch"}]}""";

    @Inject
    Pool pool;

    private static String request(UUID strategyId) {
        return """
                {"ownerId": "lab-owner", "strategyId": %s, "strategyVersion": 1, "strategyName": "lab",
                 "graph": %s, "paperBankrollUsd": 1000, "maxDrawdownPct": null, "triggerCondition": null}""".formatted(strategyId == null ? "null" : "\"" + strategyId + "\"", TRADING_GRAPH);
    }

    @Test
    void runsTheGraphOnceAndReturnsEachNodeAndTheOrdersWithoutRecordingAnything() {
        UUID strategyId = UUID.randomUUID();
        given().header(TestRunResource.TOKEN_HEADER, "test-lab-token").contentType(ContentType.JSON).body(request(strategyId))
                .post("/internal/v1/test-runs")
                .then().statusCode(200)
                .body("status", equalTo("success"))
                .body("nodes.nodeId", contains("markets", "cheap", "trade", "watch"))
                .body("nodes.status", everyItem(equalTo("success")))
                .body("nodes[0].output.outputCount", equalTo(5))
                .body("orders", hasSize(3))
                .body("orders.action", everyItem(equalTo("buy")))
                .body("orders[0].feeUsd", org.hamcrest.Matchers.notNullValue())
                .body("watchlist", hasSize(3));
        for (String table : new String[] {"executions", "paper_portfolios", "paper_trades", "watchlist_entries"}) {
            long rows = pool.preparedQuery("SELECT count(*) FROM " + table + " WHERE strategy_id = $1").execute(Tuple.of(strategyId))
                    .await().indefinitely().iterator().next().getLong(0);
            assertThat(rows).as(table).isZero();
        }
        long events = pool.preparedQuery("SELECT count(*) FROM outbox_events WHERE message_key = $1")
                .execute(Tuple.of(strategyId.toString())).await().indefinitely().iterator().next().getLong(0);
        assertThat(events).isZero();
    }

    @Test
    void aFailingNodeIsReportedWithItsErrorAndTheNodesAfterItSkipped() {
        String graph = """
                {"nodes": [{"id": "markets", "type": "polymarket-stream", "config": {"limit": 5}},
                           {"id": "broken", "type": "filter", "config": {"conditions": [{"field": "colour", "operator": "eq", "value": 1}]}},
                           {"id": "trade", "type": "orchestrator", "config": {}}],
                 "edges": [{"source": "markets", "target": "broken"}, {"source": "broken", "target": "trade"}]}""";
        given().header(TestRunResource.TOKEN_HEADER, "test-lab-token").contentType(ContentType.JSON)
                .body("""
                        {"ownerId": "lab-owner", "strategyVersion": 0, "graph": %s, "paperBankrollUsd": 1000}""".formatted(graph))
                .post("/internal/v1/test-runs")
                .then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("nodes.status", contains("success", "error", "skipped"))
                .body("nodes[1].error", org.hamcrest.Matchers.containsString("colour"))
                .body("orders", hasSize(0));
    }

    @Test
    void onlyACallerWithTheSharedTokenMayAsk() {
        given().contentType(ContentType.JSON).body(request(null)).post("/internal/v1/test-runs")
                .then().statusCode(403).contentType("application/problem+json");
        given().header(TestRunResource.TOKEN_HEADER, "guess").contentType(ContentType.JSON).body(request(null))
                .post("/internal/v1/test-runs")
                .then().statusCode(403).contentType("application/problem+json");
    }
}

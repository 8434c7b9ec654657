package io.strategos.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.strategos.localstack.LocalStack;
import io.strategos.localstack.Packaging;
import io.restassured.path.json.JsonPath;
import io.strategos.localstack.testing.SseClient;
import io.strategos.model.schedule.IntervalSchedule;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The foundation's road, across the three services running as separate processes:
 * a strategy is created and deployed over REST, claimed and run by the executor, its event
 * published to Kafka, and turned into a notification for its owner, and for no one else. Each subclass
 * starts the system its way in a {@code @BeforeAll} of its own name (a static method of the same name would
 * not hide this class's: JUnit would run both).
 */
abstract class StrategyToNotificationRoad {

    static LocalStack stack;

    /** @param database a database of its own, so that the two roads share no state */
    static void start(Packaging packaging, String database) throws Exception {
        stack = EndToEndStack.start("stack-" + packaging.name().toLowerCase(java.util.Locale.ROOT), packaging, database, Map.of());
    }

    @AfterAll
    static void stopTheSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(stack.token(user)).contentType(ContentType.JSON);
    }

    private static String api() {
        return stack.service("strategy-api").baseUrl();
    }

    private static String notifier() {
        return stack.service("notifier").baseUrl();
    }

    @Test
    void aDeployedStrategyRunsAndItsOwnerIsNotified() {
        String owner = "e2e-owner";
        String stranger = "e2e-stranger";

        // 1. Create a two-node strategy.
        String strategyId = as(owner).body("""
                        {"name": "E2E liquid markets",
                         "graph": {"nodes": [{"id": "markets", "type": "polymarket-stream", "config": {"limit": 25}},
                                             {"id": "liquid", "type": "filter",
                                              "config": {"conditions": [{"field": "liquidity", "operator": "gt", "value": 1000}]}}],
                                   "edges": [{"source": "markets", "target": "liquid"}]}}""")
                .post(api() + "/api/v1/strategies")
                .then().statusCode(201).extract().path("id");

        // 2. Deploy it to run every 5 seconds.
        as(owner).body("""
                        {"schedule": {"type": "interval", "everySeconds": 5}, "tradingMode": "paper",
                         "paperBankrollUsd": 10000, "autoStart": true}""")
                .post(api() + "/api/v1/strategies/" + strategyId + "/deploy")
                .then().statusCode(200).body("status", equalTo("running"));

        // 3 and 5. The executor runs it; the history shows the run.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                !as(owner).get(api() + "/api/v1/strategies/" + strategyId + "/executions")
                        .then().statusCode(200).extract().jsonPath().getList("items").isEmpty());
        String executionId = as(owner).get(api() + "/api/v1/strategies/" + strategyId + "/executions")
                .then().body("items[0].status", equalTo("success")).body("items[0].nodesExecuted", equalTo(2))
                .extract().path("items[0].id");
        as(owner).get(api() + "/api/v1/executions/" + executionId)
                .then().statusCode(200)
                .body("nodes", hasSize(2))
                .body("nodes[0].nodeId", equalTo("markets"))
                .body("nodes[1].nodeId", equalTo("liquid"));

        // A manual run takes the same road and is recorded under the id the API handed out.
        String manualId = as(owner).post(api() + "/api/v1/strategies/" + strategyId + "/runs")
                .then().statusCode(202).extract().path("executionId");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                as(owner).get(api() + "/api/v1/executions/" + manualId).statusCode() == 200);
        as(owner).get(api() + "/api/v1/executions/" + manualId).then().body("trigger", equalTo("manual"));

        // 4. notifier consumed the Kafka event and notified the owner.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                as(owner).get(notifier() + "/api/v1/notifications?type=execution_completed")
                        .then().statusCode(200).extract().jsonPath().getList("items.strategyId").contains(strategyId));
        List<String> types = as(owner).get(notifier() + "/api/v1/notifications").then().extract().jsonPath().getList("items.type");
        assertThat(types).contains("strategy_started", "execution_completed");

        // ...and no one else.
        as(stranger).get(notifier() + "/api/v1/notifications").then().statusCode(200).body("items", hasSize(0));
        as(stranger).get(api() + "/api/v1/strategies/" + strategyId).then().statusCode(404);
        as(stranger).get(api() + "/api/v1/executions/" + executionId).then().statusCode(404);
    }

    @Test
    void aGraphIsTestRunByTheExecutorWithoutLeavingATrace() {
        String owner = "e2e-lab";
        String graph = """
                {"nodes": [{"id": "markets", "type": "polymarket-stream", "config": {"limit": 5}},
                           {"id": "trade", "type": "orchestrator", "config": {"positionSizePct": 10}}],
                 "edges": [{"source": "markets", "target": "trade"}]}""";
        as(owner).body("{\"graph\": " + graph + ", \"paperBankrollUsd\": 1000}")
                .post(api() + "/api/v1/strategies/test-runs")
                .then().log().ifValidationFails().statusCode(200)
                .body("status", equalTo("success"))
                .body("nodes.nodeId", org.hamcrest.Matchers.contains("markets", "trade"))
                .body("orders", hasSize(5))
                .body("orders[0].action", equalTo("buy"));

        // A saved one, with its deployment's bankroll: still nothing recorded.
        String strategyId = as(owner).body("{\"name\": \"E2E lab\", \"graph\": " + graph + "}")
                .post(api() + "/api/v1/strategies").then().statusCode(201).extract().path("id");
        as(owner).body("""
                        {"schedule": {"type": "interval", "everySeconds": 3600}, "tradingMode": "paper", "paperBankrollUsd": 500}""")
                .post(api() + "/api/v1/strategies/" + strategyId + "/deploy").then().statusCode(200);
        as(owner).post(api() + "/api/v1/strategies/" + strategyId + "/test-runs")
                .then().statusCode(200).body("status", equalTo("success")).body("orders[0].cashDelta", equalTo(-50.10f));
        as(owner).get(api() + "/api/v1/strategies/" + strategyId + "/executions").then().statusCode(200).body("items", hasSize(0));
        as("e2e-lab-stranger").post(api() + "/api/v1/strategies/" + strategyId + "/test-runs").then().statusCode(404);
    }

    @Test
    void aStatusChangeTheExecutorMakesReachesTheOwnersRunStream() throws Exception {
        String owner = "e2e-pausing-owner";
        // Valid to the API, but every run fails: the price is compared with a word.
        String strategyId = as(owner).body("""
                        {"name": "E2E always failing",
                         "graph": {"nodes": [{"id": "markets", "type": "polymarket-stream", "config": {"limit": 5}},
                                             {"id": "broken", "type": "filter",
                                              "config": {"conditions": [{"field": "price", "operator": "gt", "value": "cheap"}]}}],
                                   "edges": [{"source": "markets", "target": "broken"}]}}""")
                .post(api() + "/api/v1/strategies")
                .then().statusCode(201).extract().path("id");
        URI stream = URI.create(api() + "/api/v1/strategies/stream?strategyId=" + strategyId);
        try (SseClient client = SseClient.open(stream, stack.token(owner), null)) {
            assertThat(client.status()).isEqualTo(200);
            as(owner).body("""
                            {"schedule": {"type": "interval", "everySeconds": %d}, "tradingMode": "paper",
                             "paperBankrollUsd": 10000, "autoStart": true, "autoPauseAfterConsecutiveErrors": 2}"""
                            .formatted(IntervalSchedule.MIN_SECONDS))
                    .post(api() + "/api/v1/strategies/" + strategyId + "/deploy")
                    .then().statusCode(200).body("status", equalTo("running"));

            // The deploy (the API's change), two failed runs, then the executor's auto-pause.
            List<String> seen = new ArrayList<>();
            String pause = null;
            while (pause == null && seen.size() < 20) {
                SseClient.Event event = client.next(Duration.ofSeconds(60));
                JsonPath data = JsonPath.from(event.data());
                seen.add(event.name() + ":" + (event.name().equals("status") ? data.getString("statusChange.toStatus") : data.getString("execution.status")));
                if (event.name().equals("status") && "error".equals(data.getString("statusChange.toStatus"))) {
                    pause = event.data();
                }
            }
            assertThat(pause).as("an auto-pause on the stream; saw %s", seen).isNotNull();
            assertThat(JsonPath.from(pause).getString("statusChange.action")).isEqualTo("auto_pause");
            assertThat(JsonPath.from(pause).getString("statusChange.fromStatus")).isEqualTo("running");
            assertThat(seen).containsSubsequence("status:running", "execution:failed", "execution:failed", "status:error");
        }
        // In the audit trail, and the strategy says so.
        as(owner).get(api() + "/api/v1/strategies/" + strategyId + "/transitions").then().statusCode(200)
                .body("[0].action", equalTo("auto_pause")).body("[0].fromStatus", equalTo("running")).body("[0].toStatus", equalTo("error"));
        as(owner).get(api() + "/api/v1/strategies/" + strategyId).then().statusCode(200).body("status", equalTo("error"));
    }
}

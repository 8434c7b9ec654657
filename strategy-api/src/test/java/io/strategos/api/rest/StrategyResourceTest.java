package io.strategos.api.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.strategos.localstack.testing.JwtTestResource;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StrategyResourceTest {

    static final String TWO_NODE_STRATEGY = """
            {"name": "Liquid markets", "description": "volume above 5k", "tags": ["demo"],
             "graph": {"nodes": [{"id": "markets", "type": "polymarket-stream", "config": {"limit": 20}},
                                 {"id": "liquid", "type": "filter",
                                  "config": {"conditions": [{"field": "volume24h", "operator": "gt", "value": 5000}]}}],
                       "edges": [{"source": "markets", "target": "liquid"}]}}""";

    static final String DEPLOY_EVERY_5S = """
            {"schedule": {"type": "interval", "everySeconds": 5}, "tradingMode": "paper",
             "paperBankrollUsd": 10000, "autoStart": true}""";

    /** As executor-worker: the owner writes runs and status changes, and reads the outbox. */
    @Inject
    OwnerPool owner;

    private final String user = "user-" + UUID.randomUUID();

    static RequestSpecification as(String user) {
        return given().auth().oauth2(JwtTestResource.token(user)).contentType(ContentType.JSON);
    }

    static String create(String user) {
        return as(user).body(TWO_NODE_STRATEGY).post("/api/v1/strategies").then().statusCode(201).extract().path("id");
    }

    @Test
    void createsAStrategyAsVersionOneDraft() {
        as(user).body(TWO_NODE_STRATEGY)
                .post("/api/v1/strategies")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/strategies/"))
                .header("ETag", equalTo("\"1\""))
                .body("id", notNullValue())
                .body("name", equalTo("Liquid markets"))
                .body("version", equalTo(1))
                .body("status", equalTo("draft"))
                .body("graph.nodes", hasSize(2))
                .body("deployment", nullValue());
    }

    @Test
    void readsAndListsOnlyTheCallersStrategies() {
        String id = create(user);
        as(user).get("/api/v1/strategies/" + id).then().statusCode(200).body("id", equalTo(id)).header("ETag", equalTo("\"1\""));
        as(user).get("/api/v1/strategies").then().statusCode(200).body("items.id", hasItem(id));

        String stranger = "stranger-" + UUID.randomUUID();
        as(stranger).get("/api/v1/strategies/" + id).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        as(stranger).get("/api/v1/strategies").then().statusCode(200).body("items", hasSize(0));
        as(stranger).get("/api/v1/strategies/" + id + "/executions").then().statusCode(404);
        as(stranger).body(DEPLOY_EVERY_5S).post("/api/v1/strategies/" + id + "/deploy").then().statusCode(404);
    }

    @Test
    void reportsEveryGraphProblemWithItsPointer() {
        as(user).body("""
                        {"name": "", "tags": [],
                         "graph": {"nodes": [{"id": "a", "type": "filter"}, {"id": "a", "type": "teleporter"}],
                                   "edges": [{"source": "a", "target": "ghost"}]}}""")
                .post("/api/v1/strategies")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.pointer", hasItems("/name", "/graph/nodes/1/id", "/graph/nodes/1/type", "/graph/nodes",
                        "/graph/edges/0/target"));
    }

    @Test
    void rejectsMalformedAndMistypedBodies() {
        as(user).body("{\"name\": ").post("/api/v1/strategies")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", startsWith("the body is not valid JSON")).body("errors[0].pointer", equalTo(""));
        as(user).body("{\"name\": \"x\", \"graph\": {\"nodes\": \"not a list\"}}").post("/api/v1/strategies")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].pointer", equalTo("/graph/nodes"));
        as(user).body("").post("/api/v1/strategies")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void deployingWithAutoStartMakesTheStrategyDue() {
        String id = create(user);
        as(user).body(DEPLOY_EVERY_5S)
                .post("/api/v1/strategies/" + id + "/deploy")
                .then().statusCode(200)
                .body("status", equalTo("running"))
                .body("deployment.schedule.type", equalTo("interval"))
                .body("deployment.schedule.everySeconds", equalTo(5))
                .body("deployment.tradingMode", equalTo("paper"))
                .body("nextExecutionAt", notNullValue());

        // The start is announced through the outbox, as a CloudEvent in JSON.
        var events = owner.pool().preparedQuery("SELECT payload::jsonb AS payload FROM outbox_events WHERE message_key = $1")
                .execute(Tuple.of(id)).await().indefinitely();
        assertThat(events.size()).isEqualTo(1);
        JsonObject event = events.iterator().next().getJsonObject("payload");
        assertThat(event.getString("type")).isEqualTo("strategos.strategy_started");
        assertThat(event.getString("subject")).isEqualTo(id);
        assertThat(event.getJsonObject("data").getString("userId")).isEqualTo(user);
    }

    @Test
    void deployingWithoutAutoStartLeavesItStopped() {
        String id = create(user);
        as(user).body("""
                        {"schedule": {"type": "cron", "expression": "*/5 * * * *", "timezone": "Europe/Berlin"},
                         "tradingMode": "paper", "paperBankrollUsd": 500}""")
                .post("/api/v1/strategies/" + id + "/deploy")
                .then().statusCode(200)
                .body("status", equalTo("stopped"))
                .body("nextExecutionAt", nullValue());
    }

    @Test
    void refusesBadDeployments() {
        String id = create(user);
        as(user).body("""
                        {"schedule": {"type": "cron", "expression": "61 * * * *", "timezone": "Mars/Olympus"},
                         "tradingMode": "paper", "paperBankrollUsd": 50}""")
                .post("/api/v1/strategies/" + id + "/deploy")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", hasItems("/paperBankrollUsd", "/schedule/expression", "/schedule/timezone"));
        as(user).body("{\"schedule\": {\"type\": \"weekly\"}, \"tradingMode\": \"paper\", \"paperBankrollUsd\": 500}")
                .post("/api/v1/strategies/" + id + "/deploy")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].pointer", equalTo("/schedule"));
        as(user).body("{\"schedule\": {\"type\": \"interval\", \"everySeconds\": 60}, \"tradingMode\": \"live\", \"paperBankrollUsd\": 500}")
                .post("/api/v1/strategies/" + id + "/deploy")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/tradingMode"))
                .body("errors[0].message", containsString("live trading is not available"));
    }

    @Test
    void unknownStrategyIsNotFound() {
        as(user).get("/api/v1/strategies/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        as(user).get("/api/v1/strategies/not-a-uuid").then().statusCode(404);
    }

    @Test
    void executionsOfANewStrategyAreEmpty() {
        String id = create(user);
        as(user).get("/api/v1/strategies/" + id + "/executions").then().statusCode(200).body("items", hasSize(0));
        as(user).get("/api/v1/executions/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void openApiDescribesTheEndpoints() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/strategies'.post", notNullValue())
                .body("paths.'/api/v1/strategies/{id}/deploy'.post", notNullValue())
                .body("components.securitySchemes.jwt", notNullValue());
        given().get("/q/swagger-ui").then().statusCode(200).body(containsString("swagger"));
        given().get("/q/health/ready").then().statusCode(200).body("status", endsWith("UP"));
    }
}

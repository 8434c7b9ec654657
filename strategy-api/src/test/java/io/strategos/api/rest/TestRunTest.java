package io.strategos.api.rest;

import static io.restassured.RestAssured.given;
import static io.strategos.api.rest.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The lab's test-run endpoints in front of executor-worker. Here the executor URL leads nowhere, so a
 * valid request is 503; the runs themselves are checked against a real executor in end-to-end-tests
 * (LabIT) and in executor-worker's TestRunResourceTest.
 */
@QuarkusTest
class TestRunTest {

    private static String body(String graph) {
        return "{\"graph\": " + graph + ", \"paperBankrollUsd\": 1000}";
    }

    @Test
    void anInvalidGraphIsRefusedLikeACreateWithEveryProblemByPointer() {
        as(Fixtures.newUser()).body(body("""
                {"nodes": [{"id": "markets", "type": "no-such-node", "config": {}}], "edges": [{"source": "markets", "target": "ghost"}]}"""))
                .post("/api/v1/strategies/test-runs")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", hasItem("/graph/nodes/0/type"))
                .body("errors.pointer", hasItem("/graph/edges/0/target"));
        as(Fixtures.newUser()).body("{\"paperBankrollUsd\": 5}").post("/api/v1/strategies/test-runs")
                .then().statusCode(400).body("errors.pointer", hasItem("/graph")).body("errors.pointer", hasItem("/paperBankrollUsd"));
        as(Fixtures.newUser()).body("").post("/api/v1/strategies/test-runs").then().statusCode(400);
    }

    @Test
    void aValidRunIs503WithRetryAfterWhenNoExecutorAnswers() {
        as(Fixtures.newUser()).body(body(Fixtures.GRAPH)).post("/api/v1/strategies/test-runs")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("status", equalTo(503));
    }

    @Test
    void theRateIsLimitedPerUserWith429AndRetryAfter() {
        String user = Fixtures.newUser();
        for (int i = 0; i < 3; i++) {
            as(user).body(body(Fixtures.GRAPH)).post("/api/v1/strategies/test-runs").then().statusCode(503);
        }
        as(user).body(body(Fixtures.GRAPH)).post("/api/v1/strategies/test-runs")
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("title", equalTo("Too Many Requests"));
        as(Fixtures.newUser()).body(body(Fixtures.GRAPH)).post("/api/v1/strategies/test-runs").then().statusCode(503);
    }

    @Test
    void aSavedStrategyIsTheCallersOnly() {
        String owner = Fixtures.newUser();
        String id = Fixtures.create(owner, "Lab subject");
        as(owner).post("/api/v1/strategies/" + id + "/test-runs").then().statusCode(503);
        as(Fixtures.newUser()).post("/api/v1/strategies/" + id + "/test-runs")
                .then().statusCode(404).contentType("application/problem+json");
        as(owner).post("/api/v1/strategies/" + UUID.randomUUID() + "/test-runs").then().statusCode(404);
        as(owner).post("/api/v1/strategies/" + id + "/test-runs?version=2").then().statusCode(404);
        as(owner).post("/api/v1/strategies/" + id + "/test-runs?version=0")
                .then().statusCode(400).body("errors[0].pointer", equalTo("version"));
    }

    @Test
    void aTokenIsRequired() {
        given().contentType(ContentType.JSON).body(body(Fixtures.GRAPH)).post("/api/v1/strategies/test-runs")
                .then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).post("/api/v1/strategies/" + UUID.randomUUID() + "/test-runs")
                .then().statusCode(401);
    }
}

package io.strategos.api.rest;

import static io.strategos.api.rest.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.strategos.model.schedule.Jitter;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LifecycleTest {

    /** As executor-worker: the owner writes runs and status changes, and reads the outbox. */
    @Inject
    OwnerPool owner;

    private final String user = Fixtures.newUser();
    private final String stranger = Fixtures.newUser();

    private List<String> events(String strategyId) {
        List<String> types = new ArrayList<>();
        for (Row row : owner.pool().preparedQuery("SELECT event_type FROM outbox_events WHERE message_key = $1 ORDER BY id")
                .execute(Tuple.of(strategyId)).await().indefinitely()) {
            types.add(row.getString("event_type"));
        }
        return types;
    }

    private static io.restassured.response.ValidatableResponse act(String user, String id, String action) {
        return as(user).post("/api/v1/strategies/" + id + "/" + action).then();
    }

    @Test
    void walksTheStateMachineRecordingEachTransitionAndEvent() {
        String id = Fixtures.create(user, "Lifecycle");
        act(user, id, "start").statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("deploy it first")).body("detail", containsString("current state: draft"));

        as(user).body(Fixtures.DEPLOY_STOPPED).post("/api/v1/strategies/" + id + "/deploy").then()
                .statusCode(200).body("status", equalTo("stopped")).body("nextExecutionAt", nullValue());
        act(user, id, "start").statusCode(200).body("status", equalTo("running")).body("nextExecutionAt", notNullValue());
        act(user, id, "start").statusCode(409).body("detail", containsString("current state: running"));
        act(user, id, "archive").statusCode(409).body("detail", containsString("stop it first"));
        act(user, id, "pause").statusCode(200).body("status", equalTo("paused")).body("nextExecutionAt", nullValue());
        act(user, id, "pause").statusCode(409).body("detail", containsString("current state: paused"));
        act(user, id, "resume").statusCode(200).body("status", equalTo("running"));
        act(user, id, "stop").statusCode(200).body("status", equalTo("stopped"));
        act(user, id, "resume").statusCode(409);
        act(user, id, "archive").statusCode(200).body("status", equalTo("archived")).body("archived", equalTo(true));
        act(user, id, "archive").statusCode(409);
        as(user).body(Fixtures.DEPLOY_STOPPED).post("/api/v1/strategies/" + id + "/deploy").then().statusCode(409);
        as(user).body(Fixtures.body("Edited", null, "[]", null)).put("/api/v1/strategies/" + id).then().statusCode(409);
        as(user).post("/api/v1/strategies/" + id + "/runs").then().statusCode(409);
        act(user, id, "unarchive").statusCode(200).body("status", equalTo("stopped"));

        assertThat(events(id)).containsExactly("strategy_started", "strategy_paused", "strategy_started", "strategy_stopped");
        as(user).get("/api/v1/strategies/" + id + "/transitions").then().statusCode(200)
                .body("action", equalTo(List.of("unarchive", "archive", "stop", "resume", "pause", "start", "deploy")))
                .body("[0].fromStatus", equalTo("archived")).body("[0].toStatus", equalTo("stopped"));
    }

    @Test
    void anUndeployedArchivedStrategyComesBackAsADraft() {
        String id = Fixtures.create(user, "Never deployed");
        act(user, id, "archive").statusCode(200);
        as(user).get("/api/v1/strategies").then().body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id)));
        as(user).get("/api/v1/strategies?archived=true").then().body("items.id", equalTo(List.of(id)));
        act(user, id, "unarchive").statusCode(200).body("status", equalTo("draft"));
    }

    @Test
    void resumingAStrategyPausedByErrorsResetsItsErrorCount() {
        String id = Fixtures.deployed(user, "Erring");
        // As executor-worker leaves a strategy it auto-paused: status error, no next slot, the failures counted.
        Sql.as(owner.pool(), user, """
                WITH paused AS (UPDATE strategies SET status = 'error' WHERE id = $1)
                UPDATE strategy_run_state SET consecutive_errors = 3, next_run_at = NULL WHERE strategy_id = $1""",
                Tuple.of(UUID.fromString(id)));
        as(user).get("/api/v1/strategies/" + id).then().body("stats.consecutiveErrors", equalTo(3))
                .body("nextExecutionAt", nullValue());
        act(user, id, "pause").statusCode(409).body("detail", containsString("current state: error"));
        act(user, id, "resume").statusCode(200).body("status", equalTo("running")).body("stats.consecutiveErrors", equalTo(0));
        as(user).get("/api/v1/strategies/" + id).then().body("stats.consecutiveErrors", equalTo(0))
                .body("nextExecutionAt", notNullValue());
    }

    @Test
    void limitsThatAreUsedUpKeepAStrategyFromStarting() {
        String id = Fixtures.create(user, "Limited");
        as(user).body("""
                        {"schedule": {"type": "interval", "everySeconds": 60}, "tradingMode": "paper", "paperBankrollUsd": 1000,
                         "maxExecutions": 2}""")
                .post("/api/v1/strategies/" + id + "/deploy").then().statusCode(200)
                .body("deployment.maxExecutions", equalTo(2));
        Sql.as(owner.pool(), user, """
                WITH completed AS (UPDATE strategies SET status = 'completed' WHERE id = $1)
                UPDATE strategy_run_state SET total_executions = 2 WHERE strategy_id = $1""",
                Tuple.of(UUID.fromString(id)));
        act(user, id, "start").statusCode(409).body("detail", containsString("maxExecutions"));
    }

    @Test
    void deploymentSettingsAreValidatedTogether() {
        String id = Fixtures.create(user, "Settings");
        as(user).body("""
                        {"schedule": {"type": "interval", "everySeconds": 0}, "tradingMode": "paper", "paperBankrollUsd": 2000000,
                         "maxExecutions": 0, "expiresAt": "2001-01-01T00:00:00Z", "maxDrawdownPct": 150,
                         "autoPauseAfterConsecutiveErrors": 0, "jitterSeconds": 3601,
                         "triggerCondition": {"field": "mood", "operator": "about", "value": 1}}""")
                .post("/api/v1/strategies/" + id + "/deploy").then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", hasItems("/schedule/everySeconds", "/paperBankrollUsd", "/maxExecutions", "/expiresAt",
                        "/maxDrawdownPct", "/autoPauseAfterConsecutiveErrors", "/jitterSeconds", "/triggerCondition/field",
                        "/triggerCondition/operator"));
        as(user).body("{\"tradingMode\": \"paper\"}").post("/api/v1/strategies/" + id + "/deploy").then().statusCode(400)
                .body("errors.pointer", hasItems("/schedule", "/paperBankrollUsd"));
        as(user).body("""
                        {"schedule": {"type": "once", "at": "2030-01-01T00:00:00Z"}, "tradingMode": "paper", "paperBankrollUsd": 100,
                         "misfirePolicy": "skip", "maxDrawdownPct": 20, "expiresAt": "2031-01-01T00:00:00Z",
                         "triggerCondition": {"field": "volume24h", "operator": "gt", "value": 10000}}""")
                .post("/api/v1/strategies/" + id + "/deploy").then().statusCode(200)
                .body("deployment.misfirePolicy", equalTo("skip"))
                .body("deployment.maxDrawdownPct", equalTo(20))
                .body("deployment.triggerCondition.operator", equalTo("gt"));
    }

    @Test
    void jitterMovesTheFirstRunAFixedOffsetPastItsSlot() {
        String id = Fixtures.create(user, "Spread");
        String next = as(user).body("""
                        {"schedule": {"type": "cron", "expression": "0 * * * *", "timezone": "UTC"}, "tradingMode": "paper",
                         "paperBankrollUsd": 1000, "autoStart": true, "jitterSeconds": 3600}""")
                .post("/api/v1/strategies/" + id + "/deploy").then().statusCode(200)
                .body("deployment.jitterSeconds", equalTo(3600))
                .extract().path("nextExecutionAt");

        long offset = new Jitter(3600).offsetSeconds(UUID.fromString(id));
        Instant slot = Instant.parse(next).minusSeconds(offset);
        assertThat(slot.getEpochSecond() % 3600).as("the hour the run belongs to").isZero();
        assertThat(Instant.parse(next)).isAfter(Instant.now().minusSeconds(5)).isBefore(Instant.now().plusSeconds(7_200));
    }

    @Test
    void runNowQueuesARequestWithThePreassignedExecutionId() {
        String draft = Fixtures.create(user, "Draft");
        as(user).post("/api/v1/strategies/" + draft + "/runs").then().statusCode(409)
                .body("detail", containsString("deploy it first"));

        String id = Fixtures.deployed(user, "Manual");
        var accepted = as(user).post("/api/v1/strategies/" + id + "/runs").then().statusCode(202)
                .body("strategyId", equalTo(id)).body("requestedAt", notNullValue()).extract();
        String executionId = accepted.path("executionId");
        assertThat(accepted.header("Location")).endsWith("/api/v1/executions/" + executionId);
        as(user).post("/api/v1/strategies/" + id + "/runs").then().statusCode(202);
        var rows = Sql.as(owner.pool(), user, "SELECT execution_id, owner_id FROM run_requests WHERE strategy_id = $1",
                Tuple.of(UUID.fromString(id)));
        assertThat(rows.size()).isEqualTo(2);
        List<String> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.getUUID("execution_id").toString()));
        assertThat(ids).contains(executionId);
        as(stranger).post("/api/v1/strategies/" + id + "/runs").then().statusCode(404);
    }

    @Test
    void strangersCannotControlAStrategy() {
        String id = Fixtures.deployed(user, "Mine");
        for (String action : List.of("start", "pause", "resume", "stop", "archive", "unarchive", "publish")) {
            act(stranger, id, action).statusCode(404).contentType("application/problem+json");
        }
        as(stranger).get("/api/v1/strategies/" + id + "/transitions").then().statusCode(404);
        as(user).get("/api/v1/strategies/" + id).then().body("status", equalTo("stopped"));
    }
}

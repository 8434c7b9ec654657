package io.strategos.api.rest;

import static io.restassured.RestAssured.given;
import static io.strategos.api.rest.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The packaged strategy-api (the jar in CI, the native executable with -Dnative) through its HTTP
 * interface, against the module's test resources: PostgreSQL and the test JWT keys, whose settings
 * reach the application as its configuration. The database is only looked at, never written.
 */
@QuarkusIntegrationTest
class StrategyApiIT {

    private final String user = Fixtures.newUser();

    @Test
    void createReplaceDeployStartAndRunNow() throws Exception {
        String id = as(user).body(Fixtures.body("Packaged", "runs from the jar", "[\"it\"]", null))
                .post("/api/v1/strategies")
                .then().statusCode(201).header("ETag", equalTo("\"1\""))
                .body("version", equalTo(1)).body("status", equalTo("draft")).body("graph.nodes", hasSize(2))
                .extract().path("id");
        as(user).get("/api/v1/strategies/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).body("name", equalTo("Packaged")).body("tags", equalTo(List.of("it")));

        as(user).header("If-Match", "\"1\"").body(Fixtures.body("Packaged v2", null, "[]", null))
                .put("/api/v1/strategies/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"2\"")).body("version", equalTo(2));
        as(user).header("If-Match", "\"1\"").body(Fixtures.body("Stale", null, "[]", null))
                .put("/api/v1/strategies/" + id)
                .then().statusCode(412).contentType("application/problem+json").body("status", equalTo(412));

        as(user).body(Fixtures.DEPLOY_STOPPED).post("/api/v1/strategies/" + id + "/deploy")
                .then().statusCode(200).body("status", equalTo("stopped")).body("deployment.schedule.everySeconds", equalTo(60));
        as(user).post("/api/v1/strategies/" + id + "/start")
                .then().statusCode(200).body("status", equalTo("running")).body("nextExecutionAt", notNullValue());

        // The start is announced in the same transaction, through the outbox the executor relays.
        assertThat(outboxEventTypes(id)).containsExactly("strategos.strategy_started");

        // Run now: queued for the executor under an execution id given out at once.
        var accepted = as(user).post("/api/v1/strategies/" + id + "/runs")
                .then().statusCode(202).body("strategyId", equalTo(id)).extract();
        assertThat(accepted.header("Location")).endsWith("/api/v1/executions/" + accepted.path("executionId"));
    }

    @Test
    void listsAndSearchesOnlyTheCallersStrategies() {
        String weather = Fixtures.create(user, "Rain in Berlin", "weather markets", "[\"weather\"]", null);
        String other = Fixtures.create(user, "Election odds");

        as(user).get("/api/v1/strategies").then().statusCode(200).body("items.id", hasItems(weather, other));
        as(user).get("/api/v1/strategies?q=berlin rain").then().statusCode(200).body("items.id", equalTo(List.of(weather)));
        // Pages by cursor; a cursor whose key is no time is the client's error (java.time's parsing, natively).
        String next = as(user).get("/api/v1/strategies?limit=1").then().statusCode(200).extract().path("nextCursor");
        as(user).get("/api/v1/strategies?limit=1&cursor=" + next).then().statusCode(200).body("items", hasSize(1));
        String byName = as(user).get("/api/v1/strategies?limit=1&sort=name").then().statusCode(200).extract().path("nextCursor");
        as(user).get("/api/v1/strategies?cursor=" + byName).then().statusCode(400).body("errors[0].pointer", equalTo("cursor"));

        String stranger = Fixtures.newUser();
        as(stranger).get("/api/v1/strategies/" + weather).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        as(stranger).get("/api/v1/strategies?q=berlin").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void refusesInvalidGraphsWithProblemDetails() {
        as(user).body("""
                        {"name": "", "graph": {"nodes": [{"id": "a", "type": "filter"}, {"id": "a", "type": "teleporter"}],
                                               "edges": [{"source": "a", "target": "ghost"}]}}""")
                .post("/api/v1/strategies")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", hasItems("/name", "/graph/nodes/1/id", "/graph/nodes/1/type", "/graph/edges/0/target"));
        given().get("/api/v1/strategies").then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }

    @Test
    void previewsACronScheduleInItsZone() {
        // Natively this needs Caffeine's cache classes (parsed cron expressions are kept) and the image's time-zone
        // data; India has no daylight saving, so every fire is at 09:30 local time.
        as(user).get("/api/v1/schedules/preview?cron=30 9 * * *&timezone=Asia/Kolkata&count=3")
                .then().statusCode(200).body("timezone", equalTo("Asia/Kolkata")).body("fireTimes", hasSize(3))
                .body("localFireTimes", everyItem(endsWith("T09:30+05:30")));
    }

    @Test
    void servesHealthAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", endsWith("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/strategies/{id}'.put", notNullValue())
                .body("paths.keySet()", hasItem("/api/v1/strategies/{id}/start"));
    }

    /** Types of the events waiting in the outbox for a strategy, oldest first. */
    private static List<String> outboxEventTypes(String strategyId) throws Exception {
        // The test resources' settings are system properties of this JVM as well as the application's config.
        // The outbox is read as the tables' owner (the role Flyway migrates as): the API may only insert into it.
        var config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.flyway.username", String.class),
                config.getValue("quarkus.flyway.password", String.class));
             PreparedStatement query = db.prepareStatement(
                     "SELECT payload::jsonb ->> 'type' FROM outbox_events WHERE message_key = ? ORDER BY id")) {
            query.setString(1, strategyId);
            List<String> types = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    types.add(rows.getString(1));
                }
            }
            return types;
        }
    }
}

package io.strategos.api.rest;

import static io.strategos.api.rest.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.strategos.api.service.IdempotencyKeyPurge;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Idempotency-Key: a retry answers as the first request did and acts no more; per user; checked. */
@QuarkusTest
class IdempotencyTest {

    @Inject
    Pool pool;

    @Inject
    IdempotencyKeyPurge purge;

    private final String user = Fixtures.newUser();

    private long count(String user, String statement) {
        return Sql.as(pool, user, statement, Tuple.tuple()).iterator().next().getLong(0);
    }

    /** The user's own: row-level security also shows everyone's published templates. */
    private long strategies(String user) {
        return count(user, "SELECT count(*) FROM strategies WHERE owner_id = current_setting('app.user_id', true)");
    }

    private static Response create(String user, String key, String name) {
        return as(user).header("Idempotency-Key", key).body(Fixtures.body(name, null, "[]", null)).post("/api/v1/strategies");
    }

    @Test
    void aRetriedCreateAnswersTheSameAndCreatesNothingNew() {
        String key = UUID.randomUUID().toString();
        Response first = create(user, key, "Once");
        first.then().statusCode(201);
        Response retry = create(user, key, "Once");
        retry.then().statusCode(201).contentType("application/json");
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(retry.jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
        assertThat(retry.jsonPath().getString("name")).isEqualTo("Once");
        assertThat(strategies(user)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() {
        String key = UUID.randomUUID().toString();
        create(user, key, "First").then().statusCode(201);
        create(user, key, "Second").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("Idempotency-Key"));
        String id = Fixtures.create(user, "Other");
        as(user).header("Idempotency-Key", key).post("/api/v1/strategies/" + id + "/duplicate").then().statusCode(422);
        assertThat(strategies(user)).isEqualTo(2);
    }

    @Test
    void keysArePerUser() {
        String key = UUID.randomUUID().toString();
        String other = Fixtures.newUser();
        Response mine = create(user, key, "Mine");
        Response theirs = create(other, key, "Theirs");
        mine.then().statusCode(201);
        theirs.then().statusCode(201).body("name", equalTo("Theirs"));
        assertThat(theirs.jsonPath().getString("id")).isNotEqualTo(mine.jsonPath().getString("id"));
        assertThat(strategies(user)).isEqualTo(1);
        assertThat(strategies(other)).isEqualTo(1);
    }

    @Test
    void retriedRunsDeploysDuplicatesAndCopiesActOnce() {
        String id = Fixtures.create(user, "Source");
        String deploy = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            as(user).header("Idempotency-Key", deploy).body(Fixtures.DEPLOY_STOPPED).post("/api/v1/strategies/" + id + "/deploy")
                    .then().statusCode(200).body("id", equalTo(id));
        }
        String run = UUID.randomUUID().toString();
        Response firstRun = as(user).header("Idempotency-Key", run).post("/api/v1/strategies/" + id + "/runs");
        Response retriedRun = as(user).header("Idempotency-Key", run).post("/api/v1/strategies/" + id + "/runs");
        firstRun.then().statusCode(202);
        retriedRun.then().statusCode(202);
        assertThat(retriedRun.header("Location")).isEqualTo(firstRun.header("Location"));
        assertThat(retriedRun.jsonPath().getString("executionId")).isEqualTo(firstRun.jsonPath().getString("executionId"));
        assertThat(count(user, "SELECT count(*) FROM strategy_transitions")).isLessThanOrEqualTo(1);

        String duplicate = UUID.randomUUID().toString();
        String copyId = as(user).header("Idempotency-Key", duplicate).post("/api/v1/strategies/" + id + "/duplicate")
                .then().statusCode(201).extract().path("id");
        as(user).header("Idempotency-Key", duplicate).post("/api/v1/strategies/" + id + "/duplicate")
                .then().statusCode(201).body("id", equalTo(copyId));
        assertThat(strategies(user)).isEqualTo(2);

        as(user).post("/api/v1/strategies/" + id + "/publish").then().statusCode(200);
        String reader = Fixtures.newUser();
        String copy = UUID.randomUUID().toString();
        String copied = as(reader).header("Idempotency-Key", copy).post("/api/v1/templates/" + id + "/copy")
                .then().statusCode(201).extract().path("id");
        as(reader).header("Idempotency-Key", copy).post("/api/v1/templates/" + id + "/copy")
                .then().statusCode(201).body("id", equalTo(copied));
        assertThat(strategies(reader)).isEqualTo(1);
    }

    /** Sent at once, the same request with the same key acts once; every answer is the one strategy. */
    @Test
    void concurrentRetriesActOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> create(user, key, "Raced"), threads));
            }
            List<String> ids = new ArrayList<>();
            for (CompletableFuture<Response> answer : answers) {
                Response response = answer.get();
                assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
                ids.add(response.jsonPath().getString("id"));
            }
            assertThat(ids).containsOnly(ids.getFirst());
        } finally {
            threads.shutdown();
        }
        assertThat(strategies(user)).isEqualTo(1);
    }

    @Test
    void aMalformedKeyIs400NamingTheHeader() {
        for (String key : new String[] {"with space", "x".repeat(256), "naïve"}) {
            create(user, key, "Never").then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].pointer", equalTo("Idempotency-Key"));
        }
        assertThat(strategies(user)).isZero();
    }

    @Test
    void aFailedRequestStoresNothingAndRunsAgainWhenRetried() {
        String key = UUID.randomUUID().toString();
        as(user).header("Idempotency-Key", key).body(Fixtures.body("", null, "[]", null)).post("/api/v1/strategies")
                .then().statusCode(400);
        as(user).header("Idempotency-Key", key).body(Fixtures.body("", null, "[]", null)).post("/api/v1/strategies")
                .then().statusCode(400);
        assertThat(count(user, "SELECT count(*) FROM idempotency_keys")).isZero();
    }

    /** The periodic purge, as the service runs it (strategos_api): every user's expired keys go, live ones stay. */
    @Test
    void expiredKeysArePurged() {
        String other = Fixtures.newUser();
        String insert = "INSERT INTO idempotency_keys (owner_id, idempotency_key, request_hash, status, expires_at) "
                + "VALUES (current_setting('app.user_id', true), $1, 'h', 201, now() + make_interval(mins => $2))";
        Sql.as(pool, user, insert, Tuple.of("expired", -60));
        Sql.as(pool, other, insert, Tuple.of("expired", -1));
        Sql.as(pool, other, insert, Tuple.of("live", 60));
        purge.purge().await().indefinitely();
        assertThat(count(user, "SELECT count(*) FROM idempotency_keys")).isZero();
        assertThat(count(other, "SELECT count(*) FROM idempotency_keys")).isEqualTo(1);
    }
}

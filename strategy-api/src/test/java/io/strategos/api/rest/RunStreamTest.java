package io.strategos.api.rest;

import static io.strategos.api.rest.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strategos.api.stream.RunStreamMaintenance;
import io.strategos.localstack.testing.JwtTestResource;
import io.strategos.localstack.testing.SseClient;
import io.strategos.localstack.testing.SseClient.Event;
import io.strategos.model.stream.RunChangeChannel;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/strategies/stream, read as a browser reads it. Runs are recorded as executor-worker
 * records them, on a connection of the tables' owner: they reach the stream only through PostgreSQL.
 */
@QuarkusTest
class RunStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/api/v1/strategies/stream")
    URI stream;

    @Inject
    OwnerPool owner;

    @Inject
    RunStreamMaintenance maintenance;

    private final String user = Fixtures.newUser();
    private final String stranger = Fixtures.newUser();

    private SseClient open(String user, String query, String lastEventId) {
        SseClient client = SseClient.open(query == null ? stream : URI.create(stream + "?" + query), JwtTestResource.token(user), lastEventId);
        assertThat(client.status()).isEqualTo(200);
        return client;
    }

    private static void start(String user, String strategyId) {
        as(user).post("/api/v1/strategies/" + strategyId + "/start").then().statusCode(200);
    }

    /**
     * A run recorded the way executor-worker records one: by the tables' owner, in a transaction of its
     * own, then announced once committed.
     */
    private UUID recordRun(String user, String strategyId) {
        UUID execution = recordRunUnannounced(user, strategyId);
        owner.pool().preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(RunChangeChannel.NAME, user))
                .await().atMost(WAIT);
        return execution;
    }

    /** A run whose notice was lost: executor-worker stopped between the commit and the notice. */
    private UUID recordRunUnannounced(String user, String strategyId) {
        UUID execution = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Sql.as(owner.pool(), user, """
                INSERT INTO executions (id, strategy_id, owner_id, strategy_version, trigger, scheduled_for, started_at,
                                        completed_at, status, duration_ms)
                VALUES ($1, $2, $3, 1, 'interval', $4, $4, $4, 'failed', 7)""", Tuple.of(execution, UUID.fromString(strategyId), user, now));
        return execution;
    }

    @Test
    void statusChangesAndRunsRecordedElsewhereArriveAndOnlyTheCallers() throws Exception {
        String mine = Fixtures.deployed(user, "mine");
        String theirs = Fixtures.deployed(stranger, "theirs");
        try (SseClient client = open(user, null, null)) {
            start(stranger, theirs);
            recordRun(stranger, theirs);
            start(user, mine);

            Event started = client.next(WAIT);
            JsonObject status = new JsonObject(started.data());
            assertThat(started.name()).isEqualTo("status");
            assertThat(status.getString("strategyId")).isEqualTo(mine);
            assertThat(status.getJsonObject("statusChange").getString("action")).isEqualTo("start");
            assertThat(status.getJsonObject("statusChange").getString("toStatus")).isEqualTo("running");

            UUID run = recordRun(user, mine);
            Event recorded = client.next(WAIT);
            assertThat(recorded.name()).isEqualTo("execution");
            assertThat(new JsonObject(recorded.data()).getJsonObject("execution").getString("id")).isEqualTo(run.toString());
            assertThat(new JsonObject(recorded.data()).getJsonObject("execution").getString("status")).isEqualTo("failed");
            assertThat(Long.parseLong(recorded.id())).isGreaterThan(Long.parseLong(started.id()));

            assertThat(client.drain(Duration.ofSeconds(2))).isEmpty();
        }
    }

    @Test
    void strategyIdNarrowsTheStreamToOneStrategy() throws Exception {
        String watched = Fixtures.deployed(user, "watched");
        String other = Fixtures.deployed(user, "other");
        try (SseClient client = open(user, "strategyId=" + watched, null)) {
            start(user, other);
            recordRun(user, other);
            UUID run = recordRun(user, watched);

            Event only = client.next(WAIT);
            assertThat(new JsonObject(only.data()).getJsonObject("execution").getString("id")).isEqualTo(run.toString());
            assertThat(client.drain(Duration.ofSeconds(2))).isEmpty();
        }
    }

    @Test
    void aClientThatReconnectsWithLastEventIdGetsWhatItMissedInOrder() throws Exception {
        String strategy = Fixtures.deployed(user, "replayed");
        String seen;
        try (SseClient client = open(user, null, null)) {
            start(user, strategy);
            seen = client.next(WAIT).id();
        }
        UUID first = recordRun(user, strategy);
        as(user).post("/api/v1/strategies/" + strategy + "/pause").then().statusCode(200);

        try (SseClient client = open(user, null, seen)) {
            Event run = client.next(WAIT);
            Event paused = client.next(WAIT);
            assertThat(new JsonObject(run.data()).getJsonObject("execution").getString("id")).isEqualTo(first.toString());
            assertThat(new JsonObject(paused.data()).getJsonObject("statusChange").getString("action")).isEqualTo("pause");
            assertThat(client.drain(Duration.ofSeconds(1))).isEmpty();
        }
    }

    @Test
    void aRunWhoseNoticeWasLostArrivesAtTheNextCatchUp() throws Exception {
        String strategy = Fixtures.deployed(user, "unannounced");
        try (SseClient client = open(user, null, null)) {
            assertThat(client.poll(WAIT).comment()).isEqualTo("open");
            UUID run = recordRunUnannounced(user, strategy);
            assertThat(client.drain(Duration.ofSeconds(2))).isEmpty();

            maintenance.catchUp();
            Event caughtUp = client.next(WAIT);
            assertThat(new JsonObject(caughtUp.data()).getJsonObject("execution").getString("id")).isEqualTo(run.toString());
        }
    }

    @Test
    void idleStreamsGetHeartbeats() throws Exception {
        try (SseClient client = open(user, null, null)) {
            assertThat(client.poll(WAIT).comment()).isEqualTo("open");
            assertThat(client.poll(Duration.ofSeconds(5)).comment()).isEqualTo("heartbeat");
        }
    }

    @Test
    void withoutATokenItIs401ProblemJson() {
        try (SseClient client = SseClient.open(stream, null, null)) {
            assertThat(client.status()).isEqualTo(401);
            assertThat(client.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void aBadStrategyIdOrLastEventIdIs400ProblemJson() {
        try (SseClient client = SseClient.open(URI.create(stream + "?strategyId=nope"), JwtTestResource.token(user), "-1")) {
            assertThat(client.status()).isEqualTo(400);
            assertThat(client.contentType()).startsWith("application/problem+json");
        }
    }
}

package io.strategos.api.rest;

import static io.strategos.api.rest.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StrategyDefinitionTest {

    private final String user = Fixtures.newUser();
    private final String stranger = Fixtures.newUser();

    @Test
    void replacingStoresTheNextVersionAndKeepsTheOldOnes() {
        String id = Fixtures.create(user, "First");
        as(user).header("If-Match", "\"1\"").body(Fixtures.body("Second", "better", "[\"x\"]", "lab"))
                .put("/api/v1/strategies/" + id)
                .then().statusCode(200).header("ETag", "\"2\"")
                .body("version", equalTo(2)).body("name", equalTo("Second")).body("folder", equalTo("lab"));

        as(user).header("If-None-Match", "\"2\"").get("/api/v1/strategies/" + id).then().statusCode(304);
        as(user).header("If-None-Match", "\"1\"").get("/api/v1/strategies/" + id).then().statusCode(200);
        as(user).get("/api/v1/strategies/" + id + "/versions").then().statusCode(200)
                .body("items.version", equalTo(List.of(2, 1)))
                .body("items[0].graph", nullValue())
                .body("nextCursor", nullValue());
        as(user).get("/api/v1/strategies/" + id + "/versions/1").then().statusCode(200)
                .body("name", equalTo("First")).body("graph.nodes", hasSize(2));
        as(user).get("/api/v1/strategies/" + id + "/versions/9").then().statusCode(404)
                .contentType("application/problem+json");

        as(user).post("/api/v1/strategies/" + id + "/versions/1/restore").then().statusCode(200)
                .header("ETag", "\"3\"").body("version", equalTo(3)).body("name", equalTo("First"));
        as(user).get("/api/v1/strategies/" + id + "/versions?limit=2").then().statusCode(200)
                .body("items.version", equalTo(List.of(3, 2))).body("nextCursor", notNullValue());
    }

    @Test
    void aStaleIfMatchIsRefusedWith412() {
        String id = Fixtures.create(user, "Contended");
        as(user).header("If-Match", "\"1\"").body(Fixtures.body("Mine", null, "[]", null))
                .put("/api/v1/strategies/" + id).then().statusCode(200);
        as(user).header("If-Match", "\"1\"").body(Fixtures.body("Theirs", null, "[]", null))
                .put("/api/v1/strategies/" + id)
                .then().statusCode(412).contentType("application/problem+json")
                .body("status", equalTo(412)).body("detail", containsString("version 2"));
        as(user).header("If-Match", "W/\"2\"").body(Fixtures.body("Weak", null, "[]", null))
                .put("/api/v1/strategies/" + id).then().statusCode(412);
        as(user).header("If-Match", "\"1\"").delete("/api/v1/strategies/" + id).then().statusCode(412);
        as(user).header("If-Match", "\"1\"").post("/api/v1/strategies/" + id + "/versions/1/restore").then().statusCode(412);
        as(user).get("/api/v1/strategies/" + id).then().body("name", equalTo("Mine"));
    }

    @Test
    void ofTwoConcurrentWritesWithTheSameIfMatchExactlyOneWins() {
        String id = Fixtures.create(user, "Raced");
        List<CompletableFuture<Integer>> writes = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> as(user).header("If-Match", "\"1\"")
                        .body(Fixtures.body("Writer " + i, null, "[]", null)).put("/api/v1/strategies/" + id).statusCode()))
                .toList();
        List<Integer> statuses = writes.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).containsOnly(200, 412).filteredOn(s -> s == 200).hasSize(1);
        as(user).get("/api/v1/strategies/" + id).then().body("version", equalTo(2));
    }

    @Test
    void replaceValidatesLikeCreate() {
        String id = Fixtures.create(user, "Valid");
        as(user).body("""
                        {"name": "%s", "tags": [%s],
                         "graph": {"nodes": [{"id": "m", "type": "polymarket-stream", "config": {"limit": 0, "colour": 1}},
                                             {"id": "f", "type": "filter", "config": {"conditions": [{"field": "mood", "operator": "gt"}]}}],
                                   "edges": [{"source": "m", "target": "f"}, {"source": "f", "target": "m"}]}}"""
                        .formatted("n".repeat(201), IntStream.range(0, 21).mapToObj(i -> "\"t" + i + "\"").collect(Collectors.joining(","))))
                .put("/api/v1/strategies/" + id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", hasItems("/name", "/tags", "/graph/nodes/0/config/limit",
                        "/graph/nodes/1/config/conditions/0/field", "/graph/nodes/1/config/conditions/0/value"));
        as(user).get("/api/v1/strategies/" + id).then().body("version", equalTo(1));
    }

    @Test
    void reportsCyclesMissingSourcesAndTooManyNodes() {
        as(user).body("""
                        {"name": "Loop", "graph": {"nodes": [{"id": "s", "type": "polymarket-stream"}, {"id": "a", "type": "filter"},
                                                              {"id": "b", "type": "filter"}],
                                                    "edges": [{"source": "s", "target": "a"}, {"source": "a", "target": "b"},
                                                              {"source": "b", "target": "a"}]}}""")
                .post("/api/v1/strategies").then().statusCode(400)
                .body("errors.pointer", hasItem("/graph/edges")).body("errors.message", hasItem(containsString("cycle")));
        as(user).body("""
                        {"name": "No source", "graph": {"nodes": [{"id": "a", "type": "filter"}], "edges": []}}""")
                .post("/api/v1/strategies").then().statusCode(400)
                .body("errors.message", hasItem(containsString("source node")));
        String nodes = IntStream.range(0, 201).mapToObj(i -> "{\"id\": \"n" + i + "\", \"type\": \"polymarket-stream\"}")
                .collect(Collectors.joining(","));
        as(user).body("{\"name\": \"Huge\", \"graph\": {\"nodes\": [" + nodes + "], \"edges\": []}}")
                .post("/api/v1/strategies").then().statusCode(400)
                .body("errors.message", hasItem(containsString("at most 200 nodes")));
    }

    @Test
    void deleteRemovesTheStrategyForGood() {
        String id = Fixtures.create(user, "Doomed");
        as(stranger).delete("/api/v1/strategies/" + id).then().statusCode(404).contentType("application/problem+json");
        as(user).header("If-Match", "\"1\"").delete("/api/v1/strategies/" + id).then().statusCode(204);
        as(user).get("/api/v1/strategies/" + id).then().statusCode(404);
        as(user).get("/api/v1/strategies/" + id + "/versions").then().statusCode(404);
    }

    @Test
    void aRunningStrategyCannotBeDeleted() {
        String id = Fixtures.create(user, "Busy");
        as(user).body("""
                        {"schedule": {"type": "interval", "everySeconds": 3600}, "tradingMode": "paper",
                         "paperBankrollUsd": 1000, "autoStart": true}""")
                .post("/api/v1/strategies/" + id + "/deploy").then().statusCode(200);
        as(user).delete("/api/v1/strategies/" + id).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("current state: running"));
    }

    @Test
    void duplicateCopiesTheDefinitionIntoANewDraft() {
        String id = Fixtures.deployed(user, "Original");
        String copy = as(user).post("/api/v1/strategies/" + id + "/duplicate").then().statusCode(201)
                .header("Location", containsString("/api/v1/strategies/"))
                .body("name", equalTo("Original (copy)")).body("status", equalTo("draft")).body("version", equalTo(1))
                .body("deployment", nullValue()).body("graph.nodes", hasSize(2))
                .extract().path("id");
        assertThat(copy).isNotEqualTo(id);
        as(stranger).post("/api/v1/strategies/" + id + "/duplicate").then().statusCode(404);
    }

    @Test
    void favoritesAreStarredAndUnstarred() {
        String id = Fixtures.create(user, "Starred");
        String other = Fixtures.create(user, "Plain");
        as(user).put("/api/v1/strategies/" + id + "/favorite").then().statusCode(204);
        as(user).put("/api/v1/strategies/" + id + "/favorite").then().statusCode(204);
        as(user).get("/api/v1/strategies?favorite=true").then().statusCode(200)
                .body("items.id", equalTo(List.of(id)));
        as(user).get("/api/v1/strategies?favorite=false").then().body("items.id", hasItem(other))
                .body("items.id", not(hasItem(id)));
        as(user).delete("/api/v1/strategies/" + id + "/favorite").then().statusCode(204);
        as(user).get("/api/v1/strategies/" + id).then().body("favorite", equalTo(false));
        as(stranger).put("/api/v1/strategies/" + id + "/favorite").then().statusCode(404);
    }

    @Test
    void strangersGetNotFoundEverywhere() {
        String id = Fixtures.create(user, "Private");
        as(stranger).body(Fixtures.body("Hijack", null, "[]", null)).put("/api/v1/strategies/" + id).then().statusCode(404);
        as(stranger).get("/api/v1/strategies/" + id + "/versions").then().statusCode(404);
        as(stranger).get("/api/v1/strategies/" + id + "/versions/1").then().statusCode(404);
        as(stranger).post("/api/v1/strategies/" + id + "/versions/1/restore").then().statusCode(404);
        as(user).get("/api/v1/strategies/" + UUID.randomUUID() + "/versions/1").then().statusCode(404);
    }
}
